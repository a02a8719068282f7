// Overview data: the latest period's tiles and the 24-month revenue vs target trend, both filtered
// by the URL. The promise is returned unawaited so the page shows skeletons while it loads.
import { api } from '$lib/api';
import { filtersToQuery, parseFilters, LIST_KEYS } from '$lib/filters/filters';
import type { Overview, Trend } from '$lib/types';
import type { PageLoad } from './$types';

const TREND_MONTHS = 24;

/** Marks a promise as handled now; the page's {#await} still sees its rejection. */
function quiet<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

export const load: PageLoad = ({ fetch, url, depends }) => {
  depends('app:kpi');
  const filters = parseFilters(url.searchParams);
  const trendQuery = filtersToQuery(filters, ['period', 'from', 'to', 'asOf', ...LIST_KEYS]);
  trendQuery.set('months', String(TREND_MONTHS));
  const kpi = Promise.all([
    api.get<Overview>('/api/kpi/overview', { fetch, query: filtersToQuery(filters) }),
    api.get<Trend>('/api/kpi/trend', { fetch, query: trendQuery }),
  ]).then(([overview, trend]) => ({ overview, trend }));
  return { kpi: quiet(kpi) };
};
