// Where a pack's figures come from: the same resolved filters, scope, settings and target books the
// KPI routes use (a route passes its kpiContext; the pack command builds one straight from the
// database, acting as the admin), so a pack shows exactly what the API shows.
import { ALL_SCOPE } from '../auth/scope.ts';
import type { Scope } from '../auth/types.ts';
import type { Database } from '../db/database.ts';
import type { KpiContext } from '../queries/context.ts';
import { resolveFilters, type FilterQuery, type ResolvedFilters } from '../queries/filters.ts';
import { calendarOf, loadSettings, type Settings } from '../queries/settings.ts';
import { loadTargetBook, type TargetBook, type TargetMetric } from '../queries/targets.ts';
import type { WorkCalendar } from '../queries/working-days.ts';

export interface PackSource {
  db: Database;
  scope: Scope;
  settings: Settings;
  filters: ResolvedFilters;
  calendar: WorkCalendar;
  dataVersion: number;
  targets(metric: TargetMetric): Promise<TargetBook>;
  /** Runs a named query through the result cache where there is one. */
  cached<T>(name: string, extra: unknown, compute: () => Promise<T>): Promise<T>;
}

/** A route's KPI context plus the database. */
export function routeSource(db: Database, ctx: KpiContext): PackSource {
  return { ...ctx, db, targets: (m) => ctx.targets(m), cached: (name, extra, compute) => ctx.cached(name, extra, compute) };
}

/** Filters resolved straight from the database, for the pack command (admin scope unless given). */
export async function localSource(db: Database, query: FilterQuery, scope: Scope = ALL_SCOPE): Promise<PackSource> {
  const settings = await db.read((conn) => loadSettings(conn));
  const filters = await db.read((conn) => resolveFilters(conn, query, settings));
  const calendar = calendarOf(settings);
  const books = new Map<TargetMetric, Promise<TargetBook>>();
  return {
    db,
    scope,
    settings,
    filters,
    calendar,
    dataVersion: db.dataVersion,
    targets(metric) {
      let book = books.get(metric);
      if (!book) {
        book = db.read((conn) => loadTargetBook(conn, metric, calendar, settings.fiscalYearStartMonth));
        books.set(metric, book);
      }
      return book;
    },
    cached: (_name, _extra, compute) => compute(),
  };
}
