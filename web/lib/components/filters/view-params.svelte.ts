// A page's own view parameters (by, metric, sort, basis, a selected cohort…) live in the URL beside
// the filters, so a copied link shows the same view; this changes some of them and keeps the rest.
import { goto } from '$app/navigation';
import { page } from '$app/state';

/** Sets (or with null removes) query parameters of the current page; a new history entry. */
export async function setViewParams(patch: Record<string, string | readonly string[] | null>): Promise<void> {
  const url = new URL(page.url);
  for (const [key, value] of Object.entries(patch)) {
    url.searchParams.delete(key);
    if (value === null) continue;
    for (const v of typeof value === 'string' ? [value] : value) url.searchParams.append(key, v);
  }
  await goto(url, { keepFocus: true, noScroll: true });
}

/** `path` with the current page's query after applying `patch` (for links that change the view). */
export function viewHref(path: string, patch: Record<string, string | readonly string[] | null>): string {
  const params = new URLSearchParams(page.url.searchParams);
  for (const [key, value] of Object.entries(patch)) {
    params.delete(key);
    if (value === null) continue;
    for (const v of typeof value === 'string' ? [value] : value) params.append(key, v);
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}
