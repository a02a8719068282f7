// GET /api/kpi/visits and /api/kpi/visits/weekly as the page reads them (server/routes/visits.ts).
import type { PeriodInfo } from '$lib/types';

export const VISIT_TYPES = ['visit', 'call', 'meeting', 'demo', 'other'] as const;
export type VisitType = (typeof VISIT_TYPES)[number];

export interface VisitRepRow {
  repId: string;
  name: string;
  visits: number;
  byType: Record<VisitType, number>;
  /** Share of the visits whose 30-day window has closed that were followed by a purchase. */
  conversion: number | null;
  keyAccounts: number;
  keyAccountsCovered: number;
  coverage: number | null;
}

export interface UncoveredAccount {
  customerId: string;
  name: string;
  ownerRepId: string;
  lastVisit: string | null;
}

export interface VisitsAnswer {
  asOf: string;
  period: PeriodInfo;
  rows: VisitRepRow[];
  /** One page of the uncovered key accounts (uncoveredOffset/uncoveredLimit, default the first 100). */
  uncovered: UncoveredAccount[];
  /** All key accounts without a visit in the 30 days to the reference day. */
  uncoveredTotal: number;
}

export interface WeeklyAnswer {
  asOf: string;
  period: PeriodInfo;
  rows: { week: string; repId: string; visits: number }[];
}
