// Links between the dashboards that carry the current filters: a rep's evaluation, a customer,
// and the order lines behind a figure (the filters plus the rep, team, region or customer).
export type LinkParams = Partial<Record<'rep' | 'team' | 'region' | 'customer', string>>;

/** `path` with the filter query ("?period=…" or "") and `extra` (each replacing that key). */
export function withFilters(path: string, filterQuery: string, extra: LinkParams = {}): string {
  const params = new URLSearchParams(filterQuery.startsWith('?') ? filterQuery.slice(1) : filterQuery);
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined || value === '') continue;
    params.delete(key);
    params.append(key, value);
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export function orderLinesHref(filterQuery: string, extra: LinkParams = {}): string {
  return withFilters('/orders', filterQuery, extra);
}

export function repHref(repId: string, filterQuery: string): string {
  return withFilters(`/reps/${encodeURIComponent(repId)}`, filterQuery);
}

export function customerHref(customerId: string, filterQuery: string): string {
  return withFilters(`/customers/${encodeURIComponent(customerId)}`, filterQuery);
}
