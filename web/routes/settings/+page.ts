// Settings data: the current settings (every signed-in role may read them). Returned unawaited so
// the page shows skeletons while it loads.
import { api } from '$lib/api';
import type { Settings } from '$lib/components/settings/types';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ fetch, depends }) => {
  depends('app:settings');
  const settings = api.get<Settings>('/api/settings', { fetch });
  settings.catch(() => undefined);
  return { settings };
};
