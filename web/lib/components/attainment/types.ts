// GET /api/kpi/attainment as the page reads it (server/routes/kpi-schemas.ts AttainmentSchema).
import type { PeriodInfo } from '$lib/types';

export const ATTAINMENT_BY = ['rep', 'team', 'region'] as const;
export type AttainmentBy = (typeof ATTAINMENT_BY)[number];

export const TARGET_METRICS = ['revenue', 'orders', 'new_customers', 'visits'] as const;
export type TargetMetric = (typeof TARGET_METRICS)[number];

export interface AttainmentRow {
  /** Rep id, team or region ('' for facts without one). */
  key: string;
  name: string;
  actual: number;
  target: number | null;
  attainment: number | null;
  expectedToDate: number | null;
  pace: number | null;
  projection: number | null;
  gap: number | null;
}

export interface AttainmentAnswer {
  asOf: string;
  period: PeriodInfo;
  rows: AttainmentRow[];
}
