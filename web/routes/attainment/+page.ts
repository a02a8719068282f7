// Attainment data: actual against target by rep, team or region for one target metric, under the
// URL's filters. Returned unawaited so the page shows skeletons while it loads.
import { api } from '$lib/api';
import { filtersToQuery, parseFilters } from '$lib/filters/filters';
import { parseQueryView } from '$lib/components/attainment/view';
import type { AttainmentAnswer } from '$lib/components/attainment/types';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ fetch, url, depends }) => {
  depends('app:kpi');
  const view = parseQueryView(url.searchParams);
  const query = filtersToQuery(parseFilters(url.searchParams));
  query.set('by', view.by);
  query.set('metric', view.metric);
  const attainment = api.get<AttainmentAnswer>('/api/kpi/attainment', { fetch, query });
  attainment.catch(() => undefined);
  return { view, attainment };
};
