// Retention data under the URL's filters: the cohort matrix (logo or revenue) with NRR, GRR and
// the churned and at-risk counts; the churned and at-risk customers; and, when a cohort cell is
// chosen, that cell's customers. Reasons come in the UI language (app:lang reloads them).
import { api } from '$lib/api';
import { filtersToQuery, parseFilters } from '$lib/filters/filters';
import { locale } from '$lib/i18n/index.svelte';
import { customerListQuery, parseRetentionView, type CustomerListAnswer, type RetentionAnswer } from '$lib/components/retention/types';
import type { PageLoad } from './$types';

function quiet<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

export const load: PageLoad = ({ fetch, url, depends }) => {
  depends('app:kpi', 'app:lang');
  const view = parseRetentionView(url.searchParams);
  const filters = filtersToQuery(parseFilters(url.searchParams));
  const lang = locale.current;
  // The first page of each list (what the page shows first); "show all" asks for the rest.
  const list = (kind: string, extra: Record<string, string> = {}) =>
    api.get<CustomerListAnswer>('/api/kpi/retention/customers', { fetch, query: customerListQuery(filters, lang, kind, extra) });
  const reportQuery = new URLSearchParams(filters);
  reportQuery.set('basis', view.basis);
  return {
    view,
    lang,
    filters,
    report: quiet(api.get<RetentionAnswer>('/api/kpi/retention', { fetch, query: reportQuery })),
    lists: quiet(Promise.all([list('churned'), list('at_risk')]).then(([churned, atRisk]) => ({ churned, atRisk }))),
    cell: view.cell ? quiet(list('cohort', { cohort: view.cell.cohort, k: String(view.cell.k) })) : null,
  };
};
