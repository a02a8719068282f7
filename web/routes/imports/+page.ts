// Imports page data: the first page of the import history and the data-quality summary, for the
// roles that may import (server/auth/roles.ts CAN.importData); others get a "not allowed" panel
// without calling the routes. Returned unawaited so the page shows skeletons while they load.
import { api } from '$lib/api';
import type { Role } from '$lib/types';
import type { DataQuality, HistoryPage } from '$lib/components/imports/types';
import type { PageLoad } from './$types';

const IMPORT_ROLES: readonly Role[] = ['admin', 'manager', 'assistant'];
const HISTORY_PAGE = 20;

function quiet<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

export const load: PageLoad = async ({ fetch, parent, depends }) => {
  depends('app:imports');
  const { session } = await parent();
  if (!session || !IMPORT_ROLES.includes(session.role)) return { allowed: false as const };
  return {
    allowed: true as const,
    username: session.username,
    history: quiet(api.get<HistoryPage>('/api/imports', { fetch, query: { limit: HISTORY_PAGE } })),
    quality: quiet(api.get<DataQuality>('/api/data-quality', { fetch })),
  };
};
