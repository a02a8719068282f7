// GET /api/kpi/retention and /api/kpi/retention/customers as the page reads them
// (server/routes/retention.ts), and the page's own URL parameters.
import type { PeriodInfo } from '$lib/types';

export type Basis = 'logo' | 'revenue';
export type CustomerListKind = 'churned' | 'at_risk';

export interface Cohort {
  cohort: string;
  size: number;
  /** values[k] = retention in month cohort + k (a fraction); values[0] = 1. */
  values: (number | null)[];
}

export interface RetentionAnswer {
  asOf: string;
  period: PeriodInfo;
  compare: PeriodInfo | null;
  basis: Basis;
  cohorts: Cohort[];
  nrr: number | null;
  grr: number | null;
  churned: number | null;
  atRisk: number;
}

export interface ListedCustomer {
  customerId: string;
  name: string;
  tier: string | null;
  ownerRepId: string | null;
  lastPurchase: string | null;
  daysSincePurchase: number | null;
  purchases: number;
  medianGapDays: number | null;
  lastVisit: string | null;
  revenue: number;
  reason: string;
}

export interface CustomerListAnswer {
  asOf: string;
  kind: string;
  cohort: string | null;
  k: number | null;
  /** The list is paged: rows holds the first page, total counts them all. */
  total: number;
  offset: number;
  rows: ListedCustomer[];
}

/** The rows of a customer list from `offset` on (at most `limit`): what "show all" asks for. */
export type MoreCustomers = (offset: number, limit: number) => Promise<ListedCustomer[]>;

/**
 * The query of one customer list under the page's filters: the kind (and the cohort cell), the
 * language of the reasons and, for the rows after the first page, the page asked for.
 */
export function customerListQuery(
  filters: URLSearchParams,
  lang: string,
  kind: string,
  extra: Record<string, string> = {},
  page?: { offset: number; limit: number },
): URLSearchParams {
  const query = new URLSearchParams(filters);
  query.set('kind', kind);
  query.set('lang', lang);
  for (const [key, value] of Object.entries(extra)) query.set(key, value);
  if (page) {
    query.set('offset', String(page.offset));
    query.set('limit', String(page.limit));
  }
  return query;
}

export interface RetentionView {
  basis: Basis;
  /** The cohort cell whose customers are listed, when one is chosen. */
  cell: { cohort: string; k: number } | null;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export function parseRetentionView(params: URLSearchParams): RetentionView {
  const basis: Basis = params.get('basis') === 'revenue' ? 'revenue' : 'logo';
  const cohort = params.get('cohort') ?? '';
  const kText = params.get('k') ?? '0';
  const k = /^\d{1,3}$/.test(kText) ? Number(kText) : NaN;
  return { basis, cell: MONTH.test(cohort) && Number.isInteger(k) && k <= 240 ? { cohort, k } : null };
}

export function parseListKind(params: URLSearchParams): CustomerListKind {
  return params.get('list') === 'at_risk' ? 'at_risk' : 'churned';
}
