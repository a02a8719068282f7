// Links to the order lines page (/orders) carrying the dashboard filters plus a drill-down's own:
// a rep, a team, a customer, a period or a date range.
import { writeFilters, type Filters } from '$lib/filters/filters';

export interface OrdersDrill {
  rep?: string[];
  team?: string[];
  customer?: string[];
  period?: string | null;
  /** A range (inclusive days) used when no period is chosen, e.g. a customer's whole history. */
  from?: string;
  to?: string;
}

export function ordersHref(filters: Filters, drill: OrdersDrill = {}): string {
  // The comparison means nothing for a list of lines.
  const merged: Filters = { ...filters, compare: null };
  if (drill.rep) merged.rep = drill.rep;
  if (drill.team) merged.team = drill.team;
  if (drill.period !== undefined) merged.period = drill.period;
  if (merged.period) {
    merged.from = null;
    merged.to = null;
  } else if (!merged.from && drill.from && drill.to) {
    merged.from = drill.from;
    merged.to = drill.to;
  }
  const params = writeFilters(new URLSearchParams(), merged);
  for (const id of drill.customer ?? []) params.append('customer', id);
  const query = params.toString();
  return query ? `/orders?${query}` : '/orders';
}
