// Accounts and sign-in for API tests: create a user straight in the database, sign in through the
// real login route, and move the sign-in clock forward without waiting.
import type { FastifyInstance } from 'fastify';
import { hashPassword } from '../../server/auth/crypto.ts';
import type { Role } from '../../server/auth/types.ts';
import { insertUser } from '../../server/auth/users.ts';
import type { Database } from '../../server/db/database.ts';

export const DEFAULT_TEST_PASSWORD = 'correct-horse-42';

export interface CreatedTestUser {
  userId: string;
  username: string;
  password: string;
}

/** Inserts an account (no roster check, so tests may link any rep id). */
export async function createUser(
  db: Database,
  user: { username: string; role: Role; repId?: string | null; password?: string; displayName?: string },
): Promise<CreatedTestUser> {
  const password = user.password ?? DEFAULT_TEST_PASSWORD;
  const userId = await insertUser(db, {
    username: user.username,
    displayName: user.displayName ?? user.username,
    role: user.role,
    repId: user.repId ?? null,
    passwordHash: await hashPassword(password),
  });
  return { userId, username: user.username.toLowerCase(), password };
}

export interface LoggedIn {
  /** The Cookie header value: attain_session=… */
  cookie: string;
  csrfToken: string;
  /** cookie + x-csrf-token, ready for app.inject({ headers }). */
  headers: Record<string, string>;
}

/** Signs in through POST /api/auth/login; throws with the server's answer when it fails. */
export async function loginAs(app: FastifyInstance, username: string, password: string = DEFAULT_TEST_PASSWORD): Promise<LoggedIn> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`Sign-in as ${username} failed: ${res.statusCode} ${res.body}`);
  const session = res.cookies.find((c) => c.name === 'attain_session');
  if (!session) throw new Error(`Sign-in as ${username} set no session cookie.`);
  const cookie = `attain_session=${session.value}`;
  const csrfToken = (res.json() as { csrfToken: string }).csrfToken;
  return { cookie, csrfToken, headers: { cookie, 'x-csrf-token': csrfToken } };
}

/** Headers for an API-token request. */
export function bearer(secret: string): Record<string, string> {
  return { authorization: `Bearer ${secret}` };
}

export interface ManualClock {
  now(): number;
  advance(ms: number): void;
}

/** Replaces the app's sign-in clock with one that moves only when told to. */
export function useManualClock(app: FastifyInstance, start = Date.parse('2025-03-01T09:00:00Z')): ManualClock {
  let current = start;
  const clock: ManualClock = {
    now: () => current,
    advance: (ms) => {
      current += ms;
    },
  };
  app.auth.clock = clock;
  return clock;
}
