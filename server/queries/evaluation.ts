// Rep evaluation (metrics.md "evaluation score"): 100 × Σ wᵢ·clamp(attainmentᵢ, 0, 1.2) / Σ wᵢ over
// the components with a target (revenue, new customers, visits, key-account coverage against 100 %),
// with team medians, and the bundle behind one rep's evaluation page.
import type { DuckDBConnection } from '@duckdb/node-api';
import { ALL_SCOPE } from '../auth/scope.ts';
import type { Scope } from '../auth/types.ts';
import { rows } from '../db/query.ts';
import { actualsMany, monthRollupCovers, type BaseMetric } from './actuals.ts';
import { atRiskCustomers, atRiskSql, listed, reasonOf, riskSource, type CustomerFacts, type ListedCustomer } from './at-risk.ts';
import { activeSalespeople } from './attainment.ts';
import { LINK_COLUMNS, NO_DIMS, customerSet, repDims } from './customer-set.ts';
import { actualRange, hasDims, whereClause, type Lang, type PeriodRange, type ResolvedFilters, type SqlFragment } from './filters.ts';
import { cents, ratio, round } from './numbers.ts';
import { periodOut, type PeriodOut } from './overview.ts';
import { addDays, addMonths, maxDate, minDate, monthEnd, monthStart, monthsIn, parsePeriod } from './periods.ts';
import { monthTablesExact, precomputedAsOf } from './purchase-stats.ts';
import { rank } from './rankings.ts';
import { getReview, type Review } from './reviews.ts';
import type { EvaluationWeights } from './settings.ts';
import { CUSTOMER_MONTH_COLUMNS, LINE_COLUMNS, ORDER_LINES_PLAIN_SQL, ORDER_LINES_SQL, SALES_MONTH_COLUMNS } from './sources.ts';
import type { TargetBook } from './targets.ts';
import { keyCoverage, type KeyAccountSource } from './visits.ts';

export const COMPONENTS = ['revenue', 'new_customers', 'visits', 'key_account_coverage'] as const;
export type ComponentMetric = (typeof COMPONENTS)[number];

/** The ceiling of a component's attainment in the score (120 % counts, more does not). */
export const ATTAINMENT_CAP = 1.2;

export interface EvaluationDeps {
  weights: EvaluationWeights;
  /** Targets of the counted components (key-account coverage has its fixed 100 % target). */
  books: { revenue: TargetBook; new_customers: TargetBook; visits: TargetBook };
  /** Where the key accounts on a day come from (default: queried for each computation). */
  keyAccounts?: KeyAccountSource;
}

export interface Component {
  metric: ComponentMetric;
  weight: number;
  actual: number | null;
  target: number | null;
  attainment: number | null;
}

export interface RepScore {
  repId: string;
  name: string;
  team: string | null;
  score: number | null;
  components: Component[];
}

/** 100 × Σ w·clamp(a, 0, 1.2) / Σ w over components with an attainment and a weight; null when none. */
export function scoreOf(components: Component[]): number | null {
  let weighted = 0;
  let weights = 0;
  for (const c of components) {
    if (c.attainment === null || c.weight <= 0) continue;
    weighted += c.weight * Math.min(Math.max(c.attainment, 0), ATTAINMENT_CAP);
    weights += c.weight;
  }
  return weights > 0 ? round((100 * weighted) / weights, 2) : null;
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Scores of the active reps and account managers in view for a period (default: the filters'
 * period); `repIds` picks whom to score instead. Category and channel filters do not apply:
 * a rep is evaluated on all their sales, as their targets are.
 */
export async function evaluationScores(
  conn: DuckDBConnection,
  f: ResolvedFilters,
  scope: Scope,
  deps: EvaluationDeps,
  range: PeriodRange = f.current,
  repIds?: string[],
): Promise<Map<string, RepScore>> {
  const days = actualRange(range);
  const R = range.effectiveEnd;
  const dims = repDims(f.dims);
  const people = repIds ?? (days.end >= days.start ? activeSalespeople(deps.books.revenue, { ...f, dims }, scope, days) : []);
  const byRep = (metric: BaseMetric) => ({ metric, range: days, dims, scope, groupBy: 'rep' as const, dataEnd: f.dataEnd });
  const [revenue, newCustomers, visits] = (await actualsMany(conn, [byRep('revenue'), byRep('new_customers'), byRep('visits')])) as [
    Map<string, number>,
    Map<string, number>,
    Map<string, number>,
  ];
  const coverage = await keyCoverage(conn, R, { ...f, dims }, scope, deps.keyAccounts);

  const out = new Map<string, RepScore>();
  for (const repId of people) {
    const counted = (metric: 'revenue' | 'new_customers' | 'visits', actual: number): Component => {
      const target = deps.books[metric].rep(repId, range);
      return { metric, weight: deps.weights[metric], actual, target, attainment: ratio(actual, target) };
    };
    const cov = coverage.get(repId);
    const components: Component[] = [
      { ...counted('revenue', revenue.get(repId) ?? 0), actual: cents(revenue.get(repId) ?? 0) },
      counted('new_customers', newCustomers.get(repId) ?? 0),
      counted('visits', visits.get(repId) ?? 0),
      {
        metric: 'key_account_coverage',
        weight: deps.weights.key_account_coverage,
        actual: cov ? cov.coverage : null,
        target: cov ? 1 : null,
        attainment: cov ? cov.coverage : null,
      },
    ];
    for (const c of components) c.attainment = round(c.attainment);
    const row = deps.books.revenue.describe(repId, R);
    out.set(repId, { repId, name: row?.name ?? repId, team: row?.team ?? null, score: scoreOf(components), components });
  }
  return out;
}

/**
 * The company-wide scores of a range (every active rep and account manager, no filter, whole
 * company), from wherever they are kept: `compute` gives them; a caller may keep and share them.
 */
export type CompanyScoreSource = (range: PeriodRange, compute: () => Promise<Map<string, RepScore>>) => Promise<Map<string, RepScore>>;

/**
 * Evaluation scores as the rankings' value provider: (range, repIds) → score per rep. Without a
 * team, region or rep filter a rep's score is the same whatever the scope (every figure behind it is
 * the rep's own), so the company-wide scores of the range answer when `company` is given; a rep
 * missing from them is scored on their own.
 */
export function scoreProvider(conn: DuckDBConnection, f: ResolvedFilters, scope: Scope, deps: EvaluationDeps, company?: CompanyScoreSource) {
  return async (range: PeriodRange, repIds: string[]): Promise<Map<string, number | null>> => {
    let scores: Map<string, RepScore>;
    if (company && !hasDims(repDims(f.dims))) {
      const everyone = await company(range, () => evaluationScores(conn, companyFilters(f), ALL_SCOPE, deps, range));
      const missing = repIds.filter((id) => !everyone.has(id));
      scores = missing.length > 0 ? new Map([...everyone, ...(await evaluationScores(conn, f, scope, deps, range, missing))]) : everyone;
    } else {
      scores = await evaluationScores(conn, f, scope, deps, range, repIds);
    }
    return new Map(repIds.map((id) => [id, scores.get(id)?.score ?? null]));
  };
}

// ---------------------------------------------------------------------------------------------
// One rep's evaluation page

/** The filters the company-wide scores behind every evaluation page are computed with. */
export function companyFilters(f: ResolvedFilters): ResolvedFilters {
  return { ...f, dims: NO_DIMS };
}

/** The company-wide scores evaluationBundle compares one rep with (the same for every rep asked). */
export function companyScores(conn: DuckDBConnection, f: ResolvedFilters, deps: EvaluationDeps, source?: CompanyScoreSource): Promise<Map<string, RepScore>> {
  const compute = () => evaluationScores(conn, companyFilters(f), ALL_SCOPE, deps);
  return source ? source(f.current, compute) : compute();
}

/** Net revenue per rep and month over [start, end] for every rep (month rollup when it answers, raw lines otherwise). */
export function monthlyRevenueSql(range: { start: string; end: string }, dataEnd: string | null): SqlFragment {
  if (monthRollupCovers(range, dataEnd)) {
    const w = whereClause(SALES_MONTH_COLUMNS, range, NO_DIMS, ALL_SCOPE);
    return {
      sql: `SELECT s.rep_id, strftime(s.month, '%Y-%m') AS month, CAST(sum(s.revenue) AS DECIMAL(18,4)) AS revenue
FROM rollup_sales_month s WHERE ${w.sql} GROUP BY ALL`,
      params: w.params,
    };
  }
  const w = whereClause(LINE_COLUMNS, range, NO_DIMS, ALL_SCOPE);
  return {
    sql: `SELECT l.rep_id, strftime(l.order_date, '%Y-%m') AS month, CAST(sum(l.amount) AS DECIMAL(18,4)) AS revenue
FROM (${ORDER_LINES_SQL}) l WHERE ${w.sql} GROUP BY ALL`,
    params: w.params,
  };
}

/** Customer names of the customers in CTE `of` only (customers may repeat an id across files). */
const namesOf = (of: string) =>
  `(SELECT customer_id, any_value(name) AS name FROM customers WHERE customer_id IN (SELECT customer_id FROM ${of}) GROUP BY customer_id)`;

/**
 * The rep's top customers by their own net revenue in the period: from the customer × rep × month
 * rollup when it answers the range exactly (dataEnd given, see monthRollupCovers), raw lines otherwise.
 */
export function topCustomersSql(repId: string, range: { start: string; end: string }, limit: number, dataEnd?: string | null): SqlFragment {
  const dims = { ...NO_DIMS, reps: [repId] };
  const fromRollup = dataEnd !== undefined && monthRollupCovers(range, dataEnd);
  const w = fromRollup ? whereClause(CUSTOMER_MONTH_COLUMNS, range, dims, ALL_SCOPE) : whereClause(LINE_COLUMNS, range, dims, ALL_SCOPE);
  const mine = fromRollup
    ? `SELECT cm.customer_id, sum(cm.revenue) AS revenue FROM rollup_customer_rep_month cm
  WHERE ${w.sql}
  GROUP BY cm.customer_id`
    : `SELECT l.customer_id, sum(l.amount) AS revenue FROM (${ORDER_LINES_PLAIN_SQL}) l
  WHERE l.customer_id IS NOT NULL AND ${w.sql}
  GROUP BY l.customer_id`;
  return {
    sql: `WITH mine AS (
  ${mine}
),
top AS (
  SELECT m.customer_id, m.revenue, m.revenue / nullif(sum(m.revenue) OVER (), 0) AS share
  FROM mine m
  ORDER BY m.revenue DESC, m.customer_id
  LIMIT $limit
)
SELECT t.customer_id, coalesce(c.name, t.customer_id) AS name, CAST(t.revenue AS DECIMAL(18,4)) AS revenue, CAST(t.share AS DOUBLE) AS share
FROM top t LEFT JOIN ${namesOf('top')} c USING (customer_id)
ORDER BY t.revenue DESC, t.customer_id`,
    params: { ...w.params, limit },
  };
}

/** The visits table itself (alias v), for whereClause. */
const RAW_VISIT_COLUMNS = { date: 'CAST(v.visit_at AS DATE)', rep: 'v.rep_id' };

/** The rep's latest visits in a range. */
export function recentVisitsSql(repId: string, range: { start: string; end: string }, limit: number): SqlFragment {
  const w = whereClause(RAW_VISIT_COLUMNS, range, { ...NO_DIMS, reps: [repId] }, ALL_SCOPE);
  return {
    sql: `WITH latest AS (
  SELECT v.visit_id, v.visit_at, v.customer_id, v.type, v.outcome FROM visits v
  WHERE ${w.sql}
  ORDER BY v.visit_at DESC, v.visit_id
  LIMIT $limit
)
SELECT v.visit_id, strftime(v.visit_at, '%Y-%m-%dT%H:%M:%S') AS at, v.customer_id, coalesce(c.name, v.customer_id) AS customer_name,
       v.type, v.outcome
FROM latest v LEFT JOIN ${namesOf('latest')} c USING (customer_id)
ORDER BY v.visit_at DESC, v.visit_id`,
    params: { ...w.params, limit },
  };
}

/**
 * topCustomersSql for every rep at once (column rep_id added): each rep's top customers by their own
 * net revenue in the range, in rep order, then as topCustomersSql orders them.
 */
export function topCustomersByRepSql(range: { start: string; end: string }, limit: number, dataEnd?: string | null): SqlFragment {
  const fromRollup = dataEnd !== undefined && monthRollupCovers(range, dataEnd);
  const w = fromRollup ? whereClause(CUSTOMER_MONTH_COLUMNS, range, NO_DIMS, ALL_SCOPE) : whereClause(LINE_COLUMNS, range, NO_DIMS, ALL_SCOPE);
  const mine = fromRollup
    ? `SELECT cm.rep_id, cm.customer_id, sum(cm.revenue) AS revenue FROM rollup_customer_rep_month cm
  WHERE cm.rep_id IS NOT NULL AND ${w.sql}
  GROUP BY cm.rep_id, cm.customer_id`
    : `SELECT l.rep_id, l.customer_id, sum(l.amount) AS revenue FROM (${ORDER_LINES_PLAIN_SQL}) l
  WHERE l.rep_id IS NOT NULL AND l.customer_id IS NOT NULL AND ${w.sql}
  GROUP BY l.rep_id, l.customer_id`;
  // Each rep's first `limit` by (revenue desc, customer id) with a heap per rep: no sort of every row.
  return {
    sql: `WITH mine AS (
  ${mine}
),
firsts AS (
  SELECT m.rep_id, sum(m.revenue) AS total, min_by(m.customer_id, {r: -m.revenue, c: m.customer_id}, $limit) AS ids
  FROM mine m GROUP BY m.rep_id
),
top AS (
  SELECT m.rep_id, m.customer_id, m.revenue, m.revenue / nullif(f.total, 0) AS share
  FROM (SELECT rep_id, total, unnest(ids) AS customer_id FROM firsts) f JOIN mine m ON m.rep_id = f.rep_id AND m.customer_id = f.customer_id
)
SELECT t.rep_id, t.customer_id, coalesce(c.name, t.customer_id) AS name, CAST(t.revenue AS DECIMAL(18,4)) AS revenue, CAST(t.share AS DOUBLE) AS share
FROM top t LEFT JOIN ${namesOf('top')} c USING (customer_id)
ORDER BY t.rep_id, t.revenue DESC, t.customer_id`,
    params: { ...w.params, limit },
  };
}

/** How many days before the range's end recentVisitsByRepSql looks first (most reps fill their list in them). */
const RECENT_DAYS = 62;

/**
 * recentVisitsSql for every rep at once (column rep_id added), in rep order, then latest first.
 * Visits of the last RECENT_DAYS days settle every rep with `limit` visits in them (older ones come
 * after those); only the other reps' older visits are read.
 */
export function recentVisitsByRepSql(range: { start: string; end: string }, limit: number): SqlFragment {
  const split = maxDate(range.start, addDays(range.end, -(RECENT_DAYS - 1)));
  // Timestamp bounds rather than a cast to DATE, so that the scan skips the row groups outside them.
  const between = (from: string, before: string) =>
    `v.visit_at >= CAST(CAST($${from} AS DATE) AS TIMESTAMP) AND v.visit_at < CAST(CAST($${before} AS DATE) AS TIMESTAMP)`;
  return {
    sql: `WITH late AS MATERIALIZED (
  SELECT v.rep_id, v.visit_id, v.visit_at, v.customer_id, v.type, v.outcome FROM visits v
  WHERE v.rep_id IS NOT NULL AND ${between('split', 'after')}
),
settled AS (
  SELECT rep_id FROM late GROUP BY rep_id HAVING count(*) >= $limit
),
candidates AS (
  SELECT * FROM late
  UNION ALL
  SELECT v.rep_id, v.visit_id, v.visit_at, v.customer_id, v.type, v.outcome FROM visits v
  WHERE v.rep_id IS NOT NULL AND ${between('start', 'split')} AND v.rep_id NOT IN (SELECT rep_id FROM settled)
),
latest AS (
  SELECT rep_id, unnest(firsts, recursive := true) FROM (
    SELECT c.rep_id, min_by({visit_id: c.visit_id, visit_at: c.visit_at, customer_id: c.customer_id, type: c.type, outcome: c.outcome},
                            {t: -epoch_us(c.visit_at), id: c.visit_id}, $limit) AS firsts
    FROM candidates c
    GROUP BY c.rep_id
  )
)
SELECT v.rep_id, v.visit_id, strftime(v.visit_at, '%Y-%m-%dT%H:%M:%S') AS at, v.customer_id, coalesce(c.name, v.customer_id) AS customer_name,
       v.type, v.outcome
FROM latest v LEFT JOIN ${namesOf('latest')} c USING (customer_id)
ORDER BY v.rep_id, v.visit_at DESC, v.visit_id`,
    params: { start: range.start, split, after: addDays(range.end, 1), limit },
  };
}

/**
 * atRiskSql for every rep at once (column rep_id added): the stored at-risk list of each rep's
 * customers — those of customer_reps up to the as-of date plus those they own, as customerSet reads
 * them from the precomputed tables — the first `limit` of each rep in list order. The ranking reads
 * only the keys of the list order; the listed rows come from atRiskSql over the customers picked.
 */
export function atRiskByRepSql(asOf: string, R: string, limit: number): SqlFragment {
  const links = whereClause(LINK_COLUMNS, { start: '1900-01-01', end: asOf }, NO_DIMS, ALL_SCOPE, { prefix: 'lk_' });
  const risk = atRiskSql({ everyone: false, sql: 'SELECT DISTINCT customer_id FROM picked', params: {} }, R, 'stored');
  return {
    sql: `WITH keys AS MATERIALIZED (
  SELECT customer_id, overdue, days_since FROM customer_risk WHERE ref_day = CAST($R AS DATE)
),
links AS (
  SELECT cl.rep_id, cl.customer_id FROM customer_reps cl
  WHERE cl.rep_id IS NOT NULL AND ${links.sql} AND cl.customer_id IN (SELECT customer_id FROM keys)
  UNION
  SELECT c.owner_rep_id, c.customer_id FROM customers c
  WHERE c.owner_rep_id IS NOT NULL AND c.customer_id IN (SELECT customer_id FROM keys)
),
picked AS MATERIALIZED (
  SELECT rep_id, unnest(ids) AS customer_id FROM (
    SELECT l.rep_id, min_by(l.customer_id, {o: NOT k.overdue, d: -k.days_since, c: l.customer_id}, $rep_limit) AS ids
    FROM links l JOIN keys k ON k.customer_id = l.customer_id
    GROUP BY l.rep_id
  )
),
risk AS (
${risk.sql}
)
SELECT p.rep_id, r.* FROM picked p JOIN risk r ON r.customer_id = p.customer_id
ORDER BY p.rep_id, r.overdue DESC, r.days_since DESC, r.customer_id`,
    params: { ...risk.params, ...links.params, rep_limit: limit },
  };
}

type TopCustomer = EvaluationAnswer['topCustomers'][number];
type RecentVisit = EvaluationAnswer['recentVisits'][number];

/** Rows of a query in rep order, grouped by rep. */
function byRep<R extends { rep_id: string }, T>(found: R[], map: (r: R) => T): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of found) {
    const list = out.get(r.rep_id);
    if (list) list.push(map(r));
    else out.set(r.rep_id, [map(r)]);
  }
  return out;
}

/**
 * The lists of every rep's evaluation page for a period (top customers, at-risk customers, latest
 * visits), computed for the whole company at once: the same for every rep asked. A rep without an
 * entry has an empty list. `atRisk` is null when the stored at-risk table does not answer the
 * reference day; each page then computes its own.
 */
export interface CompanyLists {
  topCustomers: Map<string, TopCustomer[]>;
  recentVisits: Map<string, RecentVisit[]>;
  atRisk: Map<string, ListedCustomer[]> | null;
}

export async function companyLists(conn: DuckDBConnection, f: ResolvedFilters): Promise<CompanyLists> {
  const R = f.current.effectiveEnd;
  const top = topCustomersByRepSql(actualRange(f.current), LIST_LIMIT, f.dataEnd);
  const topRows = await rows<{ rep_id: string; customer_id: string; name: string; revenue: number; share: number | null }>(conn, top.sql, top.params);
  const visits = recentVisitsByRepSql({ start: '1900-01-01', end: R }, LIST_LIMIT);
  const visitRows = await rows<{ rep_id: string; visit_id: string; at: string; customer_id: string; customer_name: string; type: string; outcome: string | null }>(
    conn,
    visits.sql,
    visits.params,
  );
  const statsAsOf = await precomputedAsOf(conn);
  let atRisk: CompanyLists['atRisk'] = null;
  if (monthTablesExact(statsAsOf, f.dataEnd, f.asOf) && riskSource(statsAsOf, f.dataEnd, R) === 'stored') {
    const built = atRiskByRepSql(f.asOf, R, AT_RISK_LIMIT);
    const found = await rows<CustomerFacts & { rep_id: string } & Record<string, unknown>>(conn, built.sql, built.params);
    atRisk = byRep(found, (r) => listed(r, reasonOf(r, f.lang)));
  }
  return {
    topCustomers: byRep(topRows, topCustomerOut),
    recentVisits: byRep(visitRows, recentVisitOut),
    atRisk,
  };
}

const topCustomerOut = (r: { customer_id: string; name: string; revenue: number; share: number | null }): TopCustomer => ({
  customerId: r.customer_id,
  name: r.name,
  revenue: cents(Number(r.revenue)),
  share: round(r.share),
});

const recentVisitOut = (v: { visit_id: string; at: string; customer_id: string; customer_name: string; type: string; outcome: string | null }): RecentVisit => ({
  visitId: v.visit_id,
  at: v.at,
  customerId: v.customer_id,
  customerName: v.customer_name,
  type: v.type,
  outcome: v.outcome,
});

export interface EvaluationAnswer {
  repId: string;
  name: string;
  team: string | null;
  period: PeriodOut;
  score: number | null;
  components: Array<Component & { teamMedian: number | null }>;
  trend: Array<{ month: string; revenue: number; target: number | null; attainment: number | null; teamMedianAttainment: number | null }>;
  rankHistory: Array<{ month: string; rank: number | null; of: number }>;
  topCustomers: Array<{ customerId: string; name: string; revenue: number; share: number | null }>;
  atRisk: ListedCustomer[];
  recentVisits: Array<{ visitId: string; at: string; customerId: string; customerName: string; type: string; outcome: string | null }>;
  review: Review | null;
}

const TREND_MONTHS = 12;
const LIST_LIMIT = 10;
const AT_RISK_LIMIT = 20;

/** One month of the company-wide history behind every rep's trend and rank history. */
export interface HistoryMonth {
  month: string;
  range: PeriodRange;
  /** Net revenue per rep in the month (to the as-of date). */
  revenue: Map<string, number>;
  /** Revenue rank among the month's active reps and account managers. */
  ranks: Map<string, number>;
  of: number;
  /** Median revenue attainment of each team's active members (by their roster row on the month's last day). */
  teamMedians: Map<string, number | null>;
}

/** The 12 months up to the period's reference month, for the whole company (the same for every rep asked). */
export interface CompanyHistory {
  months: HistoryMonth[];
}

/**
 * One month (YYYY-MM) of the company-wide history as of the filters' as-of date: it depends on the
 * month, the as-of date and the data only, so every period whose 12 months include it can share it.
 */
export async function historyMonth(conn: DuckDBConnection, m: string, f: ResolvedFilters, deps: EvaluationDeps): Promise<HistoryMonth> {
  const company = companyFilters(f);
  const period = parsePeriod(m)!;
  const range = { ...period, effectiveEnd: minDate(period.end, f.asOf) };
  const days = { start: range.start, end: range.effectiveEnd };
  const revenue = new Map<string, number>();
  if (days.end >= days.start) {
    const built = monthlyRevenueSql(days, f.dataEnd);
    for (const r of await rows<{ rep_id: string; month: string; revenue: number }>(conn, built.sql, built.params)) revenue.set(r.rep_id, Number(r.revenue));
  }
  const book = deps.books.revenue;
  const active = days.end >= days.start ? activeSalespeople(book, company, ALL_SCOPE, days) : [];
  const valueOf = (r: string) => revenue.get(r) ?? 0;
  const byTeam = new Map<string, number[]>();
  for (const r of active) {
    const team = book.describe(r, range.end)?.team ?? null;
    if (team === null) continue;
    const a = ratio(valueOf(r), book.rep(r, range));
    const list = byTeam.get(team) ?? [];
    if (a !== null) list.push(a);
    byTeam.set(team, list);
  }
  const ranked = rank(
    'revenue',
    active.map((r) => ({ repId: r, name: book.describe(r, range.end)?.name ?? r, team: null, value: valueOf(r) })),
  ).ranked;
  return {
    month: m,
    range,
    revenue,
    ranks: new Map(ranked.map((e) => [e.repId, e.rank])),
    of: ranked.length,
    teamMedians: new Map([...byTeam].map(([team, list]) => [team, round(median(list))])),
  };
}

/** Where the months of the history come from: `compute` gives one; a caller may keep and share them. */
export type HistoryMonthSource = (m: string, compute: () => Promise<HistoryMonth>) => Promise<HistoryMonth>;

/** Ranks and team medians per month over every active rep and account manager, for the 12 months up to the period. */
export async function companyHistory(
  conn: DuckDBConnection,
  f: ResolvedFilters,
  deps: EvaluationDeps,
  source: HistoryMonthSource = (_m, compute) => compute(),
): Promise<CompanyHistory> {
  const lastMonth = monthStart(f.current.effectiveEnd);
  const firstMonth = addMonths(lastMonth, -(TREND_MONTHS - 1));
  const months: HistoryMonth[] = [];
  for (const m of monthsIn(firstMonth, lastMonth)) months.push(await source(m, () => historyMonth(conn, m, f, deps)));
  return { months };
}

/** The rep's own lists, one rep's queries (when the company-wide lists are not at hand). */
async function ownLists(conn: DuckDBConnection, f: ResolvedFilters, repId: string): Promise<CompanyLists> {
  const top = topCustomersSql(repId, actualRange(f.current), LIST_LIMIT, f.dataEnd);
  const topRows = await rows<{ customer_id: string; name: string; revenue: number; share: number | null }>(conn, top.sql, top.params);
  const visits = recentVisitsSql(repId, { start: '1900-01-01', end: f.current.effectiveEnd }, LIST_LIMIT);
  const recent = await rows<{ visit_id: string; at: string; customer_id: string; customer_name: string; type: string; outcome: string | null }>(
    conn,
    visits.sql,
    visits.params,
  );
  return { topCustomers: new Map([[repId, topRows.map(topCustomerOut)]]), recentVisits: new Map([[repId, recent.map(recentVisitOut)]]), atRisk: null };
}

/** The rep's at-risk customers (their customer set as of the as-of date), one rep's query. */
async function ownAtRisk(conn: DuckDBConnection, f: ResolvedFilters, repId: string): Promise<ListedCustomer[]> {
  const R = f.current.effectiveEnd;
  const statsAsOf = await precomputedAsOf(conn);
  const set = customerSet(f.asOf, { ...NO_DIMS, reps: [repId] }, ALL_SCOPE, monthTablesExact(statsAsOf, f.dataEnd, f.asOf));
  return atRiskCustomers(conn, set, R, riskSource(statsAsOf, f.dataEnd, R), f.lang, { offset: 0, limit: AT_RISK_LIMIT });
}

/**
 * One rep's evaluation for the filters' period. Team medians and ranks are over the whole company's
 * active reps and account managers (as aggregates, whatever the caller's scope). `companyScores`,
 * `history` and `shared` (companyLists) are the company-wide parts; without them the rep's own
 * figures and lists are computed here.
 */
export async function evaluationBundle(
  conn: DuckDBConnection,
  f: ResolvedFilters,
  repId: string,
  deps: EvaluationDeps,
  companyScores?: Map<string, RepScore>,
  history?: CompanyHistory,
  shared?: CompanyLists,
): Promise<EvaluationAnswer> {
  const company = companyFilters(f);
  const everyone = companyScores ?? (await evaluationScores(conn, company, ALL_SCOPE, deps));
  const own = everyone.get(repId) ?? (await evaluationScores(conn, company, ALL_SCOPE, deps, f.current, [repId])).get(repId)!;
  const teammates = [...everyone.values()].filter((s) => own.team !== null && s.team === own.team);
  const components = own.components.map((c) => ({
    ...c,
    teamMedian: round(median(teammates.flatMap((t) => t.components.filter((x) => x.metric === c.metric && x.attainment !== null).map((x) => x.attainment!)))),
  }));

  // Trend and rank history: the 12 months up to the period's reference month.
  const past = history ?? (await companyHistory(conn, f, deps));
  const book = deps.books.revenue;
  const trend: EvaluationAnswer['trend'] = [];
  const rankHistory: EvaluationAnswer['rankHistory'] = [];
  for (const h of past.months) {
    const revenue = h.revenue.get(repId) ?? 0;
    const target = book.rep(repId, h.range);
    const team = book.describe(repId, h.range.end)?.team ?? null;
    const teamMedian = team === null ? null : (h.teamMedians.get(team) ?? null);
    trend.push({ month: h.month, revenue: cents(revenue), target, attainment: round(ratio(revenue, target)), teamMedianAttainment: teamMedian });
    rankHistory.push({ month: h.month, rank: h.ranks.get(repId) ?? null, of: h.of });
  }

  const lists = shared ?? (await ownLists(conn, f, repId));
  return {
    repId,
    name: own.name,
    team: own.team,
    period: periodOut(f.current),
    score: own.score,
    components,
    trend,
    rankHistory,
    topCustomers: lists.topCustomers.get(repId) ?? [],
    atRisk: lists.atRisk?.get(repId) ?? (lists.atRisk ? [] : await ownAtRisk(conn, f, repId)),
    recentVisits: lists.recentVisits.get(repId) ?? [],
    review: await getReview(conn, repId, f.current.label),
  };
}


// ---------------------------------------------------------------------------------------------
// The roster as the reps page lists it

export interface RepListRow {
  repId: string;
  name: string;
  role: string;
  team: string | null;
  region: string | null;
  managerId: string | null;
  active: boolean;
}

/** Each rep's latest roster row, within the scope and the team, region and rep filters; active = employed on the as-of date. */
export function repListSql(f: ResolvedFilters, scope: Scope): SqlFragment {
  const w = whereClause({ date: 'NULL', rep: 'l.rep_id', team: 'l.team', region: 'l.region' }, null, repDims(f.dims), scope);
  return {
    sql: `WITH l AS (
  SELECT * FROM reps QUALIFY row_number() OVER (PARTITION BY rep_id ORDER BY valid_from DESC) = 1
)
SELECT l.rep_id AS "repId", l.name, l.role, l.team, l.region, l.manager_id AS "managerId",
       (l.hire_date IS NULL OR l.hire_date <= CAST($asOf AS DATE)) AND (l.leave_date IS NULL OR l.leave_date >= CAST($asOf AS DATE)) AS active
FROM l
WHERE ${w.sql}
ORDER BY l.name, l.rep_id`,
    params: { ...w.params, asOf: f.asOf },
  };
}

export async function repList(conn: DuckDBConnection, f: ResolvedFilters, scope: Scope): Promise<{ asOf: string; rows: RepListRow[] }> {
  const built = repListSql(f, scope);
  return { asOf: f.asOf, rows: await rows<RepListRow & Record<string, unknown>>(conn, built.sql, built.params) };
}

/** Whether a rep id is known at all: the roster, order lines or visits. */
export async function repExists(conn: DuckDBConnection, repId: string): Promise<boolean> {
  const found = await rows(
    conn,
    `SELECT 1 FROM reps WHERE rep_id = $id UNION ALL SELECT 1 FROM orders WHERE rep_id = $id UNION ALL SELECT 1 FROM visits WHERE rep_id = $id LIMIT 1`,
    { id: repId },
  );
  return found.length > 0;
}
