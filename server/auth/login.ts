// Sign-in: lockout checks, password verification (constant work for unknown names), a fresh
// session on every success, and an audit entry for every outcome.
import type { Database } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { auditWith } from './audit.ts';
import type { Clock } from './clock.ts';
import { burnPasswordCheck, verifyPassword } from './crypto.ts';
import { activeLock, clearAccountFailures, recordFailure, type Lock } from './login-limits.ts';
import { ACCOUNT_FAILURE_LIMIT } from './policy.ts';
import type { NewSession, SessionStore } from './sessions.ts';
import { findUserByUsername, normaliseUsername, type UserRecord } from './users.ts';

export interface LoginInput {
  username: string;
  password: string;
  ip: string;
  userAgent: string | null;
}

function lockError(lock: Lock, now: number): AppError {
  const retryAfterSeconds = Math.max(1, Math.ceil((lock.until - now) / 1000));
  const minutes = Math.ceil(retryAfterSeconds / 60);
  if (lock.kind === 'account') {
    return new AppError(
      429,
      'account_locked',
      `This account is locked for ${minutes} more minute${minutes === 1 ? '' : 's'} after ${ACCOUNT_FAILURE_LIMIT} failed sign-ins; try again later or ask an administrator to reset the password.`,
      { retryAfterSeconds },
    );
  }
  return new AppError(429, 'too_many_attempts', `Too many failed sign-ins from this address; try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, {
    retryAfterSeconds,
  });
}

export async function login(db: Database, sessions: SessionStore, clock: Clock, input: LoginInput): Promise<{ user: UserRecord; session: NewSession }> {
  const account = normaliseUsername(input.username);
  const now = clock.now();
  const lock = await activeLock(db, account, input.ip, now);
  if (lock) {
    await db.write((conn) => auditWith(conn, { username: account, action: 'login_refused', detail: { reason: `${lock.kind}_locked` }, ip: input.ip }, now));
    throw lockError(lock, now);
  }

  const user = await findUserByUsername(db, account);
  const passwordOk = user ? await verifyPassword(user.passwordHash, input.password) : (await burnPasswordCheck(input.password), false);
  if (!user || !passwordOk) {
    const caused = await db.write(async (conn) => {
      await auditWith(conn, { username: account, action: 'login_failed', detail: { reason: user ? 'wrong_password' : 'unknown_user' }, ip: input.ip }, now);
      return recordFailure(conn, account, input.ip, now);
    });
    if (caused) throw lockError(caused, now);
    throw new AppError(401, 'invalid_credentials', 'Wrong username or password.');
  }
  if (!user.active) {
    await db.write((conn) => auditWith(conn, { username: account, action: 'login_failed', detail: { reason: 'disabled' }, ip: input.ip }, now));
    throw new AppError(403, 'account_disabled', 'This account is disabled; ask an administrator to enable it.');
  }

  const session = await sessions.create(user.userId, { ip: input.ip, userAgent: input.userAgent });
  await db.write(async (conn) => {
    await clearAccountFailures(conn, account);
    await auditWith(conn, { username: user.username, action: 'login', detail: { via: 'password' }, ip: input.ip }, now);
  });
  const { passwordHash: _hash, ...record } = user;
  return { user: record, session };
}
