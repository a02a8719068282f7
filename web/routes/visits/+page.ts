// Visit data under the URL's filters: per rep visits by type, conversion and key-account coverage
// with the uncovered key accounts, and visits per rep and ISO week. Returned unawaited.
import { api } from '$lib/api';
import { filtersToQuery, parseFilters } from '$lib/filters/filters';
import type { VisitsAnswer, WeeklyAnswer } from '$lib/components/visits/types';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ fetch, url, depends }) => {
  depends('app:kpi');
  const query = filtersToQuery(parseFilters(url.searchParams));
  const visits = Promise.all([
    api.get<VisitsAnswer>('/api/kpi/visits', { fetch, query }),
    api.get<WeeklyAnswer>('/api/kpi/visits/weekly', { fetch, query }),
  ]).then(([report, weekly]) => ({ report, weekly }));
  visits.catch(() => undefined);
  return { visits };
};
