// Keyboard navigation for data tables whose rows open a page: ArrowUp / ArrowDown move focus to the
// previous / next row's link (Home / End to the first / last), Enter follows it as links do.
import type { Action } from 'svelte/action';

const LINK = '[data-row-link]';

export const rowNav: Action<HTMLElement> = (node) => {
  function onKeydown(event: KeyboardEvent) {
    if (!['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(event.key)) return;
    const target = event.target as HTMLElement | null;
    if (!target?.matches(LINK)) return;
    const links = [...node.querySelectorAll<HTMLElement>(LINK)];
    const at = links.indexOf(target);
    if (at < 0) return;
    const next =
      event.key === 'ArrowDown' ? links[at + 1] : event.key === 'ArrowUp' ? links[at - 1] : event.key === 'Home' ? links[0] : links[links.length - 1];
    if (next) {
      event.preventDefault();
      next.focus();
    }
  }
  node.addEventListener('keydown', onKeydown);
  return { destroy: () => node.removeEventListener('keydown', onKeydown) };
};
