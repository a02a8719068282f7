// The overview tiles: revenue against target with pace and projection, orders, average order
// value, active and new customers and visits, each for the period and its comparison period.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Scope } from '../auth/types.ts';
import { actualsMany, type BaseMetric } from './actuals.ts';
import { actualRange, type PeriodRange, type ResolvedFilters } from './filters.ts';
import { cents, change, ratio, round } from './numbers.ts';
import { paced, progressOf } from './pacing.ts';
import type { TargetBook } from './targets.ts';
import type { WorkCalendar } from './working-days.ts';

export const TILE_NAMES = ['revenue', 'target', 'attainment', 'pace', 'projection', 'orders', 'aov', 'activeCustomers', 'newCustomers', 'visits'] as const;
export type TileName = (typeof TILE_NAMES)[number];

export interface Tile {
  value: number | null;
  compare: number | null;
  change: number | null;
}

export interface PeriodOut {
  kind: PeriodRange['kind'];
  label: string;
  start: string;
  end: string;
  effectiveEnd: string;
}

export interface OverviewAnswer {
  asOf: string;
  period: PeriodOut;
  compare: PeriodOut | null;
  tiles: Record<TileName, Tile>;
}

export function periodOut(r: PeriodRange): PeriodOut {
  return { kind: r.kind, label: r.label, start: r.start, end: r.end, effectiveEnd: r.effectiveEnd };
}

type Figures = Record<TileName, number | null>;

const MONEY: ReadonlySet<TileName> = new Set(['revenue', 'target', 'projection', 'aov']);

const METRICS: readonly BaseMetric[] = ['revenue', 'orders', 'active_customers', 'new_customers', 'visits'];

/** The base metrics of each range (period, then comparison), all in one statement. */
async function totalsFor(conn: DuckDBConnection, ranges: PeriodRange[], f: ResolvedFilters, scope: Scope): Promise<Array<Record<BaseMetric, number>>> {
  const queries = ranges.flatMap((range) =>
    METRICS.map((metric) => ({ metric, range: actualRange(range), dims: f.dims, scope, dataEnd: f.dataEnd, groupBy: 'none' as const })),
  );
  const found = await actualsMany(conn, queries);
  return ranges.map((_, r) => Object.fromEntries(METRICS.map((metric, m) => [metric, found[r * METRICS.length + m]!.get('') ?? 0])) as Record<BaseMetric, number>);
}

function figuresFor(range: PeriodRange, totals: Record<BaseMetric, number>, f: ResolvedFilters, scope: Scope, book: TargetBook, calendar: WorkCalendar): Figures {
  const { revenue, orders, active_customers: activeCustomers, new_customers: newCustomers, visits } = totals;
  const target = book.view(f.dims, scope, range);
  const p = paced(revenue, target, progressOf(range, calendar));
  return {
    revenue,
    target,
    attainment: p.attainment,
    pace: p.pace,
    projection: p.projection,
    orders,
    aov: ratio(revenue, orders),
    activeCustomers,
    newCustomers,
    visits,
  };
}

/** The overview for resolved filters; `book` holds the revenue targets. */
export async function overview(
  conn: DuckDBConnection,
  f: ResolvedFilters,
  scope: Scope,
  book: TargetBook,
  calendar: WorkCalendar,
): Promise<OverviewAnswer> {
  const [nowTotals, beforeTotals] = await totalsFor(conn, f.compare ? [f.current, f.compare] : [f.current], f, scope);
  const now = figuresFor(f.current, nowTotals!, f, scope, book, calendar);
  const before = f.compare ? figuresFor(f.compare, beforeTotals!, f, scope, book, calendar) : null;
  const tiles = {} as Record<TileName, Tile>;
  for (const name of TILE_NAMES) {
    const out = (v: number | null) => (MONEY.has(name) ? cents(v) : round(v));
    const value = now[name];
    const compare = before ? before[name] : null;
    tiles[name] = { value: out(value), compare: out(compare), change: round(change(value, compare)) };
  }
  return { asOf: f.asOf, period: periodOut(f.current), compare: f.compare ? periodOut(f.compare) : null, tiles };
}
