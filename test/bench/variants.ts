// The parameter sets the query runs rotate through, drawn from the data itself: the last twelve
// months and four quarters up to the as-of date, a spread of reps and teams. Varying them keeps the
// uncached runs honest (every request a new question, not the one DuckDB just answered).
import type { DuckDBConnection } from '@duckdb/node-api';
import { addMonths, minDate, monthKey, monthStart, monthsIn, parsePeriod, previousRange } from '../../server/queries/periods.ts';

export interface DataShape {
  asOf: string;
  /** The 12 months up to the as-of month, newest first (YYYY-MM). */
  months: string[];
  /** The 4 quarters up to the as-of quarter, newest first (YYYY-Qn). */
  quarters: string[];
  /** Salespeople with orders in the last 90 days, in a stable mixed order. */
  reps: string[];
  teams: string[];
}

export interface Variant {
  period: string;
  /** The period's first day and the earlier of its last day and the as-of date. */
  from: string;
  to: string;
  /** The comparison ("previous") period, likewise cut at the as-of date. */
  prevFrom: string;
  prevTo: string;
  /** First and last month of the period (YYYY-MM), for monthly targets. */
  firstMonth: string;
  lastMonth: string;
  asOf: string;
  rep: string;
  team: string | null;
  index: number;
}

async function column(conn: DuckDBConnection, sql: string, params: Record<string, string> = {}): Promise<string[]> {
  const reader = await conn.runAndReadAll(sql, params);
  return reader.getRowObjectsJS().map((r) => String(Object.values(r)[0]));
}

export async function dataShape(conn: DuckDBConnection): Promise<DataShape> {
  const [asOf] = await column(conn, 'SELECT CAST(max(order_date) AS VARCHAR) FROM orders');
  if (!asOf || asOf === 'null') throw new Error('The database holds no orders.');
  const months = Array.from({ length: 12 }, (_, i) => monthKey(addMonths(monthStart(asOf), -i)));
  const quarters: string[] = [];
  for (let i = 0; quarters.length < 4; i++) {
    const m = addMonths(monthStart(asOf), -3 * i);
    quarters.push(`${m.slice(0, 4)}-Q${Math.floor((Number(m.slice(5, 7)) - 1) / 3) + 1}`);
  }
  const reps = await column(
    conn,
    `SELECT rep_id FROM orders WHERE order_date > CAST($asOf AS DATE) - 90 GROUP BY rep_id ORDER BY hash(rep_id) LIMIT 40`,
    { asOf },
  );
  const teams = await column(conn, 'SELECT DISTINCT team FROM reps WHERE team IS NOT NULL ORDER BY team');
  return { asOf, months, quarters, reps, teams };
}

/** `count` variants: mostly months, every fourth a quarter, every third filtered to one team. */
export function variants(shape: DataShape, count = 24): Variant[] {
  const out: Variant[] = [];
  for (let i = 0; i < count; i++) {
    const period = i % 4 === 3 ? shape.quarters[Math.floor(i / 4) % shape.quarters.length]! : shape.months[i % shape.months.length]!;
    const range = parsePeriod(period)!;
    const prev = previousRange(range);
    const months = monthsIn(range.start, range.end);
    out.push({
      period,
      from: range.start,
      to: minDate(range.end, shape.asOf),
      prevFrom: prev.start,
      prevTo: minDate(prev.end, shape.asOf),
      firstMonth: months[0]!,
      lastMonth: months[months.length - 1]!,
      asOf: shape.asOf,
      rep: shape.reps[i % Math.max(1, shape.reps.length)] ?? '',
      team: i % 3 === 1 && shape.teams.length > 0 ? shape.teams[i % shape.teams.length]! : null,
      index: i,
    });
  }
  return out;
}
