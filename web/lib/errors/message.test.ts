// Which message the user sees for which failure.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api';
import { translate } from '../i18n/translate';
import type { MessageKey } from '../i18n/en';
import { isUnauthenticated, userMessage } from './message';

const t = (key: MessageKey, params?: Record<string, string | number>) => translate('en', key, params);

describe('userMessage', () => {
  it('shows the server message for client errors', () => {
    expect(userMessage(new ApiError(400, 'bad_period', 'period must be YYYY-MM.'), t)).toBe('period must be YYYY-MM.');
  });

  it('translates the codes it knows, with their details', () => {
    expect(userMessage(new ApiError(401, 'invalid_credentials', 'Wrong username or password.'), (k, p) => translate('zh', k, p))).toBe(
      '用户名或密码错误。',
    );
    const limited = new ApiError(429, 'too_many_attempts', 'Too many.', { retryAfterSeconds: 290 });
    expect(userMessage(limited, t)).toBe('Too many failed sign-ins; try again in 5 min.');
  });

  it('shows a generic sentence for server errors, unreachable servers and other failures', () => {
    expect(userMessage(new ApiError(500, 'internal', 'stack details'), t)).toBe(translate('en', 'error.server'));
    expect(userMessage(new ApiError(0, 'network', 'Failed to fetch'), t)).toBe(translate('en', 'error.network'));
    expect(userMessage(new TypeError('x is undefined'), t)).toBe(translate('en', 'error.unexpected'));
  });

  it('recognises a lost session', () => {
    expect(isUnauthenticated(new ApiError(401, 'unauthenticated', 'Log in.'))).toBe(true);
    expect(isUnauthenticated(new ApiError(403, 'forbidden', 'No.'))).toBe(false);
  });
});
