// Sign-in policy in one place: session idle limit, lockout thresholds, password rules.
export const SESSION_COOKIE = 'attain_session';

/** A session ends after this long without a request (sliding). */
export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
/** last_seen_at is written at most this often per session, so reads do not queue behind writes. */
export const TOUCH_INTERVAL_MS = 60 * 1000;
/** How long a looked-up session or API token is trusted without asking the database again; every
 * committed write forgets them at once (auth plugin), so this only bounds their age. */
export const AUTH_MEMO_MS = 30 * 1000;
/** Remembered lookups beyond this many are all dropped (a bound, not an expected size). */
export const AUTH_MEMO_MAX = 10_000;

/** Failed sign-ins to one account within the window that lock it. */
export const ACCOUNT_FAILURE_LIMIT = 5;
/** Failed sign-ins from one address within the window that block it (any accounts). */
export const ADDRESS_FAILURE_LIMIT = 20;
/** Failures count together when they fall within this window; a lock lasts as long. */
export const LOCKOUT_MS = 15 * 60 * 1000;

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;
