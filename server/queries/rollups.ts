// Keeps the rollup tables of 004_rollups.sql in step with the facts. The import merge calls
// refreshRollups inside its transaction with the months it touched; a full rebuild omits them.
import type { DuckDBConnection } from '@duckdb/node-api';
import { run } from '../db/query.ts';
import { monthEnd } from './periods.ts';
import { ORDER_LINES_SQL, VISITS_SQL } from './sources.ts';

export interface RollupRefreshOptions {
  /**
   * The months ('YYYY-MM') whose order lines or visits changed. Omit for a full rebuild: after a
   * reps import (team and region are resolved through the roster), a restore, or an undo whose
   * months are unknown.
   */
  months?: string[];
}

const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A condition on a date column: bound to $start/$end, or TRUE for a full rebuild. */
type DateCondition = (col: string) => string;

/** The order lines the rollups read: by default the raw lines with team and region resolved. */
const LINES = `(${ORDER_LINES_SQL})`;

/** Per-table SQL of each rollup's INSERT (`lines`: where the order lines come from). */
export const ROLLUP_SQL = {
  sales: (range: DateCondition, lines = LINES) => `INSERT INTO rollup_sales_month
SELECT CAST(date_trunc('month', l.order_date) AS DATE) AS month, l.rep_id, l.team, l.region, l.category, l.channel,
       CAST(sum(l.amount) AS DECIMAL(18,4)) AS revenue,
       count(*) AS lines,
       count(*) FILTER (WHERE l.amount > 0) AS purchase_lines
FROM ${lines} l
WHERE ${range('l.order_date')}
GROUP BY ALL`,
  orders: (range: DateCondition, lines = LINES) => `INSERT INTO rollup_orders_month
SELECT month, rep_id, team, region, count(*) AS orders
FROM (
  SELECT CAST(date_trunc('month', l.order_date) AS DATE) AS month, l.rep_id, l.team, l.region, l.order_id, sum(l.amount) AS revenue
  FROM ${lines} l
  WHERE ${range('l.order_date')}
  GROUP BY ALL
)
WHERE revenue > 0
GROUP BY ALL`,
  customers: (range: DateCondition, lines = LINES) => `INSERT INTO rollup_customer_rep_month
SELECT CAST(date_trunc('month', l.order_date) AS DATE) AS month, l.customer_id, l.rep_id, l.team, l.region,
       count(*) FILTER (WHERE l.amount > 0) AS purchase_lines,
       CAST(sum(l.amount) AS DECIMAL(18,4)) AS revenue
FROM ${lines} l
WHERE l.customer_id IS NOT NULL AND ${range('l.order_date')}
GROUP BY ALL`,
  visits: (range: DateCondition) => `INSERT INTO rollup_visits_day
SELECT v.visit_date AS day, v.rep_id, v.team, v.region, v.type, count(*) AS visits
FROM (${VISITS_SQL}) v
WHERE ${range('v.visit_date')}
GROUP BY ALL`,
  /** First purchase per customer among `who` (a condition on l.customer_id); ties: order id, line, rep. */
  firstPurchase: (who: string, lines = LINES) => `INSERT INTO rollup_first_purchase
SELECT l.customer_id, l.order_date, l.order_id, l.rep_id, l.team, l.region, l.category, l.channel
FROM ${lines} l
WHERE l.customer_id IS NOT NULL AND l.amount > 0 AND ${who}
QUALIFY row_number() OVER (PARTITION BY l.customer_id ORDER BY l.order_date, l.order_id, l.line_no NULLS FIRST, l.rep_id) = 1`,
};

const between = (col: string) => `${col} BETWEEN CAST($start AS DATE) AND CAST($end AS DATE)`;
const always = () => 'TRUE';

/** Rebuilds the rollups for the given months, or all of them. Runs on the caller's connection and transaction. */
export async function refreshRollups(conn: DuckDBConnection, options: RollupRefreshOptions = {}): Promise<void> {
  if (options.months === undefined) {
    for (const table of ['rollup_sales_month', 'rollup_orders_month', 'rollup_customer_rep_month', 'rollup_visits_day', 'rollup_first_purchase']) {
      await run(conn, `DELETE FROM ${table}`);
    }
    // The four order-line rollups of a full rebuild read every line: resolve team and region once
    // into a temporary table rather than joining the roster four times.
    await run(conn, `CREATE OR REPLACE TEMP TABLE rollup_lines AS ${ORDER_LINES_SQL}`);
    await run(conn, ROLLUP_SQL.sales(always, 'rollup_lines'));
    await run(conn, ROLLUP_SQL.orders(always, 'rollup_lines'));
    await run(conn, ROLLUP_SQL.customers(always, 'rollup_lines'));
    await run(conn, ROLLUP_SQL.visits(always));
    await run(conn, ROLLUP_SQL.firstPurchase('TRUE', 'rollup_lines'));
    await run(conn, 'DROP TABLE rollup_lines');
    return;
  }

  const months = [...new Set(options.months)].sort();
  for (const m of months) if (!MONTH_RE.test(m)) throw new Error(`refreshRollups: "${m}" is not a YYYY-MM month.`);
  if (months.length === 0) return;

  // Customers whose first purchase may move: those with lines in the months, and those whose
  // stored first purchase lies in them (its line may be gone).
  await run(conn, 'CREATE OR REPLACE TEMP TABLE rollup_touched_customers (customer_id VARCHAR)');
  for (const m of months) {
    const p = { start: `${m}-01`, end: monthEnd(`${m}-01`) };
    // The month's lines with team and region resolved once for the three order-line rollups.
    await run(conn, `CREATE OR REPLACE TEMP TABLE rollup_lines AS SELECT * FROM ${LINES} l WHERE ${between('l.order_date')}`, p);
    await run(conn, `DELETE FROM rollup_sales_month WHERE ${between('month')}`, p);
    await run(conn, ROLLUP_SQL.sales(between, 'rollup_lines'), p);
    await run(conn, `DELETE FROM rollup_orders_month WHERE ${between('month')}`, p);
    await run(conn, ROLLUP_SQL.orders(between, 'rollup_lines'), p);
    await run(conn, `DELETE FROM rollup_customer_rep_month WHERE ${between('month')}`, p);
    await run(conn, ROLLUP_SQL.customers(between, 'rollup_lines'), p);
    await run(conn, 'DROP TABLE rollup_lines');
    await run(conn, `DELETE FROM rollup_visits_day WHERE ${between('day')}`, p);
    await run(conn, ROLLUP_SQL.visits(between), p);
    await run(
      conn,
      `INSERT INTO rollup_touched_customers
       SELECT customer_id FROM orders WHERE customer_id IS NOT NULL AND ${between('order_date')}
       UNION SELECT customer_id FROM rollup_first_purchase WHERE ${between('first_date')}`,
      p,
    );
  }
  // A customer whose stored first purchase lies before every changed month keeps it: nothing
  // earlier changed, and the lines that did change all come later.
  await run(
    conn,
    `DELETE FROM rollup_touched_customers WHERE customer_id IN (SELECT customer_id FROM rollup_first_purchase WHERE first_date < CAST($start AS DATE))`,
    { start: `${months[0]!}-01` },
  );
  const touched = 'customer_id IN (SELECT customer_id FROM rollup_touched_customers)';
  await run(conn, `DELETE FROM rollup_first_purchase WHERE ${touched}`);
  // Those left have no purchase before the first changed month (it would be their stored first
  // purchase), so only lines from that month on are searched: the bound date skips the older part of the table.
  await run(conn, ROLLUP_SQL.firstPurchase(`l.order_date >= CAST($start AS DATE) AND l.${touched}`), { start: `${months[0]!}-01` });
  await run(conn, 'DROP TABLE rollup_touched_customers');
}
