// Customer list data: one page of the caller's customers for the URL's filters, search, tier, sort
// and page. Returned unawaited so the table shows skeleton rows while it loads.
import { api } from '$lib/api';
import { parseFilters } from '$lib/filters/filters';
import { customerApiQuery, parseListParams } from '$lib/components/customers/customer-query';
import type { CustomerList } from '$lib/components/customers/types';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ fetch, url, depends }) => {
  depends('app:kpi');
  const list = parseListParams(url.searchParams);
  const customers = api.get<CustomerList>('/api/customers', { fetch, query: customerApiQuery(parseFilters(url.searchParams), list) });
  customers.catch(() => undefined);
  return { customers, list };
};
