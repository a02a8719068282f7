// Session calls: who is signed in (for the layout's load), sign in, sign out.
import { api, ApiError, setCsrfToken, type Fetch } from './api';
import type { DemoAccount, SessionInfo } from './types';

/** The signed-in user, or null when the server answers 401. Other failures throw. */
export async function fetchSession(fetch: Fetch): Promise<SessionInfo | null> {
  try {
    const session = await api.get<SessionInfo>('/api/auth/me', { fetch });
    setCsrfToken(session.csrfToken ?? null);
    return session;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw err;
  }
}

export async function login(username: string, password: string): Promise<void> {
  await api.post('/api/auth/login', { username, password });
}

/** Ends the session; a session that is already gone counts as signed out. */
export async function logout(): Promise<void> {
  try {
    await api.post('/api/auth/logout');
  } catch (err) {
    if (!(err instanceof ApiError && err.status === 401)) throw err;
  } finally {
    setCsrfToken(null);
  }
}

/** Demo accounts to offer on the login page; none when the server lists none or cannot. */
export async function fetchDemoAccounts(fetch: Fetch): Promise<DemoAccount[]> {
  try {
    const accounts = await api.get<DemoAccount[]>('/api/auth/demo-accounts', { fetch });
    return Array.isArray(accounts) ? accounts : [];
  } catch {
    return [];
  }
}

/** A same-site path to return to after signing in (never another origin). */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || next.startsWith('/login')) {
    return '/';
  }
  return next;
}
