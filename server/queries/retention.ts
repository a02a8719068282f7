// Cohort retention (logo and revenue), NRR, GRR and churn over the period against its comparison
// (metrics.md), for the customers of the selected reps. SQL builders are pure; runners pick the
// precomputed tables of 005_customer_stats.sql when they answer exactly, raw order lines otherwise.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Scope } from '../auth/types.ts';
import { rows } from '../db/query.ts';
import { DESCRIBE, atRiskCountCtes, atRiskPage, listed, riskSource, silenceReason, statsCte, statsSourceOf, type CustomerFacts, type ListedCustomer, type Page, type StatsChoice } from './at-risk.ts';
import { customerSet, dateWhere, inSet, lineWhere, setCte, type CustomerSet } from './customer-set.ts';
import { actualRange, hasDims, type DimensionFilters, type Lang, type PeriodRange, type ResolvedFilters, type SqlFragment } from './filters.ts';
import { monthRollupCovers } from './actuals.ts';
import { cents, round } from './numbers.ts';
import { periodOut, type PeriodOut } from './overview.ts';
import { addMonths, maxDate, minDate, monthEnd, monthStart } from './periods.ts';
import { monthTablesExact, precomputedAsOf, statsSource, type SourceMode } from './purchase-stats.ts';
import { LINE_COLUMNS, ORDER_LINES_SQL } from './sources.ts';

export type RetentionBasis = 'logo' | 'revenue';

const CM_COLUMNS = { date: 'cm.month', rep: 'NULL' };

// ---------------------------------------------------------------------------------------------
// Cohort matrix

export interface CohortQuery {
  /** First days of the first and last cohort months. */
  cohortStart: string;
  cohortEnd: string;
  asOf: string;
  set: CustomerSet;
  dims: DimensionFilters;
  precomputed: boolean;
}

const COHORT_TAIL = `sizes AS (SELECT cohort, count(*) AS size FROM members GROUP BY cohort),
cells AS (
  SELECT m.cohort, CAST(date_diff('month', m.cohort, a.month) AS INTEGER) AS k,
         count(*) FILTER (WHERE a.purchases > 0) AS active, sum(a.revenue) AS revenue
  FROM members m JOIN activity a USING (customer_id)
  WHERE a.month >= m.cohort
  GROUP BY ALL
)`;

const COHORT_ROWS = `SELECT strftime(s.cohort, '%Y-%m') AS cohort, s.size, c.k, coalesce(c.active, 0) AS active,
       CAST(coalesce(c.revenue, 0) AS DECIMAL(18,4)) AS revenue
FROM sizes s LEFT JOIN cells c USING (cohort)`;

const COHORT_SELECT = `${COHORT_ROWS}
ORDER BY s.cohort, c.k`;

/**
 * Per cohort: its size and, per month offset k, the cohort's customers with a purchase that month
 * (active) and their net revenue. The cohort is the month of the first purchase in all data.
 */
export function cohortSql(q: CohortQuery): SqlFragment {
  const parts = cohortCtes(q);
  return { sql: `WITH ${setCte(q.set)}${parts.sql}\n${COHORT_SELECT}`, params: parts.params };
}

/**
 * The CTEs of cohortSql after the set's own (sizes and cells, and what they are built from:
 * members, activity), for a statement that defines `cs` itself.
 */
function cohortCtes(q: CohortQuery): SqlFragment {
  const params = { ...q.set.params, asOf: q.asOf, cohortStart: q.cohortStart, cohortEnd: q.cohortEnd };
  const inCohorts = `BETWEEN CAST($cohortStart AS DATE) AND CAST($cohortEnd AS DATE)`;
  if (q.precomputed && q.set.everyone) {
    return {
      sql: `sizes AS (SELECT cohort, customers AS size FROM cohort_offset WHERE k = 0 AND cohort ${inCohorts}),
cells AS (
  SELECT cohort, k, customers AS active, revenue FROM cohort_offset
  WHERE cohort ${inCohorts} AND k <= date_diff('month', cohort, CAST($asOf AS DATE))
)`,
      params,
    };
  }
  if (q.precomputed) {
    return {
      sql: `members AS (
  SELECT customer_id, CAST(date_trunc('month', first_purchase) AS DATE) AS cohort FROM customer_stats
  WHERE first_purchase <= CAST($asOf AS DATE) AND date_trunc('month', first_purchase) ${inCohorts}${inSet(q.set, 'customer_id')}
),
activity AS (
  SELECT customer_id, month, revenue, purchase_lines AS purchases FROM customer_month
  WHERE customer_id IN (SELECT customer_id FROM members) AND month BETWEEN CAST($cohortStart AS DATE) AND CAST($asOf AS DATE)
),
${COHORT_TAIL}`,
      params,
    };
  }
  const lines = dateWhere(LINE_COLUMNS, { start: q.cohortStart, end: q.asOf }, 'a_');
  const filters = lineWhere(LINE_COLUMNS, q.dims, 'al_');
  return {
    sql: `first AS (
  SELECT customer_id, CAST(date_trunc('month', min(order_date)) AS DATE) AS cohort FROM orders
  WHERE customer_id IS NOT NULL AND status <> 'cancelled' AND amount > 0 AND order_date <= CAST($asOf AS DATE)
  GROUP BY customer_id
),
members AS (
  SELECT customer_id, cohort FROM first WHERE cohort ${inCohorts}${inSet(q.set, 'customer_id')}
),
activity AS (
  SELECT l.customer_id, CAST(date_trunc('month', l.order_date) AS DATE) AS month,
         sum(l.amount) AS revenue, count(*) FILTER (WHERE l.amount > 0) AS purchases
  FROM (${ORDER_LINES_SQL}) l
  WHERE l.customer_id IN (SELECT customer_id FROM members) AND ${lines.sql} AND ${filters.sql}
  GROUP BY ALL
),
${COHORT_TAIL}`,
    params: { ...params, ...lines.params, ...filters.params },
  };
}

export interface CohortRow {
  cohort: string;
  size: number;
  /** values[k]: retention in month cohort + k as a fraction; values[0] = 1 (revenue: null when the base is ≤ 0). */
  values: Array<number | null>;
}

interface CohortCell {
  cohort: string;
  size: number;
  k: number | null;
  active: number;
  revenue: number;
}

function monthsFrom(cohort: string, asOf: string): number {
  const [cy, cm] = cohort.split('-').map(Number) as [number, number];
  const [ay, am] = asOf.split('-').map(Number) as [number, number];
  return (ay - cy) * 12 + (am - cm);
}

/** Turns the cells into one row per cohort, followed to the as-of month (missing months are 0). */
export function cohortRows(cells: CohortCell[], asOf: string, basis: RetentionBasis): CohortRow[] {
  const byCohort = new Map<string, { size: number; active: Map<number, number>; revenue: Map<number, number> }>();
  for (const c of cells) {
    const entry = byCohort.get(c.cohort) ?? { size: Number(c.size), active: new Map(), revenue: new Map() };
    if (c.k !== null) {
      entry.active.set(c.k, Number(c.active));
      entry.revenue.set(c.k, Number(c.revenue));
    }
    byCohort.set(c.cohort, entry);
  }
  return [...byCohort.entries()].map(([cohort, e]) => {
    const span = monthsFrom(cohort, asOf);
    const base = e.revenue.get(0) ?? 0;
    const values: Array<number | null> = [];
    for (let k = 0; k <= span; k++) {
      if (basis === 'logo') values.push(k === 0 ? 1 : round((e.active.get(k) ?? 0) / e.size));
      else values.push(base > 0 ? round((e.revenue.get(k) ?? 0) / base) : null);
    }
    return { cohort, size: e.size, values };
  });
}

/** The cohort months of a period: those it overlaps, up to the as-of date. */
export function cohortMonths(current: PeriodRange, asOf: string): { cohortStart: string; cohortEnd: string } | null {
  const end = minDate(current.end, asOf);
  if (end < current.start) return null;
  return { cohortStart: monthStart(current.start), cohortEnd: monthStart(end) };
}

// ---------------------------------------------------------------------------------------------
// NRR, GRR, churn

export interface RevenueBaseQuery {
  current: { start: string; end: string };
  compare: { start: string; end: string };
  set: CustomerSet;
  dims: DimensionFilters;
  precomputed: boolean;
}

/**
 * The `rev` CTE body: per customer, net revenue and purchases in the comparison (prev_) and the
 * current (cur_) period, for customers with any line in either.
 */
export function revenueBaseSql(q: RevenueBaseQuery): SqlFragment {
  if (q.precomputed) {
    const month = (r: { start: string; end: string }) => ({ start: monthStart(r.start), end: monthStart(r.end) });
    const cur = dateWhere(CM_COLUMNS, month(q.current), 'cur_');
    const prev = dateWhere(CM_COLUMNS, month(q.compare), 'prev_');
    // Both periods inside one range as well, which the scan can skip row groups by.
    const span = dateWhere(CM_COLUMNS, { start: minDate(month(q.current).start, month(q.compare).start), end: maxDate(month(q.current).end, month(q.compare).end) }, 'span_');
    return {
      sql: `SELECT cm.customer_id,
         sum(cm.revenue) FILTER (WHERE ${prev.sql}) AS prev_rev,
         coalesce(sum(cm.purchase_lines) FILTER (WHERE ${prev.sql}), 0) AS prev_purchases,
         sum(cm.revenue) FILTER (WHERE ${cur.sql}) AS cur_rev,
         coalesce(sum(cm.purchase_lines) FILTER (WHERE ${cur.sql}), 0) AS cur_purchases
  FROM customer_month cm
  WHERE ${span.sql} AND ((${cur.sql}) OR (${prev.sql}))${inSet(q.set, 'cm.customer_id')}
  GROUP BY cm.customer_id`,
      params: { ...cur.params, ...prev.params, ...span.params },
    };
  }
  const cur = dateWhere(LINE_COLUMNS, q.current, 'cur_');
  const prev = dateWhere(LINE_COLUMNS, q.compare, 'prev_');
  const filters = lineWhere(LINE_COLUMNS, q.dims, 'rl_');
  return {
    sql: `SELECT l.customer_id,
         sum(l.amount) FILTER (WHERE ${prev.sql}) AS prev_rev,
         count(*) FILTER (WHERE l.amount > 0 AND ${prev.sql}) AS prev_purchases,
         sum(l.amount) FILTER (WHERE ${cur.sql}) AS cur_rev,
         count(*) FILTER (WHERE l.amount > 0 AND ${cur.sql}) AS cur_purchases
  FROM (${ORDER_LINES_SQL}) l
  WHERE l.customer_id IS NOT NULL AND ((${cur.sql}) OR (${prev.sql})) AND ${filters.sql}${inSet(q.set, 'l.customer_id')}
  GROUP BY l.customer_id`,
    params: { ...cur.params, ...prev.params, ...filters.params },
  };
}

/** NRR and GRR parts and the churned count from the `rev` CTE (revenueBaseSql). */
const RATES_SELECT = `SELECT CAST(coalesce(sum(prev_rev), 0) AS DECIMAL(18,4)) AS base,
       CAST(coalesce(sum(coalesce(cur_rev, 0)), 0) AS DECIMAL(18,4)) AS net,
       CAST(coalesce(sum(greatest(0, least(coalesce(cur_rev, 0), prev_rev))), 0) AS DECIMAL(18,4)) AS gross,
       count(*) FILTER (WHERE cur_purchases = 0) AS churned
FROM rev
WHERE prev_purchases > 0`;

/**
 * NRR and GRR parts and the churned count over customers with a purchase in the comparison period.
 * GRR floors each customer's current revenue at 0 and caps it at their comparison revenue.
 */
export function retentionRatesSql(q: RevenueBaseQuery): SqlFragment {
  const base = revenueBaseSql(q);
  return {
    sql: `WITH ${setCte(q.set)}rev AS (
  ${base.sql}
)
${RATES_SELECT}`,
    params: { ...q.set.params, ...base.params },
  };
}

// ---------------------------------------------------------------------------------------------
// The whole report in one statement

export interface ReportQuery {
  set: CustomerSet;
  /** The cohort matrix (null: the period has no cohort month up to the as-of date). */
  cohort: CohortQuery | null;
  /** NRR, GRR and churn (null without a comparison period). */
  rates: RevenueBaseQuery | null;
  /** The at-risk count as of reference day R. */
  R: string;
  risk: StatsChoice;
}

/**
 * The cohort cells, the rates and the at-risk count as one statement, so that a customer set is
 * built once (materialised) rather than once for each figure. One row per cohort cell (a single
 * row with a null cohort when there is none), each carrying the rates and the count.
 */
export function retentionReportSql(q: ReportQuery): SqlFragment {
  const ctes: string[] = [];
  let params: SqlFragment['params'] = { ...q.set.params };
  if (!q.set.everyone) ctes.push(`cs AS MATERIALIZED (\n  ${q.set.sql}\n)`);
  if (q.cohort) {
    const cohort = cohortCtes(q.cohort);
    ctes.push(cohort.sql, `cohort_cells AS (\n${COHORT_ROWS}\n)`);
    params = { ...params, ...cohort.params };
  } else {
    ctes.push(`cohort_cells AS (SELECT NULL::VARCHAR AS cohort, 0 AS size, 0 AS k, 0 AS active, 0::DECIMAL(18,4) AS revenue WHERE false)`);
  }
  if (q.rates) {
    const base = revenueBaseSql(q.rates);
    ctes.push(`rev AS (\n  ${base.sql}\n)`, `rates AS (\n${RATES_SELECT}\n)`);
    params = { ...params, ...base.params };
  } else {
    ctes.push(`rates AS (SELECT NULL::DECIMAL(18,4) AS base, NULL::DECIMAL(18,4) AS net, NULL::DECIMAL(18,4) AS gross, NULL::BIGINT AS churned)`);
  }
  const risk = atRiskCountCtes(q.set, q.R, q.risk);
  ctes.push(risk.sql);
  return {
    sql: `WITH ${ctes.join(',\n')}
SELECT r.base, r.net, r.gross, r.churned, k.n AS at_risk, c.cohort, c.size, c.k, c.active, c.revenue
FROM risk_count k CROSS JOIN rates r LEFT JOIN cohort_cells c ON TRUE
ORDER BY c.cohort, c.k`,
    params: { ...params, ...risk.params },
  };
}

/** ` LIMIT $limit OFFSET $offset` for a page ('' for the whole list), with its params. */
function pageClause(page?: Page): { sql: string; params: SqlFragment['params'] } {
  return page ? { sql: ' LIMIT $limit OFFSET $offset', params: { limit: page.limit, offset: page.offset } } : { sql: '', params: {} };
}

/**
 * Customers with a purchase in the comparison period and none in the current one (a page of them
 * when `page` is given, largest comparison revenue first), with their history as of $R and the
 * length of the whole list (total).
 */
export function churnedSql(q: RevenueBaseQuery, R: string, stats: StatsChoice, page?: Page): SqlFragment {
  const base = revenueBaseSql(q);
  const limit = pageClause(page);
  // Each of them bought in the comparison period: their customer_history row as of R is no older.
  const since = statsSourceOf(stats) === 'history';
  return {
    sql: `WITH ${setCte(q.set)}rev AS (
  ${base.sql}
),
lost AS MATERIALIZED (SELECT customer_id, CAST(coalesce(prev_rev, 0) AS DECIMAL(18,4)) AS revenue FROM rev WHERE prev_purchases > 0 AND cur_purchases = 0),
listed AS (SELECT * FROM lost ORDER BY revenue DESC, customer_id${limit.sql}),
x AS (
  ${statsCte(q.set, stats, { only: ' AND customer_id IN (SELECT customer_id FROM listed)', ...(since ? { since: 'lost_since' } : {}) })}
),
${DESCRIBE}
SELECT l.customer_id, d.name, d.tier, d.owner_rep_id, CAST(d.last_purchase AS VARCHAR) AS last_purchase, d.days_since,
       d.purchase_days, d.median_gap_days, d.threshold, CAST(d.last_visit AS VARCHAR) AS last_visit, d.key_account,
       l.revenue, (SELECT count(*) FROM lost) AS total
FROM listed l LEFT JOIN described d USING (customer_id)
ORDER BY l.revenue DESC, l.customer_id`,
    params: { ...q.set.params, ...base.params, ...limit.params, R, ...(since ? { lost_since: q.compare.start } : {}) },
  };
}

export interface CohortCustomersQuery {
  /** First day of the cohort month and of the month looked at (cohort + k). */
  cohort: string;
  month: string;
  asOf: string;
  set: CustomerSet;
  dims: DimensionFilters;
  precomputed: boolean;
}

/**
 * The customers of one cohort with a purchase in month cohort + k (a page of them when `page` is
 * given, largest revenue first), with their first purchase, that month's figures and the length
 * of the whole list (total).
 */
export function cohortCustomersSql(q: CohortCustomersQuery, page?: Page): SqlFragment {
  const limit = pageClause(page);
  const params: SqlFragment['params'] = { ...q.set.params, asOf: q.asOf, cohort: q.cohort };
  let members: string;
  let activity: string;
  let extra: SqlFragment['params'] = {};
  if (q.precomputed) {
    extra = { month: q.month };
    members = `SELECT customer_id, first_purchase FROM customer_stats
  WHERE first_purchase <= CAST($asOf AS DATE) AND date_trunc('month', first_purchase) = CAST($cohort AS DATE)${inSet(q.set, 'customer_id')}`;
    activity = `SELECT customer_id, revenue, purchase_days AS purchases FROM customer_month
  WHERE month = CAST($month AS DATE) AND customer_id IN (SELECT customer_id FROM members)`;
  } else {
    const lines = dateWhere(LINE_COLUMNS, { start: q.month, end: minDate(monthEnd(q.month), q.asOf) }, 'a_');
    const filters = lineWhere(LINE_COLUMNS, q.dims, 'al_');
    extra = { ...lines.params, ...filters.params };
    members = `SELECT customer_id, first_purchase FROM (
    SELECT customer_id, min(order_date) AS first_purchase FROM orders
    WHERE customer_id IS NOT NULL AND status <> 'cancelled' AND amount > 0 AND order_date <= CAST($asOf AS DATE)
    GROUP BY customer_id
  )
  WHERE date_trunc('month', first_purchase) = CAST($cohort AS DATE)${inSet(q.set, 'customer_id')}`;
    activity = `SELECT l.customer_id, sum(l.amount) AS revenue, count(DISTINCT l.order_date) FILTER (WHERE l.amount > 0) AS purchases
  FROM (${ORDER_LINES_SQL}) l
  WHERE l.customer_id IN (SELECT customer_id FROM members) AND ${lines.sql} AND ${filters.sql}
  GROUP BY l.customer_id`;
  }
  return {
    sql: `WITH ${setCte(q.set)}members AS (
  ${members}
),
activity AS (
  ${activity}
),
active AS MATERIALIZED (
  SELECT m.customer_id, m.first_purchase, CAST(a.purchases AS INTEGER) AS purchases, CAST(a.revenue AS DECIMAL(18,4)) AS revenue
  FROM members m JOIN activity a USING (customer_id)
  WHERE a.purchases > 0
),
listed AS (SELECT * FROM active ORDER BY revenue DESC, customer_id${limit.sql})
SELECT l.customer_id, c.name, c.tier, c.owner_rep_id, CAST(l.first_purchase AS VARCHAR) AS first_purchase,
       l.purchases, l.revenue, (SELECT count(*) FROM active) AS total
FROM listed l
LEFT JOIN (SELECT customer_id, any_value(name) AS name, any_value(tier) AS tier, any_value(owner_rep_id) AS owner_rep_id
           FROM customers WHERE customer_id IN (SELECT customer_id FROM listed) GROUP BY customer_id) c USING (customer_id)
ORDER BY l.revenue DESC, l.customer_id`,
    params: { ...params, ...extra, ...limit.params },
  };
}

// ---------------------------------------------------------------------------------------------
// Runners

export interface RetentionOptions {
  source?: SourceMode;
}

export interface RetentionContext {
  set: CustomerSet;
  /** customer_month / customer_links / cohort_offset answer exactly. */
  monthTables: boolean;
  statsAsOf: string | null;
}

/** Resolves the customer set and which tables may answer, once per request. */
export async function retentionContext(conn: DuckDBConnection, f: ResolvedFilters, scope: Scope, opts: RetentionOptions = {}): Promise<RetentionContext> {
  const statsAsOf = opts.source === 'raw' ? null : await precomputedAsOf(conn);
  const monthTables = opts.source !== 'raw' && monthTablesExact(statsAsOf, f.dataEnd, f.asOf);
  return { set: customerSet(f.asOf, f.dims, scope, monthTables), monthTables, statsAsOf };
}

const noLineDims = (d: DimensionFilters) => !hasDims(d, ['categories', 'channels']);

export interface RetentionRates {
  nrr: number | null;
  grr: number | null;
  churned: number | null;
}

/** The revenue-base query for the filters' periods, or null without a comparison period. */
export function revenueBaseQuery(f: ResolvedFilters, ctx: RetentionContext): RevenueBaseQuery | null {
  if (!f.compare) return null;
  const current = actualRange(f.current);
  const compare = actualRange(f.compare);
  const monthly = ctx.monthTables && noLineDims(f.dims) && monthRollupCovers(current, f.dataEnd) && monthRollupCovers(compare, f.dataEnd);
  return { current, compare, set: ctx.set, dims: f.dims, precomputed: monthly };
}

/** The day "last N days" windows end on: the earlier of the period's end and the as-of date. */
export function referenceDay(f: ResolvedFilters): string {
  return f.current.effectiveEnd;
}

export interface RetentionAnswer {
  asOf: string;
  period: PeriodOut;
  compare: PeriodOut | null;
  basis: RetentionBasis;
  cohorts: CohortRow[];
  nrr: number | null;
  grr: number | null;
  churned: number | null;
  atRisk: number;
}

interface ReportRow extends Record<string, unknown> {
  base: number | null;
  net: number | null;
  gross: number | null;
  churned: number | null;
  at_risk: number;
  cohort: string | null;
  size: number | null;
  k: number | null;
  active: number | null;
  revenue: number | null;
}

export async function retentionReport(
  conn: DuckDBConnection,
  f: ResolvedFilters,
  scope: Scope,
  basis: RetentionBasis,
  opts: RetentionOptions = {},
): Promise<RetentionAnswer> {
  const ctx = await retentionContext(conn, f, scope, opts);
  const months = cohortMonths(f.current, f.asOf);
  const R = referenceDay(f);
  const built = retentionReportSql({
    set: ctx.set,
    cohort: months && { ...months, asOf: f.asOf, set: ctx.set, dims: f.dims, precomputed: ctx.monthTables && noLineDims(f.dims) },
    rates: revenueBaseQuery(f, ctx),
    R,
    risk: riskSource(ctx.statsAsOf, f.dataEnd, R),
  });
  const found = await rows<ReportRow>(conn, built.sql, built.params);
  const first = found[0];
  const cells = found.filter((r): r is ReportRow & CohortCell => r.cohort !== null);
  const base = first?.base ?? 0;
  const rates: RetentionRates = !f.compare
    ? { nrr: null, grr: null, churned: null }
    : { nrr: base > 0 ? round(first!.net! / base) : null, grr: base > 0 ? round(first!.gross! / base) : null, churned: first?.churned ?? 0 };
  return {
    asOf: f.asOf,
    period: periodOut(f.current),
    compare: f.compare ? periodOut(f.compare) : null,
    basis,
    cohorts: months ? cohortRows(cells, f.asOf, basis) : [],
    ...rates,
    atRisk: first?.at_risk ?? 0,
  };
}

export type RetentionListKind = 'churned' | 'at_risk' | 'cohort';

export interface RetentionListQuery {
  kind: RetentionListKind;
  /** YYYY-MM (kind cohort). */
  cohort?: string;
  /** Month offset (kind cohort; default 0). */
  k?: number;
  /** The rows to answer, in list order (default: the whole list). */
  page?: Page;
}

export interface RetentionListAnswer {
  asOf: string;
  kind: RetentionListKind;
  cohort: string | null;
  k: number | null;
  /** Customers in the whole list; rows holds the page asked for. */
  total: number;
  rows: ListedCustomer[];
}

interface CohortMember {
  customer_id: string;
  name: string | null;
  tier: string | null;
  owner_rep_id: string | null;
  first_purchase: string;
  purchases: number;
  revenue: number;
}

function cohortReason(m: CohortMember, month: string, lang: Lang): string {
  return lang === 'zh'
    ? `首次采购 ${m.first_purchase}；${month} 采购 ${m.purchases} 次`
    : `first purchase ${m.first_purchase}; ${m.purchases} purchase${m.purchases === 1 ? '' : 's'} in ${month}`;
}

/** The customers behind a retention figure (a page of them), each with the reason in the filters' language. */
export async function retentionCustomers(
  conn: DuckDBConnection,
  f: ResolvedFilters,
  scope: Scope,
  q: RetentionListQuery,
  opts: RetentionOptions = {},
): Promise<RetentionListAnswer> {
  const ctx = await retentionContext(conn, f, scope, opts);
  const R = referenceDay(f);
  const stats = statsSource(ctx.statsAsOf, f.dataEnd, R);
  const out = { asOf: f.asOf, kind: q.kind, cohort: q.cohort ?? null, k: q.kind === 'cohort' ? (q.k ?? 0) : null };
  const none = { ...out, total: 0, rows: [] };
  if (q.kind === 'at_risk') return { ...out, ...(await atRiskPage(conn, ctx.set, R, riskSource(ctx.statsAsOf, f.dataEnd, R), f.lang, q.page)) };
  if (q.kind === 'churned') {
    const base = revenueBaseQuery(f, ctx);
    if (!base) return none;
    const { total, found } = await pageOf<CustomerFacts>(conn, (page) => churnedSql(base, R, stats, page), q.page);
    return { ...out, total, rows: found.map((c) => listed(c, silenceReason(c, f.lang))) };
  }
  const cohort = `${q.cohort}-01`;
  const month = addMonths(cohort, out.k ?? 0);
  if (month > f.asOf) return none;
  const cohortQuery = { cohort, month, asOf: f.asOf, set: ctx.set, dims: f.dims, precomputed: ctx.monthTables && noLineDims(f.dims) };
  const { total, found } = await pageOf<CohortMember>(conn, (page) => cohortCustomersSql(cohortQuery, page), q.page);
  return {
    ...out,
    total,
    rows: found.map((m) => ({
      customerId: m.customer_id,
      name: m.name ?? m.customer_id,
      tier: m.tier,
      ownerRepId: m.owner_rep_id,
      lastPurchase: null,
      daysSincePurchase: null,
      purchases: Number(m.purchases),
      medianGapDays: null,
      lastVisit: null,
      revenue: cents(Number(m.revenue)),
      reason: cohortReason(m, month.slice(0, 7), f.lang),
    })),
  };
}

/** Runs a list query whose rows carry the length of the whole list (total). */
async function pageOf<T>(conn: DuckDBConnection, build: (page?: Page) => SqlFragment, page?: Page): Promise<{ total: number; found: T[] }> {
  const built = build(page);
  const found = await rows<T & { total: number } & Record<string, unknown>>(conn, built.sql, built.params);
  if (found.length > 0 || !page?.offset) return { total: Number(found[0]?.total ?? 0), found };
  // A page past the end has no row to carry the total: ask for the first row.
  const first = build({ limit: 1, offset: 0 });
  const [row] = await rows<{ total: number }>(conn, first.sql, first.params);
  return { total: Number(row?.total ?? 0), found };
}
