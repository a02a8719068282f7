// Customers at risk (metrics.md): a purchase in the last 12 months, and either longer without one
// than max(2 × median gap, 45 days) — 90 days with fewer than 3 purchases — or a key account
// without a visit in the last 30 days; with the reason in words.
import type { DuckDBConnection } from '@duckdb/node-api';
import { rows } from '../db/query.ts';
import { inSet, setCte, type CustomerSet } from './customer-set.ts';
import type { Lang, SqlFragment } from './filters.ts';
import { cents } from './numbers.ts';
import { PURCHASE_STATS_SQL } from './purchase-stats.ts';

/** Days without a purchase that make a customer with fewer than 3 purchase days at risk. */
export const FEW_PURCHASES_LIMIT = 90;
/** The floor of the limit for customers with 3 or more purchase days. */
export const MIN_LIMIT = 45;
/** A key account needs a visit within this many days (the reference day and the 29 before it). */
export const KEY_VISIT_DAYS = 30;

/** Per-customer purchase history as of `$R`: raw order lines, or customer_stats when it answers. */
export function statsCte(set: CustomerSet, precomputed: boolean): string {
  if (precomputed) {
    return `SELECT customer_id, first_purchase, last_purchase, purchase_days, median_gap_days FROM customer_stats
  WHERE last_purchase IS NOT NULL${inSet(set, 'customer_id')}`;
  }
  return PURCHASE_STATS_SQL(`order_date <= CAST($R AS DATE)${inSet(set, 'customer_id')}`);
}

/**
 * CTEs that describe each customer of x (customer_id and purchase stats): name, tier, owner, days
 * since the last purchase, the limit that applies to them, and the last visit on or before $R.
 */
export const DESCRIBE = `lv AS (
  SELECT customer_id, max(CAST(visit_at AS DATE)) AS last_visit FROM visits
  WHERE CAST(visit_at AS DATE) <= CAST($R AS DATE) AND customer_id IN (SELECT customer_id FROM x)
  GROUP BY customer_id
),
described AS (
  SELECT x.*, c.name, c.tier, c.owner_rep_id,
         CAST(date_diff('day', x.last_purchase, CAST($R AS DATE)) AS INTEGER) AS days_since,
         CASE WHEN x.purchase_days >= 3 THEN greatest(2 * x.median_gap_days, ${MIN_LIMIT}) ELSE ${FEW_PURCHASES_LIMIT} END AS threshold,
         coalesce(c.tier = 'key', false) AS key_account,
         lv.last_visit
  FROM x
  LEFT JOIN (SELECT customer_id, any_value(name) AS name, any_value(tier) AS tier, any_value(owner_rep_id) AS owner_rep_id
             FROM customers GROUP BY customer_id) c USING (customer_id)
  LEFT JOIN lv USING (customer_id)
)`;

/**
 * The at-risk customers of a set as of reference day $R (the earlier of the period's end and the
 * as-of date), with what the reasons need and their net revenue over the 12 months to $R.
 */
export function atRiskSql(set: CustomerSet, R: string, precomputed: boolean): SqlFragment {
  return {
    sql: `WITH ${setCte(set)}st AS (
  ${statsCte(set, precomputed)}
),
x AS (SELECT * FROM st WHERE last_purchase > CAST($R AS DATE) - INTERVAL 12 MONTH),
${DESCRIBE},
flagged AS (
  SELECT *, days_since > threshold AS overdue,
         key_account AND (last_visit IS NULL OR last_visit <= CAST($R AS DATE) - ${KEY_VISIT_DAYS}) AS unvisited
  FROM described
),
risky AS (SELECT * FROM flagged WHERE overdue OR unvisited),
revenue AS (
  SELECT customer_id, sum(amount) AS revenue FROM orders
  WHERE status <> 'cancelled' AND customer_id IN (SELECT customer_id FROM risky)
    AND order_date > CAST($R AS DATE) - INTERVAL 12 MONTH AND order_date <= CAST($R AS DATE)
  GROUP BY customer_id
)
SELECT r.customer_id, r.name, r.tier, r.owner_rep_id, CAST(r.last_purchase AS VARCHAR) AS last_purchase, r.days_since,
       r.purchase_days, r.median_gap_days, r.threshold, CAST(r.last_visit AS VARCHAR) AS last_visit, r.overdue, r.unvisited, r.key_account,
       CAST(coalesce(v.revenue, 0) AS DECIMAL(18,4)) AS revenue
FROM risky r LEFT JOIN revenue v USING (customer_id)
ORDER BY r.overdue DESC, r.days_since DESC, r.customer_id`,
    params: { ...set.params, R },
  };
}

/** The count of at-risk customers (the same rows as atRiskSql). */
export function atRiskCountSql(set: CustomerSet, R: string, precomputed: boolean): SqlFragment {
  const built = atRiskSql(set, R, precomputed);
  return { sql: `SELECT count(*) AS n FROM (${built.sql})`, params: built.params };
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

export async function atRiskCustomers(conn: DuckDBConnection, set: CustomerSet, R: string, precomputed: boolean, lang: Lang): Promise<ListedCustomer[]> {
  const built = atRiskSql(set, R, precomputed);
  const found = await rows<CustomerFacts & Record<string, unknown>>(conn, built.sql, built.params);
  return found.map((f) => {
    const parts = [...(f.overdue ? [silenceReason(f, lang)] : []), ...(f.unvisited ? [visitReason(f, lang)] : [])];
    return listed(f, parts.join(lang === 'zh' ? '；' : '; '));
  });
}

export async function atRiskCount(conn: DuckDBConnection, set: CustomerSet, R: string, precomputed: boolean): Promise<number> {
  const built = atRiskCountSql(set, R, precomputed);
  const [r] = await rows<{ n: number }>(conn, built.sql, built.params);
  return r?.n ?? 0;
}


