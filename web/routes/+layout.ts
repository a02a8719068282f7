// The app is a client-rendered SPA (static build, 200.html fallback). The root load answers who is
// signed in (redirecting to /login on 401) and whether demo data is present.
import { redirect } from '@sveltejs/kit';
import { api } from '$lib/api';
import { fetchSession } from '$lib/session';
import type { Health, SessionInfo } from '$lib/types';
import type { LayoutLoad } from './$types';

export const ssr = false;
export const prerender = false;

export interface RootData {
  session: SessionInfo | null;
  health: Health | null;
  /** Why the session could not be checked (server unreachable, 5xx); the layout offers a retry. */
  sessionError: unknown;
}

// Runs again whenever the route changes (it reads route.id), not when only the filters change.
export const load: LayoutLoad = async ({ fetch, route, url, untrack }): Promise<RootData> => {
  const health = api.get<Health>('/api/health', { fetch }).catch(() => null);
  if (route.id === '/login') return { session: null, health: await health, sessionError: null };

  let session: SessionInfo | null;
  try {
    session = await fetchSession(fetch);
  } catch (err) {
    return { session: null, health: await health, sessionError: err };
  }
  if (!session) {
    const here = untrack(() => url.pathname + url.search);
    redirect(307, `/login?next=${encodeURIComponent(here)}`);
  }
  return { session, health: await health, sessionError: null };
};
