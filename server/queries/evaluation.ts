// Rep evaluation (metrics.md "evaluation score"): 100 × Σ wᵢ·clamp(attainmentᵢ, 0, 1.2) / Σ wᵢ over
// the components with a target (revenue, new customers, visits, key-account coverage against 100 %),
// with team medians, and the bundle behind one rep's evaluation page.
import type { DuckDBConnection } from '@duckdb/node-api';
import { ALL_SCOPE } from '../auth/scope.ts';
import type { Scope } from '../auth/types.ts';
import { rows } from '../db/query.ts';
import { actualsMany, monthRollupCovers, type BaseMetric } from './actuals.ts';
import { atRiskCustomers, riskSource, type ListedCustomer } from './at-risk.ts';
import { activeSalespeople } from './attainment.ts';
import { NO_DIMS, customerSet, repDims } from './customer-set.ts';
import { actualRange, whereClause, type PeriodRange, type ResolvedFilters, type SqlFragment } from './filters.ts';
import { cents, ratio, round } from './numbers.ts';
import { periodOut, type PeriodOut } from './overview.ts';
import { addMonths, minDate, monthEnd, monthStart, monthsIn, parsePeriod } from './periods.ts';
import { monthTablesExact, precomputedAsOf } from './purchase-stats.ts';
import { rank } from './rankings.ts';
import { getReview, type Review } from './reviews.ts';
import type { EvaluationWeights } from './settings.ts';
import { CUSTOMER_MONTH_COLUMNS, LINE_COLUMNS, ORDER_LINES_PLAIN_SQL, ORDER_LINES_SQL, SALES_MONTH_COLUMNS } from './sources.ts';
import type { TargetBook } from './targets.ts';
import { keyCoverage } from './visits.ts';

export const COMPONENTS = ['revenue', 'new_customers', 'visits', 'key_account_coverage'] as const;
export type ComponentMetric = (typeof COMPONENTS)[number];

/** The ceiling of a component's attainment in the score (120 % counts, more does not). */
export const ATTAINMENT_CAP = 1.2;

export interface EvaluationDeps {
  weights: EvaluationWeights;
  /** Targets of the counted components (key-account coverage has its fixed 100 % target). */
  books: { revenue: TargetBook; new_customers: TargetBook; visits: TargetBook };
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
  const coverage = await keyCoverage(conn, R, { ...f, dims }, scope);

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

/** Evaluation scores as the rankings' value provider: (range, repIds) → score per rep. */
export function scoreProvider(conn: DuckDBConnection, f: ResolvedFilters, scope: Scope, deps: EvaluationDeps) {
  return async (range: PeriodRange, repIds: string[]): Promise<Map<string, number | null>> => {
    const scores = await evaluationScores(conn, f, scope, deps, range, repIds);
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
export function companyScores(conn: DuckDBConnection, f: ResolvedFilters, deps: EvaluationDeps): Promise<Map<string, RepScore>> {
  return evaluationScores(conn, companyFilters(f), ALL_SCOPE, deps);
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
interface HistoryMonth {
  month: string;
  range: PeriodRange;
  /** Revenue rank among the month's active reps and account managers. */
  ranks: Map<string, number>;
  of: number;
  /** Median revenue attainment of each team's active members (by their roster row on the month's last day). */
  teamMedians: Map<string, number | null>;
}

/** The 12 months up to the period's reference month, for the whole company (the same for every rep asked). */
export interface CompanyHistory {
  months: HistoryMonth[];
  /** Net revenue per `${repId}\u0000${YYYY-MM}`. */
  revenue: Map<string, number>;
}

/** Ranks and team medians per month over every active rep and account manager, computed once per period. */
export async function companyHistory(conn: DuckDBConnection, f: ResolvedFilters, deps: EvaluationDeps): Promise<CompanyHistory> {
  const company = companyFilters(f);
  const R = f.current.effectiveEnd;
  const lastMonth = monthStart(R);
  const firstMonth = addMonths(lastMonth, -(TREND_MONTHS - 1));
  const built = monthlyRevenueSql({ start: firstMonth, end: minDate(monthEnd(lastMonth), f.asOf) }, f.dataEnd);
  const monthly = await rows<{ rep_id: string; month: string; revenue: number }>(conn, built.sql, built.params);
  const revenue = new Map(monthly.map((r) => [`${r.rep_id}\u0000${r.month}`, Number(r.revenue)]));
  const book = deps.books.revenue;
  const months = monthsIn(firstMonth, lastMonth).map((m): HistoryMonth => {
    const period = parsePeriod(m)!;
    const range = { ...period, effectiveEnd: minDate(period.end, f.asOf) };
    const days = { start: range.start, end: range.effectiveEnd };
    const active = days.end >= days.start ? activeSalespeople(book, company, ALL_SCOPE, days) : [];
    const valueOf = (r: string) => revenue.get(`${r}\u0000${m}`) ?? 0;
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
      ranks: new Map(ranked.map((e) => [e.repId, e.rank])),
      of: ranked.length,
      teamMedians: new Map([...byTeam].map(([team, list]) => [team, round(median(list))])),
    };
  });
  return { months, revenue };
}

/**
 * One rep's evaluation for the filters' period. Team medians and ranks are over the whole company's
 * active reps and account managers (as aggregates, whatever the caller's scope). `companyScores`
 * and `history` are the company-wide parts, computed here when not given.
 */
export async function evaluationBundle(
  conn: DuckDBConnection,
  f: ResolvedFilters,
  repId: string,
  deps: EvaluationDeps,
  companyScores?: Map<string, RepScore>,
  history?: CompanyHistory,
): Promise<EvaluationAnswer> {
  const R = f.current.effectiveEnd;
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
    const revenue = past.revenue.get(`${repId}\u0000${h.month}`) ?? 0;
    const target = book.rep(repId, h.range);
    const team = book.describe(repId, h.range.end)?.team ?? null;
    const teamMedian = team === null ? null : (h.teamMedians.get(team) ?? null);
    trend.push({ month: h.month, revenue: cents(revenue), target, attainment: round(ratio(revenue, target)), teamMedianAttainment: teamMedian });
    rankHistory.push({ month: h.month, rank: h.ranks.get(repId) ?? null, of: h.of });
  }

  const days = actualRange(f.current);
  const top = topCustomersSql(repId, days, LIST_LIMIT, f.dataEnd);
  const topRows = await rows<{ customer_id: string; name: string; revenue: number; share: number | null }>(conn, top.sql, top.params);
  const statsAsOf = await precomputedAsOf(conn);
  const set = customerSet(f.asOf, { ...NO_DIMS, reps: [repId] }, ALL_SCOPE, monthTablesExact(statsAsOf, f.dataEnd, f.asOf));
  const atRisk = await atRiskCustomers(conn, set, R, riskSource(statsAsOf, f.dataEnd, R), f.lang, { offset: 0, limit: AT_RISK_LIMIT });
  const visits = recentVisitsSql(repId, { start: '1900-01-01', end: R }, LIST_LIMIT);
  const recent = await rows<{ visit_id: string; at: string; customer_id: string; customer_name: string; type: string; outcome: string | null }>(
    conn,
    visits.sql,
    visits.params,
  );

  return {
    repId,
    name: own.name,
    team: own.team,
    period: periodOut(f.current),
    score: own.score,
    components,
    trend,
    rankHistory,
    topCustomers: topRows.map((r) => ({ customerId: r.customer_id, name: r.name, revenue: cents(Number(r.revenue)), share: round(r.share) })),
    atRisk,
    recentVisits: recent.map((v) => ({ visitId: v.visit_id, at: v.at, customerId: v.customer_id, customerName: v.customer_name, type: v.type, outcome: v.outcome })),
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
