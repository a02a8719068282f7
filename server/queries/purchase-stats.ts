// Keeps the precomputed customer tables of migration 005 in step with the facts (the import merge
// calls refreshCustomerStats inside its transaction) and holds the SQL they share with the raw path.
import type { DuckDBConnection } from '@duckdb/node-api';
import { one, run, type Params } from '../db/query.ts';
import { ORDER_LINES_SQL, VISITS_SQL } from './sources.ts';

/** A purchase (metrics.md): an order line that is not cancelled and whose amount is > 0. */
export const PURCHASE = `status <> 'cancelled' AND amount > 0`;

/**
 * Purchase history per customer from raw order lines: first and last purchase, distinct purchase
 * days and the median gap in days between consecutive purchase days. `where` filters `orders`
 * (no alias), e.g. an as-of cut-off or a customer list.
 */
export const PURCHASE_STATS_SQL = (where: string) => `WITH days AS (
  SELECT DISTINCT customer_id, order_date AS day FROM orders
  WHERE customer_id IS NOT NULL AND ${PURCHASE} AND ${where}
),
gaps AS (
  SELECT customer_id, day, day - lag(day) OVER (PARTITION BY customer_id ORDER BY day) AS gap FROM days
)
SELECT customer_id, min(day) AS first_purchase, max(day) AS last_purchase,
       CAST(count(*) AS INTEGER) AS purchase_days, median(gap) AS median_gap_days
FROM gaps GROUP BY customer_id`;

/**
 * Each visit with its conversion flag (metrics.md "visit conversion"): the first purchase day of
 * the same customer (by any rep) on or after the visit day, found with an ASOF join, converts the
 * visit when it is at most 30 days later. `where` filters the visits (alias v, columns of VISITS_SQL).
 */
export const VISIT_CONVERSION_SQL = (where: string) => `WITH v AS (
  SELECT v.visit_id, v.visit_date, v.rep_id, v.team, v.region, v.customer_id, v.type
  FROM (${VISITS_SQL}) v
  WHERE ${where}
),
p AS (
  SELECT DISTINCT customer_id, order_date AS day FROM orders
  WHERE customer_id IS NOT NULL AND ${PURCHASE}
    AND customer_id IN (SELECT customer_id FROM v)
)
SELECT v.visit_id, v.visit_date, v.rep_id, v.team, v.region, v.customer_id, v.type,
       coalesce(p.day <= v.visit_date + 30, false) AS converted
FROM v ASOF LEFT JOIN p ON v.customer_id = p.customer_id AND v.visit_date <= p.day`;

export interface RefreshOptions {
  /**
   * The months ('YYYY-MM') whose order lines or visits changed. Omit for a full rebuild: after a
   * customers or reps import (ownership, team and region), a restore, or an undo whose months are unknown.
   */
  months?: string[];
}

const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * Refreshes customer_month, customer_links, customer_stats, visit_conversion, cohort_offset and
 * customer_stats_state. Runs on the caller's connection, inside the caller's transaction.
 */
export async function refreshCustomerStats(conn: DuckDBConnection, options: RefreshOptions = {}): Promise<void> {
  const months = options.months === undefined ? null : [...new Set(options.months)].sort();
  if (months) {
    for (const m of months) if (!MONTH_RE.test(m)) throw new Error(`refreshCustomerStats: "${m}" is not a YYYY-MM month.`);
    if (months.length === 0) return;
  }
  const p: Params = months ? { months: months.map((m) => `${m}-01`).join(',') } : {};
  const inMonths = (expr: string) =>
    months ? `CAST(date_trunc('month', ${expr}) AS DATE) IN (SELECT unnest(CAST(string_split($months, ',') AS DATE[])))` : 'TRUE';

  // Customers whose statistics may change: those with facts in the months, before and after the
  // change, plus customer ids not listed yet.
  if (months) {
    await run(conn, 'CREATE OR REPLACE TEMP TABLE refresh_touched (customer_id VARCHAR)');
    await run(
      conn,
      `INSERT INTO refresh_touched
       SELECT customer_id FROM customer_month WHERE ${inMonths('month')}
       UNION SELECT customer_id FROM customer_links WHERE ${inMonths('month')}
       UNION SELECT customer_id FROM orders WHERE customer_id IS NOT NULL AND ${inMonths('order_date')}
       UNION SELECT customer_id FROM visits WHERE ${inMonths('visit_at')}
       UNION (SELECT customer_id FROM customers EXCEPT SELECT customer_id FROM customer_stats)`,
      p,
    );
  }

  await run(conn, `DELETE FROM customer_month WHERE ${inMonths('month')}`, p);
  await run(
    conn,
    `INSERT INTO customer_month
     SELECT customer_id, CAST(date_trunc('month', order_date) AS DATE) AS month,
            CAST(coalesce(sum(amount) FILTER (WHERE status <> 'cancelled'), 0) AS DECIMAL(18,4)),
            CAST(count(*) FILTER (WHERE ${PURCHASE}) AS INTEGER),
            CAST(count(DISTINCT order_date) FILTER (WHERE ${PURCHASE}) AS INTEGER)
     FROM orders
     WHERE customer_id IS NOT NULL AND ${inMonths('order_date')}
     GROUP BY ALL
     HAVING count(*) FILTER (WHERE status <> 'cancelled') > 0`,
    p,
  );

  await run(conn, `DELETE FROM customer_links WHERE ${inMonths('month')}`, p);
  await run(
    conn,
    `INSERT INTO customer_links
     SELECT l.customer_id, l.rep_id, l.team, l.region, CAST(date_trunc('month', l.order_date) AS DATE) AS month,
            min(l.order_date), 'order'
     FROM (${ORDER_LINES_SQL}) l
     WHERE l.customer_id IS NOT NULL AND ${inMonths('l.order_date')}
     GROUP BY ALL
     UNION ALL
     SELECT v.customer_id, v.rep_id, v.team, v.region, CAST(date_trunc('month', v.visit_date) AS DATE) AS month,
            min(v.visit_date), 'visit'
     FROM (${VISITS_SQL}) v
     WHERE ${inMonths('v.visit_date')}
     GROUP BY ALL`,
    p,
  );

  const touched = months ? 'customer_id IN (SELECT customer_id FROM refresh_touched)' : 'TRUE';
  await run(conn, `DELETE FROM customer_stats WHERE ${touched}`);
  await run(
    conn,
    `INSERT INTO customer_stats
     WITH known AS (
       SELECT customer_id FROM customers WHERE ${touched}
       UNION SELECT customer_id FROM orders WHERE customer_id IS NOT NULL AND ${touched}
       UNION SELECT customer_id FROM visits WHERE ${touched}
     ),
     purchase AS (${PURCHASE_STATS_SQL(touched)})
     SELECT k.customer_id, p.first_purchase, p.last_purchase, CAST(coalesce(p.purchase_days, 0) AS INTEGER), p.median_gap_days
     FROM known k LEFT JOIN purchase p USING (customer_id)`,
  );

  // A visit's flag depends on purchases up to 30 days after it: re-flag the visits from 30 days
  // before the first changed month to the end of the last one.
  const visitWindow = (col: string) =>
    months ? `${col} BETWEEN CAST($first AS DATE) - 30 AND CAST(CAST($last AS DATE) + INTERVAL 1 MONTH - INTERVAL 1 DAY AS DATE)` : 'TRUE';
  const vp: Params = months ? { first: `${months[0]}-01`, last: `${months[months.length - 1]}-01` } : {};
  await run(conn, `DELETE FROM visit_conversion WHERE ${visitWindow('visit_date')}`, vp);
  await run(conn, `INSERT INTO visit_conversion\n${VISIT_CONVERSION_SQL(visitWindow('v.visit_date'))}`, vp);

  await run(conn, 'DELETE FROM cohort_offset');
  await run(
    conn,
    `INSERT INTO cohort_offset
     WITH c AS (
       SELECT customer_id, CAST(date_trunc('month', first_purchase) AS DATE) AS cohort
       FROM customer_stats WHERE first_purchase IS NOT NULL
     )
     SELECT c.cohort, CAST(date_diff('month', c.cohort, m.month) AS INTEGER) AS k,
            CAST(count(*) FILTER (WHERE m.purchase_lines > 0) AS INTEGER),
            CAST(sum(m.revenue) AS DECIMAL(18,4))
     FROM c JOIN customer_month m USING (customer_id)
     WHERE m.month >= c.cohort
     GROUP BY ALL`,
  );

  await run(conn, 'DELETE FROM customer_stats_state');
  await run(conn, 'INSERT INTO customer_stats_state SELECT CAST(max(order_date) AS DATE), current_timestamp FROM orders');
  if (months) await run(conn, 'DROP TABLE refresh_touched');
}

/** The as-of date the precomputed tables describe (null before the first refresh or with no orders). */
export async function precomputedAsOf(conn: DuckDBConnection): Promise<string | null> {
  const row = await one<{ as_of: string | null }>(conn, 'SELECT CAST(as_of AS VARCHAR) AS as_of FROM customer_stats_state');
  return row?.as_of ?? null;
}

/** How a query reads: 'auto' uses the precomputed tables where they answer exactly; 'raw' never does (tests compare both). */
export type SourceMode = 'auto' | 'raw';

/** Whether the tables were refreshed after the last change of the orders (their as-of date is the latest order date). */
function fresh(statsAsOf: string | null, dataEnd: string | null): statsAsOf is string {
  return statsAsOf !== null && statsAsOf === dataEnd;
}

/**
 * customer_month, customer_links and cohort_offset answer exactly up to `asOf` when fresh and
 * either nothing lies after it or it closes its month (the months before it are complete).
 */
export function monthTablesExact(statsAsOf: string | null, dataEnd: string | null, asOf: string): boolean {
  if (!fresh(statsAsOf, dataEnd)) return false;
  const d = new Date(`${asOf}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return asOf >= statsAsOf || d.getUTCDate() === 1;
}

/** customer_stats (last purchase, purchase days, median gap) answers for a reference day on or after its as-of date. */
export function statsExact(statsAsOf: string | null, dataEnd: string | null, day: string): boolean {
  return fresh(statsAsOf, dataEnd) && day >= statsAsOf;
}
