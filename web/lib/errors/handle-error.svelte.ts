// The one way to report an error from an action (a click, a form): a dismissible notice with the
// user-facing message; a lost session goes back to the login page instead. Load errors use ErrorPanel.
import { goto } from '$app/navigation';
import { t } from '$lib/i18n/index.svelte';
import { isUnauthenticated, userMessage } from './message';

export interface Notice {
  id: number;
  message: string;
}

class Notices {
  items = $state<Notice[]>([]);
  private next = 1;

  push(message: string): void {
    const id = this.next++;
    this.items = [...this.items, { id, message }];
    setTimeout(() => this.dismiss(id), 8000);
  }

  dismiss(id: number): void {
    this.items = this.items.filter((n) => n.id !== id);
  }
}

export const notices = new Notices();

/** Back to the login page, returning here afterwards. */
export function signInAgain(): void {
  const here = window.location.pathname + window.location.search;
  void goto(`/login?next=${encodeURIComponent(here)}`);
}

export function handleError(err: unknown, context?: string): void {
  if (isUnauthenticated(err)) {
    signInAgain();
    return;
  }
  console.warn(context ?? 'Action failed', err);
  notices.push(userMessage(err, t));
}
