// One rep's evaluation for the period in the URL, in the UI's language (the at-risk reasons come
// worded by the server). Returned unawaited so the page shows skeletons while it loads.
import { api } from '$lib/api';
import { filtersToQuery, parseFilters } from '$lib/filters/filters';
import { locale } from '$lib/i18n/index.svelte';
import type { Evaluation } from '$lib/components/reps/types';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ fetch, url, params, depends }) => {
  depends('app:kpi', 'app:evaluation');
  const lang = locale.current;
  // A rep is evaluated on all their sales: only the period and the as-of date apply.
  const query = filtersToQuery(parseFilters(url.searchParams), ['period', 'from', 'to', 'asOf']);
  query.set('lang', lang);
  const evaluation = api.get<Evaluation>(`/api/reps/${encodeURIComponent(params.id)}/evaluation`, { fetch, query });
  evaluation.catch(() => undefined);
  return { evaluation, repId: params.id, lang };
};
