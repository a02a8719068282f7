// Turns any thrown value into the sentence the user sees: a translation for the error codes the UI
// knows, else the server's own message where it is meant for users (4xx), else a translated
// generic sentence (5xx, network, programming errors).
import { ApiError } from '../api';
import type { MessageKey } from '../i18n/en';
import type { MessageParams } from '../i18n/translate';

type Translate = (key: MessageKey, params?: MessageParams) => string;

const TRANSLATED_CODES: Record<string, MessageKey> = {
  invalid_credentials: 'apiError.invalid_credentials',
  account_disabled: 'apiError.account_disabled',
  too_many_attempts: 'apiError.too_many_attempts',
  forbidden: 'apiError.forbidden',
  csrf_failed: 'apiError.csrf_failed',
};

function retryMinutes(details: unknown): number {
  const seconds = (details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  return typeof seconds === 'number' && seconds > 0 ? Math.ceil(seconds / 60) : 1;
}

export function userMessage(err: unknown, t: Translate): string {
  if (err instanceof ApiError) {
    if (err.status === 0) return t('error.network');
    if (err.status >= 500) return t('error.server');
    const known = TRANSLATED_CODES[err.code];
    if (known) return t(known, { minutes: retryMinutes(err.details) });
    if (err.code === 'http_error' || err.code === 'bad_response') return t('error.unexpected');
    return err.message;
  }
  return t('error.unexpected');
}

/** True when the session is gone and the user must sign in again. */
export function isUnauthenticated(err: unknown): boolean {
  return err instanceof ApiError && err.status === 401;
}
