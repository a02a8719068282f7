// Rankings data: the standard competition ranking for one metric under the URL's filters, with
// rank changes against the comparison period. Returned unawaited so the page shows skeletons.
import { api } from '$lib/api';
import { filtersToQuery, parseFilters } from '$lib/filters/filters';
import { parseRankingMetric, type RankingsAnswer } from '$lib/components/rankings/types';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ fetch, url, depends }) => {
  depends('app:kpi');
  const filters = parseFilters(url.searchParams);
  const metric = parseRankingMetric(url.searchParams);
  const query = filtersToQuery(filters);
  query.set('metric', metric);
  const rankings = api.get<RankingsAnswer>('/api/kpi/rankings', { fetch, query });
  rankings.catch(() => undefined);
  return { metric, compared: filters.compare !== 'none', rankings };
};
