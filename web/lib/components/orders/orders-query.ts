// The order-lines page's query: the dashboard filters from the URL (a period or a from/to range,
// as-of date, teams, reps, …) plus its own customer and newest-first parameters.
import { filtersToQuery, parseFilters } from '$lib/filters/filters';

export interface OrdersView {
  query: URLSearchParams;
  period: string | null;
  from: string | null;
  to: string | null;
  customers: string[];
  newestFirst: boolean;
}

export function ordersView(params: URLSearchParams): OrdersView {
  const filters = parseFilters(params);
  const query = filtersToQuery({ ...filters, compare: null });
  const customers = [...new Set(params.getAll('customer').map((c) => c.trim()).filter((c) => c && c.length <= 200))];
  for (const c of customers) query.append('customer', c);
  const newestFirst = params.get('order') === 'desc';
  if (newestFirst) query.set('order', 'desc');
  return { query, period: filters.period, from: filters.from, to: filters.to, customers, newestFirst };
}
