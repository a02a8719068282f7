// The customer list's own URL parameters (search, tier, sort, order, page) beside the dashboard
// filters: read from the query string, written back, and turned into the API's query.
import { filtersToQuery, LIST_KEYS, type Filters } from '$lib/filters/filters';

export const CUSTOMER_SORTS = ['name', 'customerId', 'tier', 'owner', 'firstPurchase', 'lastPurchase', 'lastVisit', 'revenue12m'] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];
export const PAGE_SIZE = 50;

export interface CustomerListParams {
  search: string;
  tier: 'key' | 'standard' | null;
  sort: CustomerSort;
  order: 'asc' | 'desc';
  page: number;
}

export const DEFAULT_LIST: CustomerListParams = { search: '', tier: null, sort: 'revenue12m', order: 'desc', page: 1 };

/** The order a column sorts in when first chosen: figures and dates newest/largest first, text A→Z. */
export function defaultOrder(sort: CustomerSort): 'asc' | 'desc' {
  return sort === 'name' || sort === 'customerId' || sort === 'tier' || sort === 'owner' ? 'asc' : 'desc';
}

export function parseListParams(params: URLSearchParams): CustomerListParams {
  const sort = params.get('sort');
  const order = params.get('order');
  const tier = params.get('tier');
  const page = Number(params.get('page'));
  const validSort = (CUSTOMER_SORTS as readonly string[]).includes(sort ?? '') ? (sort as CustomerSort) : DEFAULT_LIST.sort;
  return {
    search: (params.get('q') ?? '').trim().slice(0, 100),
    tier: tier === 'key' || tier === 'standard' ? tier : null,
    sort: validSort,
    order: order === 'asc' || order === 'desc' ? order : sort ? defaultOrder(validSort) : DEFAULT_LIST.order,
    page: Number.isInteger(page) && page >= 1 && page <= 100000 ? page : 1,
  };
}

/** Writes the list parameters into `params` (dropping defaults) and returns it. */
export function writeListParams(params: URLSearchParams, list: CustomerListParams): URLSearchParams {
  for (const key of ['q', 'tier', 'sort', 'order', 'page']) params.delete(key);
  if (list.search) params.set('q', list.search);
  if (list.tier) params.set('tier', list.tier);
  if (list.sort !== DEFAULT_LIST.sort || list.order !== DEFAULT_LIST.order) {
    params.set('sort', list.sort);
    params.set('order', list.order);
  }
  if (list.page > 1) params.set('page', String(list.page));
  return params;
}

/**
 * The GET /api/customers query: the as-of date and the dimension filters (the list always covers
 * the 12 months to the as-of date, whatever the period) plus the list's own parameters.
 */
export function customerApiQuery(filters: Filters, list: CustomerListParams, pageSize = PAGE_SIZE): URLSearchParams {
  const query = filtersToQuery(filters, ['asOf', ...LIST_KEYS]);
  if (list.search) query.set('search', list.search);
  if (list.tier) query.set('tier', list.tier);
  query.set('sort', list.sort);
  query.set('order', list.order);
  query.set('page', String(list.page));
  query.set('pageSize', String(pageSize));
  return query;
}
