// The login page lists the demo accounts while demo data is loaded.
import { fetchDemoAccounts } from '$lib/session';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch }) => ({ demoAccounts: await fetchDemoAccounts(fetch) });
