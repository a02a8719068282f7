// Errors of the forms inside dialogs, shown beside the form (a notice would sit behind the modal):
// the user-facing sentence from errors/message.ts; a lost session goes back to the login page.
import { signInAgain } from '$lib/errors/handle-error.svelte';
import { isUnauthenticated, userMessage } from '$lib/errors/message';
import { t } from '$lib/i18n/index.svelte';

export function formErrorOf(err: unknown): string {
  if (isUnauthenticated(err)) {
    signInAgain();
    return '';
  }
  console.warn('Form submission failed', err);
  return userMessage(err, t);
}
