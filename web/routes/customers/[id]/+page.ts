// One customer's page data: header, 12-month trend, order lines and visits up to the as-of date.
// Returned unawaited so the page shows skeletons while it loads.
import { api } from '$lib/api';
import { filtersToQuery, parseFilters } from '$lib/filters/filters';
import type { CustomerDetail } from '$lib/components/customers/types';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ fetch, params, url, depends }) => {
  depends('app:kpi');
  // The page reads the customer up to the as-of date; the other filters do not narrow a customer's file.
  const query = filtersToQuery(parseFilters(url.searchParams), ['asOf']);
  const customer = api.get<CustomerDetail>(`/api/customers/${encodeURIComponent(params.id)}`, { fetch, query });
  customer.catch(() => undefined);
  return { customer, customerId: params.id };
};
