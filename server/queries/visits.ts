// Visit activity per rep (metrics.md): visits by type, visit conversion (a purchase of the same
// customer by any rep on the day or within 30 days; windows passing the as-of date left out) and
// key-account coverage (key customers owned by the reps with a visit in the last 30 days).
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Scope } from '../auth/types.ts';
import { rows } from '../db/query.ts';
import { KEY_VISIT_DAYS } from './at-risk.ts';
import { OWNER_COLUMNS, ownerRosterSql, repDims } from './customer-set.ts';
import { actualRange, whereClause, type FactColumns, type PeriodRange, type ResolvedFilters, type SqlFragment } from './filters.ts';
import { round } from './numbers.ts';
import { periodOut, type PeriodOut } from './overview.ts';
import { addDays, minDate } from './periods.ts';
import { VISIT_CONVERSION_SQL, precomputedAsOf, type SourceMode } from './purchase-stats.ts';
import { VISITS_DAY_COLUMNS, VISIT_COLUMNS, VISITS_SQL } from './sources.ts';
import { activeSalespeople } from './attainment.ts';
import type { TargetBook } from './targets.ts';

export const VISIT_TYPES = ['visit', 'call', 'meeting', 'demo', 'other'] as const;
export type VisitType = (typeof VISIT_TYPES)[number];

/** visit_conversion (005_customer_stats.sql) for whereClause. */
export const CONVERSION_COLUMNS: FactColumns = { date: 'vc.visit_date', rep: 'vc.rep_id', team: 'vc.team', region: 'vc.region' };

const IGNORE_LINE_DIMS = { ignore: ['categories', 'channels'] as Array<'categories' | 'channels'> };

/** Visits carry no category or channel: those filters do not narrow visit figures. */
function visitWhere(cols: FactColumns, range: { start: string; end: string }, f: ResolvedFilters, scope: Scope, prefix = ''): SqlFragment {
  return whereClause(cols, range, f.dims, scope, { ...IGNORE_LINE_DIMS, prefix });
}

/** Visits per rep and type in a range (from the visits-per-day rollup, or raw visits). */
export function visitsByTypeSql(range: { start: string; end: string }, f: ResolvedFilters, scope: Scope, raw = false): SqlFragment {
  if (raw) {
    const w = visitWhere(VISIT_COLUMNS, range, f, scope);
    return {
      sql: `SELECT v.rep_id, v.type, count(*) AS visits FROM (${VISITS_SQL}) v WHERE ${w.sql} GROUP BY ALL`,
      params: w.params,
    };
  }
  const w = visitWhere(VISITS_DAY_COLUMNS, range, f, scope);
  return {
    sql: `SELECT vd.rep_id, vd.type, sum(vd.visits) AS visits FROM rollup_visits_day vd WHERE ${w.sql} GROUP BY ALL`,
    params: w.params,
  };
}

/**
 * The visits of a period whose 30-day window has closed by the as-of date: visit day + 30 ≤ as-of.
 * Null when none can be judged yet.
 */
export function conversionRange(range: PeriodRange, asOf: string): { start: string; end: string } | null {
  const end = minDate(range.effectiveEnd, addDays(asOf, -30));
  return end < range.start ? null : { start: range.start, end };
}

/** Per rep: visits that can be judged and those followed by a purchase. */
export function conversionSql(range: { start: string; end: string }, f: ResolvedFilters, scope: Scope, precomputed: boolean): SqlFragment {
  if (precomputed) {
    const w = visitWhere(CONVERSION_COLUMNS, range, f, scope);
    return {
      sql: `SELECT vc.rep_id, count(*) AS eligible, count(*) FILTER (WHERE vc.converted) AS converted
FROM visit_conversion vc
WHERE ${w.sql}
GROUP BY vc.rep_id`,
      params: w.params,
    };
  }
  const w = visitWhere(VISIT_COLUMNS, range, f, scope);
  return {
    sql: `SELECT vc.rep_id, count(*) AS eligible, count(*) FILTER (WHERE vc.converted) AS converted
FROM (
${VISIT_CONVERSION_SQL(w.sql)}
) vc
GROUP BY vc.rep_id`,
    params: w.params,
  };
}

export interface ConversionCounts {
  eligible: number;
  converted: number;
}

export interface VisitOptions {
  source?: SourceMode;
}

/** Whether visit_conversion is current: refreshed after the last change of the orders. */
async function conversionTableUsable(conn: DuckDBConnection, f: ResolvedFilters, opts: VisitOptions): Promise<boolean> {
  if (opts.source === 'raw') return false;
  const asOf = await precomputedAsOf(conn);
  return asOf !== null && asOf === f.dataEnd;
}

export async function conversionCounts(
  conn: DuckDBConnection,
  f: ResolvedFilters,
  scope: Scope,
  range: PeriodRange,
  opts: VisitOptions = {},
): Promise<Map<string, ConversionCounts>> {
  const judged = conversionRange(range, f.asOf);
  if (!judged) return new Map();
  const built = conversionSql(judged, f, scope, await conversionTableUsable(conn, f, opts));
  const found = await rows<{ rep_id: string; eligible: number; converted: number }>(conn, built.sql, built.params);
  return new Map(found.map((r) => [r.rep_id, { eligible: r.eligible, converted: r.converted }]));
}

/**
 * Visit conversion per rep for a period (null for a rep without a visit that can be judged yet):
 * the value provider of the conversion ranking.
 */
export async function visitConversionByRep(
  conn: DuckDBConnection,
  f: ResolvedFilters,
  scope: Scope,
  range: PeriodRange = f.current,
  repIds?: string[],
  opts: VisitOptions = {},
): Promise<Map<string, number | null>> {
  const counts = await conversionCounts(conn, f, scope, range, opts);
  const ids = repIds ?? [...counts.keys()];
  return new Map(ids.map((id) => {
    const c = counts.get(id);
    return [id, c && c.eligible > 0 ? round(c.converted / c.eligible) : null];
  }));
}

/** Visit conversion as the rankings' value provider: (range, repIds) → conversion per rep. */
export function conversionProvider(conn: DuckDBConnection, f: ResolvedFilters, scope: Scope) {
  return (range: PeriodRange, repIds: string[]) => visitConversionByRep(conn, f, scope, range, repIds);
}

// ---------------------------------------------------------------------------------------------
// Key-account coverage

export interface KeyAccount {
  customer_id: string;
  name: string | null;
  owner_rep_id: string;
  last_visit: string | null;
  covered: boolean;
}

/**
 * Key-tier customers owned by the reps in scope matching the team, region and rep filters (owner's
 * roster row on day $R), with their last visit up to $R and whether one falls in the 30 days to $R.
 */
export function keyAccountsSql(R: string, f: ResolvedFilters, scope: Scope): SqlFragment {
  const owners = whereClause(OWNER_COLUMNS, null, repDims(f.dims), scope, { prefix: 'ka_' });
  return {
    sql: `WITH owned AS (
  SELECT c.customer_id, any_value(c.name) AS name, any_value(c.owner_rep_id) AS owner_rep_id
  FROM customers c LEFT JOIN ${ownerRosterSql('ka_')} ow ON ow.rep_id = c.owner_rep_id
  WHERE c.tier = 'key' AND c.owner_rep_id IS NOT NULL AND ${owners.sql}
  GROUP BY c.customer_id
),
seen AS (
  SELECT customer_id, max(CAST(visit_at AS DATE)) AS last_visit
  FROM visits
  WHERE customer_id IN (SELECT customer_id FROM owned) AND CAST(visit_at AS DATE) <= CAST($R AS DATE)
  GROUP BY customer_id
)
SELECT o.customer_id, o.name, o.owner_rep_id, CAST(s.last_visit AS VARCHAR) AS last_visit,
       coalesce(s.last_visit > CAST($R AS DATE) - ${KEY_VISIT_DAYS}, false) AS covered
FROM owned o LEFT JOIN seen s USING (customer_id)
ORDER BY o.owner_rep_id, o.customer_id`,
    params: { ...owners.params, ka_asof: R, R },
  };
}

export async function keyAccounts(conn: DuckDBConnection, R: string, f: ResolvedFilters, scope: Scope): Promise<KeyAccount[]> {
  const built = keyAccountsSql(R, f, scope);
  return rows<KeyAccount & Record<string, unknown>>(conn, built.sql, built.params);
}

export interface Coverage {
  keyAccounts: number;
  keyAccountsCovered: number;
  coverage: number | null;
}

function coverageOf(keyAccounts: number, keyAccountsCovered: number): Coverage {
  return { keyAccounts, keyAccountsCovered, coverage: keyAccounts > 0 ? round(keyAccountsCovered / keyAccounts) : null };
}

export function coverageByOwner(accounts: KeyAccount[]): Map<string, Coverage> {
  const counts = new Map<string, { all: number; covered: number }>();
  for (const a of accounts) {
    const c = counts.get(a.owner_rep_id) ?? { all: 0, covered: 0 };
    c.all += 1;
    if (a.covered) c.covered += 1;
    counts.set(a.owner_rep_id, c);
  }
  return new Map([...counts].map(([id, c]) => [id, coverageOf(c.all, c.covered)]));
}

/**
 * The owned key accounts (as in keyAccountsSql, without the last visit) and the customers with a
 * visit in the 30 days to $R: a visit on or before $R that is the last one is inside the window
 * exactly when some visit is, so only those days of visits are read.
 */
function ownedAndRecentCtes(R: string, f: ResolvedFilters, scope: Scope): SqlFragment {
  const owners = whereClause(OWNER_COLUMNS, null, repDims(f.dims), scope, { prefix: 'ka_' });
  return {
    sql: `owned AS (
  SELECT c.customer_id, any_value(c.name) AS name, any_value(c.owner_rep_id) AS owner_rep_id
  FROM customers c LEFT JOIN ${ownerRosterSql('ka_')} ow ON ow.rep_id = c.owner_rep_id
  WHERE c.tier = 'key' AND c.owner_rep_id IS NOT NULL AND ${owners.sql}
  GROUP BY c.customer_id
),
recent AS (
  SELECT DISTINCT customer_id FROM visits
  WHERE customer_id IS NOT NULL
    AND visit_at >= CAST(CAST($R AS DATE) - ${KEY_VISIT_DAYS - 1} AS TIMESTAMP) AND visit_at < CAST(CAST($R AS DATE) + 1 AS TIMESTAMP)
)`,
    params: { ...owners.params, ka_asof: R, R },
  };
}

/** Per owner: key accounts and those with a visit in the 30 days to $R (columns owner_rep_id, accounts, covered). */
export function keyCoverageSql(R: string, f: ResolvedFilters, scope: Scope): SqlFragment {
  const ctes = ownedAndRecentCtes(R, f, scope);
  return {
    sql: `WITH ${ctes.sql}
SELECT o.owner_rep_id, count(*) AS accounts, count(r.customer_id) AS covered
FROM owned o LEFT JOIN recent r USING (customer_id)
GROUP BY o.owner_rep_id`,
    params: ctes.params,
  };
}

/** Key-account coverage per owner on day R (what coverageByOwner(keyAccounts(…)) gives, in one aggregate). */
export async function keyCoverage(conn: DuckDBConnection, R: string, f: ResolvedFilters, scope: Scope, source?: KeyAccountSource): Promise<Map<string, Coverage>> {
  const day = source ? await source(conn, R) : null;
  if (day) {
    const counts = new Map<string, { all: number; covered: number }>();
    for (const a of ownedOn(day, f, scope)) {
      const c = counts.get(a.owner_rep_id) ?? { all: 0, covered: 0 };
      c.all += 1;
      if (a.recent) c.covered += 1;
      counts.set(a.owner_rep_id, c);
    }
    return new Map([...counts].map(([id, c]) => [id, coverageOf(c.all, c.covered)]));
  }
  const built = keyCoverageSql(R, f, scope);
  const found = await rows<{ owner_rep_id: string; accounts: number; covered: number }>(conn, built.sql, built.params);
  return new Map(found.map((r) => [r.owner_rep_id, coverageOf(r.accounts, r.covered)]));
}

/** A key-tier customer file row with an owner, as the key-account figures on day R see it. */
export interface KeyAccountRow {
  customer_id: string;
  name: string | null;
  owner_rep_id: string;
  /** The owner's roster row valid on R (null: none). */
  team: string | null;
  region: string | null;
  /** A visit in the 30 days to R. */
  recent: boolean;
  /** The last visit on or before R. */
  last_visit: string | null;
}

/**
 * The company's key accounts on day R: every key-tier customer row with an owner, in owner and
 * customer order, before any filter or scope. The same for every request about day R, so it can
 * be computed once and shared (a KeyAccountSource); coverage and the uncovered list are cut from it.
 */
export function keyAccountDaySql(R: string): SqlFragment {
  return {
    sql: `WITH rows_ AS (
  SELECT c.customer_id, c.name, c.owner_rep_id, ow.team, ow.region
  FROM customers c LEFT JOIN ${ownerRosterSql('ka_')} ow ON ow.rep_id = c.owner_rep_id
  WHERE c.tier = 'key' AND c.owner_rep_id IS NOT NULL
),
recent AS (
  SELECT DISTINCT customer_id FROM visits
  WHERE customer_id IS NOT NULL
    AND visit_at >= CAST(CAST($R AS DATE) - ${KEY_VISIT_DAYS - 1} AS TIMESTAMP) AND visit_at < CAST(CAST($R AS DATE) + 1 AS TIMESTAMP)
),
seen AS (
  SELECT customer_id, max(CAST(visit_at AS DATE)) AS last_visit
  FROM visits
  WHERE customer_id IN (SELECT customer_id FROM rows_) AND visit_at < CAST(CAST($R AS DATE) + 1 AS TIMESTAMP)
  GROUP BY customer_id
)
SELECT k.customer_id, k.name, k.owner_rep_id, k.team, k.region, r.customer_id IS NOT NULL AS recent, CAST(s.last_visit AS VARCHAR) AS last_visit
FROM rows_ k LEFT JOIN recent r USING (customer_id) LEFT JOIN seen s USING (customer_id)
ORDER BY k.owner_rep_id, k.customer_id`,
    params: { ka_asof: R, R },
  };
}

export async function keyAccountDay(conn: DuckDBConnection, R: string): Promise<KeyAccountRow[]> {
  const built = keyAccountDaySql(R);
  return rows<KeyAccountRow & Record<string, unknown>>(conn, built.sql, built.params);
}

/**
 * The key accounts on day R, from wherever they are kept (e.g. computed once per day R and shared);
 * null when they are not at hand, and the figures are then queried directly.
 */
export type KeyAccountSource = (conn: DuckDBConnection, R: string) => Promise<KeyAccountRow[] | null>;

/**
 * The key accounts of the owners in scope matching the team, region and rep filters (as the owned
 * CTE picks them: a customer id once, by its first row in owner order), in owner and customer order.
 */
function ownedOn(day: KeyAccountRow[], f: ResolvedFilters, scope: Scope): KeyAccountRow[] {
  const d = repDims(f.dims);
  const pass = (list: string[], v: string | null) => list.length === 0 || (v !== null && list.includes(v));
  const inScope = scope.all ? null : new Set(scope.repIds);
  const taken = new Set<string>();
  const out: KeyAccountRow[] = [];
  for (const a of day) {
    if (!pass(d.teams, a.team) || !pass(d.regions, a.region) || !pass(d.reps, a.owner_rep_id)) continue;
    if (inScope && !inScope.has(a.owner_rep_id)) continue;
    if (taken.has(a.customer_id)) continue;
    taken.add(a.customer_id);
    out.push(a);
  }
  return out;
}

export interface Page {
  offset: number;
  limit: number;
}

/**
 * The key accounts without a visit in the 30 days to $R, in owner and customer order, with their
 * last visit on or before $R; `page` picks a slice (the last visit is then looked up for it only).
 */
export function uncoveredSql(R: string, f: ResolvedFilters, scope: Scope, page: Page | null): SqlFragment {
  const ctes = ownedAndRecentCtes(R, f, scope);
  return {
    sql: `WITH ${ctes.sql},
open AS (
  SELECT o.customer_id, o.name, o.owner_rep_id
  FROM owned o LEFT JOIN recent r USING (customer_id)
  WHERE r.customer_id IS NULL
  ORDER BY o.owner_rep_id, o.customer_id${page ? '\n  LIMIT $limit OFFSET $offset' : ''}
),
seen AS (
  SELECT customer_id, max(CAST(visit_at AS DATE)) AS last_visit
  FROM visits
  WHERE customer_id IN (SELECT customer_id FROM open) AND visit_at < CAST(CAST($R AS DATE) + 1 AS TIMESTAMP)
  GROUP BY customer_id
)
SELECT p.customer_id, p.name, p.owner_rep_id, CAST(s.last_visit AS VARCHAR) AS last_visit
FROM open p LEFT JOIN seen s USING (customer_id)
ORDER BY p.owner_rep_id, p.customer_id`,
    params: page ? { ...ctes.params, limit: page.limit, offset: page.offset } : ctes.params,
  };
}

export async function uncoveredAccounts(
  conn: DuckDBConnection,
  R: string,
  f: ResolvedFilters,
  scope: Scope,
  page: Page | null = null,
  source?: KeyAccountSource,
): Promise<UncoveredAccount[]> {
  const day = source ? await source(conn, R) : null;
  if (day) {
    const open = ownedOn(day, f, scope).filter((a) => !a.recent);
    const slice = page ? open.slice(page.offset, page.offset + page.limit) : open;
    return slice.map((a) => ({ customerId: a.customer_id, name: a.name ?? a.customer_id, ownerRepId: a.owner_rep_id, lastVisit: a.last_visit }));
  }
  const built = uncoveredSql(R, f, scope, page);
  const found = await rows<{ customer_id: string; name: string | null; owner_rep_id: string; last_visit: string | null }>(conn, built.sql, built.params);
  return found.map((a) => ({ customerId: a.customer_id, name: a.name ?? a.customer_id, ownerRepId: a.owner_rep_id, lastVisit: a.last_visit }));
}

// ---------------------------------------------------------------------------------------------
// The visits page

export interface VisitRow extends Coverage {
  repId: string;
  name: string;
  visits: number;
  byType: Record<VisitType, number>;
  conversion: number | null;
}

export interface UncoveredAccount {
  customerId: string;
  name: string;
  ownerRepId: string;
  lastVisit: string | null;
}

export interface VisitsAnswer {
  asOf: string;
  period: PeriodOut;
  rows: VisitRow[];
  uncovered: UncoveredAccount[];
}

export interface VisitsReport extends VisitsAnswer {
  /** All uncovered key accounts, whether or not `uncovered` holds one page of them. */
  uncoveredTotal: number;
}

export interface VisitsReportOptions extends VisitOptions {
  /** A slice of the uncovered key accounts (default: all of them). */
  uncovered?: Page;
  /** Where the key accounts on the reference day come from (default: queried for this report). */
  keyAccounts?: KeyAccountSource;
}

const emptyTypes = (): Record<VisitType, number> => ({ visit: 0, call: 0, meeting: 0, demo: 0, other: 0 });

const zhCollator = new Intl.Collator('zh-CN');

/**
 * One row per rep: the active reps and account managers in view, plus anyone else with visits in
 * the period or key accounts. Coverage is measured over the 30 days to the period's effective end.
 */
export async function visitsReport(
  conn: DuckDBConnection,
  f: ResolvedFilters,
  scope: Scope,
  book: TargetBook,
  opts: VisitsReportOptions = {},
): Promise<VisitsReport> {
  const range = actualRange(f.current);
  const R = f.current.effectiveEnd;
  const typed = visitsByTypeSql(range, f, scope, opts.source === 'raw');
  const byType = await rows<{ rep_id: string; type: string; visits: number }>(conn, typed.sql, typed.params);
  const conversion = await visitConversionByRep(conn, f, scope, f.current, undefined, opts);
  const coverage = await keyCoverage(conn, R, f, scope, opts.keyAccounts);
  const uncovered = await uncoveredAccounts(conn, R, f, scope, opts.uncovered ?? null, opts.keyAccounts);

  const reps = new Set(range.end >= range.start ? activeSalespeople(book, f, scope, range) : []);
  const typesOf = new Map<string, Record<VisitType, number>>();
  for (const r of byType) {
    reps.add(r.rep_id);
    const types = typesOf.get(r.rep_id) ?? emptyTypes();
    const t = (VISIT_TYPES as readonly string[]).includes(r.type) ? (r.type as VisitType) : 'other';
    types[t] += Number(r.visits);
    typesOf.set(r.rep_id, types);
  }
  for (const id of coverage.keys()) reps.add(id);

  let uncoveredTotal = 0;
  const rowsOut: VisitRow[] = [...reps].map((repId) => {
    const types = typesOf.get(repId) ?? emptyTypes();
    const c = coverage.get(repId) ?? { keyAccounts: 0, keyAccountsCovered: 0, coverage: null };
    uncoveredTotal += c.keyAccounts - c.keyAccountsCovered;
    return {
      repId,
      name: book.describe(repId, R)?.name ?? repId,
      visits: Object.values(types).reduce((a, b) => a + b, 0),
      byType: types,
      conversion: conversion.get(repId) ?? null,
      ...c,
    };
  });
  rowsOut.sort((a, b) => b.visits - a.visits || zhCollator.compare(a.name, b.name) || a.repId.localeCompare(b.repId));

  return { asOf: f.asOf, period: periodOut(f.current), rows: rowsOut, uncovered, uncoveredTotal };
}

/** Visits per ISO week ('YYYY-Www') and rep over the period. */
export function weeklySql(range: { start: string; end: string }, f: ResolvedFilters, scope: Scope): SqlFragment {
  const w = visitWhere(VISITS_DAY_COLUMNS, range, f, scope);
  return {
    sql: `SELECT strftime(vd.day, '%G-W%V') AS week, vd.rep_id, CAST(sum(vd.visits) AS INTEGER) AS visits
FROM rollup_visits_day vd
WHERE ${w.sql}
GROUP BY ALL
ORDER BY week, vd.rep_id`,
    params: w.params,
  };
}

export interface WeeklyAnswer {
  asOf: string;
  period: PeriodOut;
  rows: Array<{ week: string; repId: string; visits: number }>;
}

export async function visitsWeekly(conn: DuckDBConnection, f: ResolvedFilters, scope: Scope): Promise<WeeklyAnswer> {
  const built = weeklySql(actualRange(f.current), f, scope);
  const found = await rows<{ week: string; rep_id: string; visits: number }>(conn, built.sql, built.params);
  return { asOf: f.asOf, period: periodOut(f.current), rows: found.map((r) => ({ week: r.week, repId: r.rep_id, visits: r.visits })) };
}
