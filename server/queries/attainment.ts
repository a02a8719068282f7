// Attainment by rep, team or region for one metric: actual, target, expected to date, pace,
// projection and the gap still to go, for the current period at the as-of date.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Scope } from '../auth/types.ts';
import { actuals, type BaseMetric } from './actuals.ts';
import { actualRange, type ResolvedFilters } from './filters.ts';
import { cents, round } from './numbers.ts';
import { periodOut, type PeriodOut } from './overview.ts';
import { paced, progressOf } from './pacing.ts';
import type { TargetBook, TargetMetric } from './targets.ts';
import type { WorkCalendar } from './working-days.ts';

export type AttainmentBy = 'rep' | 'team' | 'region';

export interface AttainmentRow {
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
  period: PeriodOut;
  rows: AttainmentRow[];
}

/** Roles ranked and listed as salespeople (metrics.md "rank"). */
export const SELLING_ROLES: ReadonlySet<string> = new Set(['rep', 'account_manager']);

// One collator for every comparison: localeCompare with a locale builds one per call.
const zhCollator = new Intl.Collator('zh-CN');

const NO_GROUP = { zh: '（未分配）', en: '(none)' } as const;

/** The actual metric a target metric is measured against. */
const ACTUAL_OF: Record<TargetMetric, BaseMetric> = { revenue: 'revenue', orders: 'orders', new_customers: 'new_customers', visits: 'visits' };

/** Reps listed even without figures: salespeople in view who worked in the period. */
export function activeSalespeople(book: TargetBook, f: ResolvedFilters, scope: Scope, range: { start: string; end: string }): string[] {
  return book.repsInView(f.dims, scope, range.end).filter((r) => {
    const row = book.describe(r, range.end);
    return row !== null && SELLING_ROLES.has(row.role) && book.employedBetween(r, range.start, range.end);
  });
}

export async function attainment(
  conn: DuckDBConnection,
  f: ResolvedFilters,
  scope: Scope,
  by: AttainmentBy,
  metric: TargetMetric,
  book: TargetBook,
  calendar: WorkCalendar,
): Promise<AttainmentAnswer> {
  const range = actualRange(f.current);
  const found = await actuals(conn, { metric: ACTUAL_OF[metric], range, dims: f.dims, scope, groupBy: by, dataEnd: f.dataEnd });
  const progress = progressOf(f.current, calendar);
  const keys = new Set(found.keys());
  const date = f.current.effectiveEnd < f.current.start ? f.current.start : f.current.effectiveEnd;

  if (by === 'rep') {
    for (const r of activeSalespeople(book, f, scope, { start: f.current.start, end: date })) keys.add(r);
    for (const r of book.repsInView(f.dims, scope, date)) if (book.rep(r, f.current) !== null) keys.add(r);
  } else {
    for (const r of book.repsInView(f.dims, scope, date)) {
      const g = book.rosterAt(r, date)?.[by];
      if (g && (by !== 'team' || f.dims.teams.length === 0 || f.dims.teams.includes(g))) keys.add(g);
    }
    if (scope.all && f.dims.reps.length === 0) {
      const wanted = by === 'team' ? f.dims.teams : f.dims.regions;
      for (const g of wanted) keys.add(g);
      if (f.dims.teams.length === 0 && f.dims.regions.length === 0) {
        for (const g of book.groupIds(by)) if (book.period(by, g, f.current) !== null) keys.add(g);
      }
    }
  }

  const inView = new Set(book.repsInView(f.dims, scope, date));
  const out: AttainmentRow[] = [];
  for (const k of keys) {
    const actual = found.get(k) ?? 0;
    let target: number | null;
    let name: string;
    if (by === 'rep') {
      target = book.rep(k, f.current);
      // A rep outside the team or region filter as of the period end still shows their filtered facts, without a target.
      if (!inView.has(k)) target = null;
      name = book.describe(k, date)?.name ?? k;
    } else if (k === '') {
      target = null;
      name = NO_GROUP[f.lang];
    } else {
      target = book.view({ ...f.dims, [by === 'team' ? 'teams' : 'regions']: [k] }, scope, f.current);
      name = k;
    }
    const p = paced(actual, target, progress);
    const money = metric === 'revenue' ? cents : (v: number | null) => round(v, 2);
    out.push({
      key: k,
      name,
      actual: money(actual) ?? 0,
      target: money(target),
      attainment: round(p.attainment),
      expectedToDate: money(p.expectedToDate),
      pace: round(p.pace),
      projection: money(p.projection),
      gap: money(p.gap),
    });
  }
  out.sort((a, b) => b.actual - a.actual || zhCollator.compare(a.name, b.name) || a.key.localeCompare(b.key));
  return { asOf: f.asOf, period: periodOut(f.current), rows: out };
}
