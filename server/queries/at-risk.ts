// Customers at risk (metrics.md): a purchase in the last 12 months, and either longer without one
// than max(2 × median gap, 45 days) — 90 days with fewer than 3 purchases — or a key account
// without a visit in the last 30 days; with the reason in words.
import type { DuckDBConnection } from '@duckdb/node-api';
import { rows } from '../db/query.ts';
import { inSet, setCte, type CustomerSet } from './customer-set.ts';
import type { Lang, SqlFragment } from './filters.ts';
import { cents } from './numbers.ts';
import { DAY_STATS_SQL, PURCHASE_STATS_SQL, statsSource, type StatsSource } from './purchase-stats.ts';

/** Days without a purchase that make a customer with fewer than 3 purchase days at risk. */
export const FEW_PURCHASES_LIMIT = 90;
/** The floor of the limit for customers with 3 or more purchase days. */
export const MIN_LIMIT = 45;
/** A key account needs a visit within this many days (the reference day and the 29 before it). */
export const KEY_VISIT_DAYS = 30;

/**
 * Where the at-risk list comes from: customer_risk (stored) when it holds the reference day, else
 * computed from the purchase history of a StatsSource. The older flag: true = customer_stats
 * answers, false = raw order lines.
 */
export type StatsChoice = StatsSource | 'stored' | boolean;

export function statsSourceOf(choice: StatsChoice): StatsSource {
  return choice === true || choice === 'stored' ? 'stats' : choice === false ? 'raw' : choice;
}

/**
 * customer_risk holds the fresh tables' as-of date and every month end before it; other reference
 * days are computed (purchase-stats.ts statsSource).
 */
export function riskSource(statsAsOf: string | null, dataEnd: string | null, R: string): StatsChoice {
  const source = statsSource(statsAsOf, dataEnd, R);
  return source === 'history' || (source === 'stats' && R === statsAsOf) ? 'stored' : source;
}

export interface StatsNarrowing {
  /** A further condition on customer_id (e.g. ` AND customer_id IN (…)`), or ''. */
  only?: string;
  /** Only customers with a purchase in the 12 months to $R are needed (at risk). */
  recent?: boolean;
  /** Only customers with a purchase on or after this day (a bound parameter's name) are needed. */
  since?: string;
}

/**
 * Per-customer purchase history as of `$R` (customer_id, first_purchase, last_purchase,
 * purchase_days, median_gap_days) from the source that answers it (purchase-stats.ts statsSource).
 */
export function statsCte(set: CustomerSet, choice: StatsChoice, narrow: StatsNarrowing = {}): string {
  const source = statsSourceOf(choice);
  const only = `${inSet(set, 'customer_id')}${narrow.only ?? ''}`;
  if (source === 'stats') {
    return `SELECT customer_id, first_purchase, last_purchase, purchase_days, median_gap_days FROM customer_stats
  WHERE last_purchase IS NOT NULL${only}`;
  }
  if (source === 'history') {
    // $R closes its month: each customer's row with month <= R < next_month is their history as of
    // R. A customer who bought in the 12 months to R (or since a day) has that row in them.
    const from = narrow.recent
      ? ` AND month >= CAST(date_trunc('month', CAST($R AS DATE) - INTERVAL 12 MONTH) AS DATE)`
      : narrow.since
        ? ` AND month >= CAST(date_trunc('month', CAST($${narrow.since} AS DATE)) AS DATE)`
        : '';
    return `SELECT customer_id, first_purchase, last_purchase, purchase_days, median_gap_days FROM customer_history
  WHERE month <= CAST($R AS DATE) AND (next_month IS NULL OR next_month > CAST($R AS DATE))${from}${only}`;
  }
  if (source === 'days') {
    const recent = narrow.recent
      ? ` AND customer_id IN (SELECT customer_id FROM customer_day WHERE purchase_lines > 0
      AND day > CAST($R AS DATE) - INTERVAL 12 MONTH AND day <= CAST($R AS DATE))`
      : '';
    return DAY_STATS_SQL(`TRUE${only}${recent}`);
  }
  return PURCHASE_STATS_SQL(`order_date <= CAST($R AS DATE)${only}`);
}

/** Name, tier and owner of the customers of `ids` (the customer file may repeat an id: any of its rows). */
const attrsOf = (ids: string) => `SELECT customer_id, any_value(name) AS name, any_value(tier) AS tier, any_value(owner_rep_id) AS owner_rep_id
             FROM customers WHERE customer_id IN (${ids}) GROUP BY customer_id`;

/** The last visit on or before $R of the customers of `ids`. */
const lastVisitOf = (ids: string) => `SELECT customer_id, max(CAST(visit_at AS DATE)) AS last_visit FROM visits
  WHERE visit_at < CAST($R AS DATE) + INTERVAL 1 DAY AND customer_id IN (${ids})
  GROUP BY customer_id`;

/**
 * CTEs that describe each customer of x (customer_id and purchase stats): name, tier, owner, days
 * since the last purchase, the limit that applies to them, and the last visit on or before $R.
 */
export const DESCRIBE = `lv AS (
  ${lastVisitOf('SELECT customer_id FROM x')}
),
described AS (
  SELECT x.*, c.name, c.tier, c.owner_rep_id,
         CAST(date_diff('day', x.last_purchase, CAST($R AS DATE)) AS INTEGER) AS days_since,
         CASE WHEN x.purchase_days >= 3 THEN greatest(2 * x.median_gap_days, ${MIN_LIMIT}) ELSE ${FEW_PURCHASES_LIMIT} END AS threshold,
         coalesce(c.tier = 'key', false) AS key_account,
         lv.last_visit
  FROM x
  LEFT JOIN (${attrsOf('SELECT customer_id FROM x')}) c USING (customer_id)
  LEFT JOIN lv USING (customer_id)
)`;

/** Net revenue per customer of `ids` (a SELECT of customer_id) over the 12 months to $R. */
function revenueSql(ids: string, source: StatsSource): string {
  if (source === 'raw') {
    return `SELECT customer_id, sum(amount) AS revenue FROM orders
  WHERE status <> 'cancelled' AND customer_id IN (${ids})
    AND order_date > CAST($R AS DATE) - INTERVAL 12 MONTH AND order_date <= CAST($R AS DATE)
  GROUP BY customer_id`;
  }
  return `SELECT customer_id, sum(revenue) AS revenue FROM customer_day
  WHERE customer_id IN (${ids}) AND day > CAST($R AS DATE) - INTERVAL 12 MONTH AND day <= CAST($R AS DATE)
  GROUP BY customer_id`;
}

/**
 * The key accounts: customer_list holds each customer's tier when the tables are fresh (every source
 * but raw); the customer file otherwise (an id it repeats counts by any of its rows, as the list does).
 */
function keyAccountsSql(source: StatsSource): string {
  if (source !== 'raw') return `SELECT customer_id FROM customer_list WHERE tier = 'key'`;
  return `SELECT customer_id FROM customers WHERE customer_id IN (SELECT customer_id FROM customers WHERE tier = 'key')
    GROUP BY customer_id HAVING any_value(tier) = 'key'`;
}

/**
 * The at-risk customers of a set as of reference day $R (the earlier of the period's end and the
 * as-of date): the risky CTE with the flags. A key account is unvisited when it has no visit in
 * the 30 days to R, so the flag reads those days of visits only; names, tiers and last visits are
 * looked up for the rows listed.
 */
function riskyCtes(set: CustomerSet, choice: StatsChoice, materialized: boolean, withSet = true): string {
  const cs = withSet ? setCte(set) : '';
  if (choice === 'stored') {
    return `${cs}risky AS ${materialized ? 'MATERIALIZED ' : ''}(
  SELECT customer_id, last_purchase, purchase_days, median_gap_days, days_since, threshold, overdue, unvisited, last_visit, revenue
  FROM customer_risk WHERE ref_day = CAST($R AS DATE)${inSet(set, 'customer_id')}
)`;
  }
  const source = statsSourceOf(choice);
  return `${cs}st AS (
  ${statsCte(set, source, { recent: true })}
),
x AS (
  SELECT customer_id, last_purchase, purchase_days, median_gap_days,
         CAST(date_diff('day', last_purchase, CAST($R AS DATE)) AS INTEGER) AS days_since,
         CASE WHEN purchase_days >= 3 THEN greatest(2 * median_gap_days, ${MIN_LIMIT}) ELSE ${FEW_PURCHASES_LIMIT} END AS threshold
  FROM st WHERE last_purchase > CAST($R AS DATE) - INTERVAL 12 MONTH
),
unvisited AS (
  SELECT customer_id FROM (${keyAccountsSql(source)})
  WHERE customer_id NOT IN (
    SELECT customer_id FROM visits
    WHERE visit_at >= CAST($R AS DATE) - ${KEY_VISIT_DAYS - 1} AND visit_at < CAST($R AS DATE) + INTERVAL 1 DAY
  )
),
flagged AS (
  SELECT x.*, x.days_since > x.threshold AS overdue, u.customer_id IS NOT NULL AS unvisited
  FROM x LEFT JOIN unvisited u ON u.customer_id = x.customer_id
),
risky AS ${materialized ? 'MATERIALIZED ' : ''}(SELECT * FROM flagged WHERE overdue OR unvisited)`;
}

export interface Page {
  limit: number;
  offset: number;
}

/**
 * The at-risk customers (a page of them when `page` is given, in list order: overdue first, then
 * the longest silent) with what the reasons need, their net revenue over the 12 months to $R and
 * the length of the whole list (total).
 */
export function atRiskSql(set: CustomerSet, R: string, choice: StatsChoice, page?: Page): SqlFragment {
  const source = statsSourceOf(choice);
  const params: SqlFragment['params'] = { ...set.params, R };
  if (page) {
    params.limit = page.limit;
    params.offset = page.offset;
  }
  return {
    sql: `WITH ${riskyCtes(set, choice, true)},
listed AS (
  SELECT * FROM risky ORDER BY overdue DESC, days_since DESC, customer_id${page ? ' LIMIT $limit OFFSET $offset' : ''}
),
attrs AS (
  ${attrsOf('SELECT customer_id FROM listed')}
),
lv AS (
  ${choice === 'stored' ? 'SELECT customer_id, last_visit FROM listed' : lastVisitOf('SELECT customer_id FROM listed')}
),
revenue AS (
  ${choice === 'stored' ? 'SELECT customer_id, revenue FROM listed' : revenueSql('SELECT customer_id FROM listed', source)}
)
SELECT r.customer_id, a.name, a.tier, a.owner_rep_id, CAST(r.last_purchase AS VARCHAR) AS last_purchase, r.days_since,
       r.purchase_days, r.median_gap_days, r.threshold, CAST(lv.last_visit AS VARCHAR) AS last_visit, r.overdue, r.unvisited,
       coalesce(a.tier = 'key', false) AS key_account,
       CAST(coalesce(v.revenue, 0) AS DECIMAL(18,4)) AS revenue, (SELECT count(*) FROM risky) AS total
FROM listed r
LEFT JOIN attrs a ON a.customer_id = r.customer_id
LEFT JOIN lv ON lv.customer_id = r.customer_id
LEFT JOIN revenue v ON v.customer_id = r.customer_id
ORDER BY r.overdue DESC, r.days_since DESC, r.customer_id`,
    params,
  };
}

/** The count of at-risk customers (the rows of atRiskSql). */
export function atRiskCountSql(set: CustomerSet, R: string, choice: StatsChoice): SqlFragment {
  return { sql: `WITH ${riskyCtes(set, choice, false)}\nSELECT count(*) AS n FROM risky`, params: { ...set.params, R } };
}

/**
 * The at-risk count as CTEs for a larger statement that defines the set's `cs` CTE itself:
 * `risk_count` holds it (n). Names: st, x, unvisited, flagged, risky, risk_count.
 */
export function atRiskCountCtes(set: CustomerSet, R: string, choice: StatsChoice): SqlFragment {
  return { sql: `${riskyCtes(set, choice, false, false)},\nrisk_count AS (SELECT count(*) AS n FROM risky)`, params: { ...set.params, R } };
}

export interface CustomerFacts {
  customer_id: string;
  name: string | null;
  tier: string | null;
  owner_rep_id: string | null;
  last_purchase: string | null;
  days_since: number | null;
  purchase_days: number | null;
  median_gap_days: number | null;
  threshold: number | null;
  last_visit: string | null;
  key_account: boolean | null;
  overdue?: boolean | null;
  unvisited?: boolean | null;
  revenue: number;
}

/** A customer behind a retention figure, as the API lists it. */
export interface ListedCustomer {
  customerId: string;
  name: string;
  tier: string | null;
  ownerRepId: string | null;
  lastPurchase: string | null;
  daysSincePurchase: number | null;
  purchases: number;
  medianGapDays: number | null;
  lastVisit: string | null;
  revenue: number;
  reason: string;
}

const gapText = (g: number) => (Number.isInteger(g) ? String(g) : g.toFixed(1));

/** "no purchase since 2025-10-02 (104 days; usual gap 21 days)" in the requested language. */
export function silenceReason(f: CustomerFacts, lang: Lang): string {
  if (!f.last_purchase) return lang === 'zh' ? '无采购记录' : 'no purchase on record';
  const days = f.days_since ?? 0;
  const usual = (f.purchase_days ?? 0) >= 3 && f.median_gap_days !== null;
  if (lang === 'zh') {
    return usual
      ? `自 ${f.last_purchase} 起未采购（${days} 天；通常间隔 ${gapText(f.median_gap_days!)} 天）`
      : `自 ${f.last_purchase} 起未采购（${days} 天；采购不足 3 次）`;
  }
  return usual
    ? `no purchase since ${f.last_purchase} (${days} days; usual gap ${gapText(f.median_gap_days!)} days)`
    : `no purchase since ${f.last_purchase} (${days} days; fewer than 3 purchases)`;
}

/** "key account, last visit 2025-11-20" (or no visit on record). */
export function visitReason(f: CustomerFacts, lang: Lang): string {
  if (lang === 'zh') return f.last_visit ? `重点客户，最近拜访 ${f.last_visit}` : '重点客户，无拜访记录';
  return f.last_visit ? `key account, last visit ${f.last_visit}` : 'key account, no visit on record';
}

export function listed(f: CustomerFacts, reason: string): ListedCustomer {
  return {
    customerId: f.customer_id,
    name: f.name ?? f.customer_id,
    tier: f.tier,
    ownerRepId: f.owner_rep_id,
    lastPurchase: f.last_purchase,
    daysSincePurchase: f.days_since,
    purchases: f.purchase_days ?? 0,
    medianGapDays: f.median_gap_days,
    lastVisit: f.last_visit,
    revenue: cents(Number(f.revenue ?? 0)),
    reason,
  };
}

export interface AtRiskPage {
  total: number;
  rows: ListedCustomer[];
}

/** Why a customer is at risk, in the language asked for. */
export function reasonOf(f: CustomerFacts, lang: Lang): string {
  const parts = [...(f.overdue ? [silenceReason(f, lang)] : []), ...(f.unvisited ? [visitReason(f, lang)] : [])];
  return parts.join(lang === 'zh' ? '；' : '; ');
}

/** One page of the at-risk list (the whole list without `page`) and the length of the whole list. */
export async function atRiskPage(conn: DuckDBConnection, set: CustomerSet, R: string, choice: StatsChoice, lang: Lang, page?: Page): Promise<AtRiskPage> {
  const built = atRiskSql(set, R, choice, page);
  const found = await rows<CustomerFacts & { total: number } & Record<string, unknown>>(conn, built.sql, built.params);
  const total = found.length > 0 ? Number(found[0]!.total) : page && page.offset > 0 ? await atRiskCount(conn, set, R, choice) : 0;
  return { total, rows: found.map((f) => listed(f, reasonOf(f, lang))) };
}

/** The at-risk customers in list order (the first `page.limit` after `page.offset` when given). */
export async function atRiskCustomers(conn: DuckDBConnection, set: CustomerSet, R: string, choice: StatsChoice, lang: Lang, page?: Page): Promise<ListedCustomer[]> {
  return (await atRiskPage(conn, set, R, choice, lang, page)).rows;
}

export async function atRiskCount(conn: DuckDBConnection, set: CustomerSet, R: string, choice: StatsChoice): Promise<number> {
  const built = atRiskCountSql(set, R, choice);
  const [r] = await rows<{ n: number }>(conn, built.sql, built.params);
  return r?.n ?? 0;
}
