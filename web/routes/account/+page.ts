// My account: the signed-in user's API tokens (every role has an account page). Awaited, so a
// refresh after creating or revoking a token keeps the page (and the secret just shown) in place;
// a failure is returned for the page's error panel.
import { api } from '$lib/api';
import type { TokenInfo } from '$lib/components/admin/types';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, depends }) => {
  depends('app:account');
  const tokens: { rows: TokenInfo[] } | { error: unknown } = await api
    .get<{ rows: TokenInfo[] }>('/api/tokens', { fetch })
    .catch((error: unknown) => ({ error }));
  return { tokens };
};
