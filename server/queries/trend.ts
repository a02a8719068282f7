// The monthly trend behind the overview chart: revenue, revenue target and attainment for each of
// the last N months up to the month of the period's effective end (the as-of month by default).
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Scope } from '../auth/types.ts';
import { actuals } from './actuals.ts';
import type { ResolvedFilters } from './filters.ts';
import { cents, ratio, round } from './numbers.ts';
import { addMonths, minDate, monthEnd, monthOf, monthsIn } from './periods.ts';
import type { TargetBook } from './targets.ts';

export interface TrendRow {
  month: string;
  revenue: number;
  target: number | null;
  attainment: number | null;
}

export interface TrendAnswer {
  asOf: string;
  rows: TrendRow[];
}

export async function trend(conn: DuckDBConnection, f: ResolvedFilters, scope: Scope, months: number, book: TargetBook): Promise<TrendAnswer> {
  const last = f.current.effectiveEnd < f.current.start ? f.current.start : f.current.effectiveEnd;
  const first = addMonths(`${last.slice(0, 7)}-01`, -(months - 1));
  const end = minDate(monthEnd(last), f.asOf);
  const revenue = await actuals(conn, { metric: 'revenue', range: { start: first, end }, dims: f.dims, scope, groupBy: 'month', dataEnd: f.dataEnd });
  const rows = monthsIn(first, last).map((month) => {
    const actual = revenue.get(month) ?? 0;
    const target = book.view(f.dims, scope, monthOf(`${month}-01`));
    return { month, revenue: cents(actual), target: cents(target), attainment: round(ratio(actual, target)) };
  });
  return { asOf: f.asOf, rows };
}
