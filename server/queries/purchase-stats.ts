// Keeps the precomputed customer tables of migration 005 in step with the facts (the import merge
// calls refreshCustomerStats inside its transaction) and holds the SQL they share with the raw path.
import type { DuckDBConnection } from '@duckdb/node-api';
import { one, run, type Params } from '../db/query.ts';
// at-risk.ts reads these SQL builders at call time, so the two modules may import each other.
import { FEW_PURCHASES_LIMIT, KEY_VISIT_DAYS, MIN_LIMIT } from './at-risk.ts';
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
 * customer_day (006_customer_day.sql) from the order lines matching `where` (no alias). gap_days
 * looks back only over the rows selected, so a refresh of some months re-derives it afterwards.
 */
export const CUSTOMER_DAY_SQL = (where: string) => `WITH d AS (
  SELECT customer_id, order_date AS day, CAST(sum(amount) AS DECIMAL(18,4)) AS revenue,
         CAST(count(*) FILTER (WHERE amount > 0) AS INTEGER) AS purchase_lines
  FROM orders
  WHERE customer_id IS NOT NULL AND status <> 'cancelled' AND ${where}
  GROUP BY customer_id, order_date
)
SELECT customer_id, day, revenue, purchase_lines,
       CASE WHEN purchase_lines > 0
            THEN CAST(day - lag(day) OVER (PARTITION BY customer_id, purchase_lines > 0 ORDER BY day) AS INTEGER) END
FROM d
ORDER BY day, customer_id`;

/** customer_history (006_customer_day.sql) of every customer, from customer_day: running stats per purchase day, the month's last kept. */
const CUSTOMER_HISTORY_SQL = `WITH m AS (
  SELECT customer_id, CAST(date_trunc('month', day) AS DATE) AS month, min(first_purchase) AS first_purchase, max(day) AS last_purchase,
         CAST(max(purchase_days) AS INTEGER) AS purchase_days, arg_max(median_gap_days, day) AS median_gap_days
  FROM (
    SELECT customer_id, day, min(day) OVER w AS first_purchase, count(*) OVER w AS purchase_days, median(gap_days) OVER w AS median_gap_days
    FROM customer_day
    WHERE purchase_lines > 0
    WINDOW w AS (PARTITION BY customer_id ORDER BY day ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
  )
  GROUP BY customer_id, CAST(date_trunc('month', day) AS DATE)
)
SELECT *, lead(month) OVER (PARTITION BY customer_id ORDER BY month) AS next_month
FROM m
ORDER BY month, customer_id`;

/** A customer's last customer_history row before month $lo (its next month, if any, is $lo or later); `a` is an alias prefix. */
const lastBeforeLo = (a = '') => `${a}month < CAST($lo AS DATE) AND (${a}next_month IS NULL OR ${a}next_month >= CAST($lo AS DATE))`;

/**
 * customer_history rows of the touched customers for their purchase months from $lo on: each the
 * stats over the purchase days up to that month's end, linked to the next of those months.
 * Usually one month a customer (the latest), where this is one median per customer.
 */
const TOUCHED_HISTORY_SQL = `WITH targets AS (
  SELECT customer_id, month, lead(month) OVER (PARTITION BY customer_id ORDER BY month) AS next_month
  FROM (
    SELECT DISTINCT customer_id, CAST(date_trunc('month', day) AS DATE) AS month FROM customer_day
    WHERE purchase_lines > 0 AND day >= CAST($lo AS DATE) AND customer_id IN (SELECT customer_id FROM refresh_touched)
  )
)
SELECT t.customer_id, t.month, min(d.day), max(d.day), CAST(count(*) AS INTEGER), median(d.gap_days), any_value(t.next_month)
FROM targets t
JOIN customer_day d ON d.customer_id = t.customer_id AND d.purchase_lines > 0 AND d.day < t.month + INTERVAL 1 MONTH
GROUP BY t.customer_id, t.month`;

/** Re-links each touched customer's last row before $lo to their first row from $lo on (none: NULL). */
const NEXT_MONTH_SQL = `UPDATE customer_history AS t SET next_month = f.first
FROM (SELECT customer_id FROM refresh_touched) r
LEFT JOIN (
  SELECT customer_id, min(month) AS first FROM customer_history
  WHERE month >= CAST($lo AS DATE) AND customer_id IN (SELECT customer_id FROM refresh_touched)
  GROUP BY customer_id
) f ON f.customer_id = r.customer_id
WHERE t.customer_id = r.customer_id AND ${lastBeforeLo('t.')} AND t.next_month IS DISTINCT FROM f.first`;

/**
 * Purchase history per customer as of day $R from customer_day: the same columns as
 * PURCHASE_STATS_SQL. `where` narrows customer_day (no alias), e.g. a customer set.
 */
export const DAY_STATS_SQL = (where: string) => `SELECT customer_id, min(day) AS first_purchase, max(day) AS last_purchase,
         CAST(count(*) AS INTEGER) AS purchase_days, median(gap_days) AS median_gap_days
  FROM customer_day
  WHERE purchase_lines > 0 AND day <= CAST($R AS DATE) AND ${where}
  GROUP BY customer_id`;

/** The purchase days of the customers of visits v: from raw order lines, or from customer_day (the refresh). */
const PURCHASE_DAYS_SQL = {
  orders: `SELECT DISTINCT customer_id, order_date AS day FROM orders
  WHERE customer_id IS NOT NULL AND ${PURCHASE}
    AND customer_id IN (SELECT customer_id FROM v)`,
  customer_day: `SELECT customer_id, day FROM customer_day
  WHERE purchase_lines > 0 AND day >= (SELECT min(visit_date) FROM v) AND customer_id IN (SELECT customer_id FROM v)`,
};

/**
 * Each visit with its conversion flag (metrics.md "visit conversion"): the first purchase day of
 * the same customer (by any rep) on or after the visit day, found with an ASOF join, converts the
 * visit when it is at most 30 days later. `where` filters the visits (alias v, columns of VISITS_SQL).
 */
export const VISIT_CONVERSION_SQL = (where: string, days: keyof typeof PURCHASE_DAYS_SQL = 'orders') => `WITH v AS (
  SELECT v.visit_id, v.visit_date, v.rep_id, v.team, v.region, v.customer_id, v.type
  FROM (${VISITS_SQL}) v
  WHERE ${where}
),
p AS (
  ${PURCHASE_DAYS_SQL[days]}
)
SELECT v.visit_id, v.visit_date, v.rep_id, v.team, v.region, v.customer_id, v.type,
       coalesce(p.day <= v.visit_date + 30, false) AS converted
FROM v ASOF LEFT JOIN p ON v.customer_id = p.customer_id AND v.visit_date <= p.day`;

/**
 * customer_list rows (006_customer_day.sql) of every customer, or of the refresh's touched ones, as
 * of the date in customer_stats_state; none before there is one.
 */
const CUSTOMER_LIST_SQL = (touchedOnly: boolean) => {
  const ids = touchedOnly ? 'customer_id IN (SELECT customer_id FROM refresh_touched)' : 'TRUE';
  return `WITH s AS (
  SELECT as_of, CAST(date_trunc('month', as_of) - INTERVAL 11 MONTH AS DATE) AS start FROM customer_stats_state WHERE as_of IS NOT NULL
),
attrs AS (
  SELECT customer_id, any_value(name) AS name, any_value(tier) AS tier, any_value(segment) AS segment, any_value(industry) AS industry,
         any_value(region) AS region, any_value(owner_rep_id) AS owner_rep_id, any_value(created_date) AS created_date
  FROM customers WHERE ${ids} GROUP BY customer_id
),
rep_names AS (SELECT rep_id, arg_max(name, valid_from) AS name FROM reps GROUP BY rep_id),
m12 AS (
  SELECT customer_id, sum(revenue) AS revenue FROM customer_month, s
  WHERE month BETWEEN s.start AND s.as_of AND ${ids} GROUP BY customer_id
),
lv AS (
  SELECT customer_id, max(CAST(visit_at AS DATE)) AS last_visit FROM visits, s
  WHERE visit_at < s.as_of + INTERVAL 1 DAY AND ${ids} GROUP BY customer_id
)
SELECT st.customer_id, coalesce(a.name, st.customer_id), a.tier, a.segment, a.industry, a.region, a.owner_rep_id, rn.name,
       a.created_date, st.first_purchase, st.last_purchase, st.purchase_days, st.median_gap_days, lv.last_visit,
       CAST(coalesce(m12.revenue, 0) AS DECIMAL(18,4))
FROM (SELECT * FROM customer_stats WHERE ${ids}) st
CROSS JOIN s
LEFT JOIN attrs a ON a.customer_id = st.customer_id
LEFT JOIN rep_names rn ON rn.rep_id = a.owner_rep_id
LEFT JOIN m12 ON m12.customer_id = st.customer_id
LEFT JOIN lv ON lv.customer_id = st.customer_id`;
};

/**
 * Customers whose customer_list row moves when the as-of date goes from $old to the new one
 * (customer_stats_state): a month entering or leaving the 12-month window, a visit between the two dates.
 */
const AS_OF_MOVED_SQL = `WITH s AS (
  SELECT as_of, CAST(date_trunc('month', as_of) - INTERVAL 11 MONTH AS DATE) AS start,
         CAST($old AS DATE) AS old, CAST(date_trunc('month', CAST($old AS DATE)) - INTERVAL 11 MONTH AS DATE) AS old_start
  FROM customer_stats_state
)
SELECT customer_id FROM customer_month, s
WHERE month >= least(s.start, s.old_start)
  AND (month BETWEEN s.old_start AND s.old) <> (month BETWEEN s.start AND s.as_of)
UNION
SELECT customer_id FROM visits, s
WHERE visit_at >= least(s.as_of, s.old) + INTERVAL 1 DAY AND visit_at < greatest(s.as_of, s.old) + INTERVAL 1 DAY`;

/**
 * cohort_offset cells (cohort, k, customers, revenue, pairs) of the customers matching `where` (a
 * condition on customer_id), from customer_stats and customer_month, each figure times `sign`.
 */
const COHORT_CELLS_SQL = (where: string, sign: 1 | -1) => `WITH c AS (
  SELECT customer_id, CAST(date_trunc('month', first_purchase) AS DATE) AS cohort
  FROM customer_stats WHERE first_purchase IS NOT NULL AND ${where}
)
SELECT c.cohort, CAST(date_diff('month', c.cohort, m.month) AS INTEGER) AS k,
       CAST(${sign} * count(*) FILTER (WHERE m.purchase_lines > 0) AS INTEGER) AS customers,
       CAST(${sign} * sum(m.revenue) AS DECIMAL(18,4)) AS revenue, CAST(${sign} * count(*) AS INTEGER) AS pairs
FROM c JOIN customer_month m USING (customer_id)
WHERE m.month >= c.cohort
GROUP BY ALL`;

/** customer_reps rows (006_customer_day.sql) from customer_links, for the customers matching `where`. */
const CUSTOMER_REPS_SQL = (where: string) => `SELECT customer_id, rep_id, team, region, min(first_date) FROM customer_links
WHERE ${where}
GROUP BY customer_id, rep_id, team, region`;

/**
 * customer_risk rows (006_customer_day.sql): the at-risk customers (at-risk.ts has the rule) as of
 * every month end up to the as-of date in customer_stats_state and as of that date, from
 * customer_history, the customer file's key accounts and visits. `fromParam`: only the reference
 * days on or after $from.
 */
const CUSTOMER_RISK_SQL = (fromParam: boolean) => `WITH s AS (SELECT as_of FROM customer_stats_state WHERE as_of IS NOT NULL),
ref AS (
  SELECT DISTINCT R FROM (
    SELECT CAST(t.m + INTERVAL 1 MONTH - INTERVAL 1 DAY AS DATE) AS R
    FROM s, generate_series(
      CAST(coalesce((SELECT min(month) FROM customer_history), date_trunc('month', s.as_of)) AS TIMESTAMP),
      CAST(date_trunc('month', s.as_of) AS TIMESTAMP), INTERVAL 1 MONTH) t(m)
    UNION ALL SELECT as_of FROM s
  )
  WHERE R <= (SELECT as_of FROM s)${fromParam ? ' AND R >= CAST($from AS DATE)' : ''}
),
x AS (
  SELECT r.R AS ref_day, h.customer_id, h.last_purchase, h.purchase_days, h.median_gap_days,
         CAST(date_diff('day', h.last_purchase, r.R) AS INTEGER) AS days_since,
         CASE WHEN h.purchase_days >= 3 THEN greatest(2 * h.median_gap_days, ${MIN_LIMIT}) ELSE ${FEW_PURCHASES_LIMIT} END AS threshold
  FROM ref r
  JOIN (
    SELECT * FROM customer_history
    WHERE coalesce(next_month, DATE '9999-12-31') > (SELECT min(R) FROM ref) AND last_purchase > (SELECT min(R) FROM ref) - INTERVAL 12 MONTH
  ) h ON r.R >= h.month AND r.R < coalesce(h.next_month, DATE '9999-12-31')
  WHERE h.last_purchase > r.R - INTERVAL 12 MONTH
),
keys AS (
  SELECT customer_id FROM customers WHERE customer_id IN (SELECT customer_id FROM customers WHERE tier = 'key')
  GROUP BY customer_id HAVING any_value(tier) = 'key'
),
seen AS (
  SELECT DISTINCT r.R, v.customer_id
  FROM ref r
  JOIN (SELECT customer_id, visit_at FROM visits WHERE visit_at >= (SELECT min(R) FROM ref) - ${KEY_VISIT_DAYS - 1}) v
    ON v.visit_at >= r.R - ${KEY_VISIT_DAYS - 1} AND v.visit_at < r.R + INTERVAL 1 DAY
),
flagged AS (
  SELECT x.*, x.days_since > x.threshold AS overdue, k.customer_id IS NOT NULL AND sn.customer_id IS NULL AS unvisited
  FROM x
  LEFT JOIN keys k ON k.customer_id = x.customer_id
  LEFT JOIN seen sn ON sn.R = x.ref_day AND sn.customer_id = x.customer_id
),
risky AS MATERIALIZED (SELECT * FROM flagged WHERE overdue OR unvisited),
lv AS (
  SELECT r.ref_day, r.customer_id, max(CAST(v.visit_at AS DATE)) AS last_visit
  FROM risky r JOIN visits v ON v.customer_id = r.customer_id AND v.visit_at < r.ref_day + INTERVAL 1 DAY
  GROUP BY r.ref_day, r.customer_id
),
rev AS (
  SELECT r.ref_day, r.customer_id, sum(d.revenue) AS revenue
  FROM risky r JOIN customer_day d ON d.customer_id = r.customer_id AND d.day > r.ref_day - INTERVAL 12 MONTH AND d.day <= r.ref_day
  WHERE d.day > (SELECT min(R) FROM ref) - INTERVAL 12 MONTH
  GROUP BY r.ref_day, r.customer_id
)
SELECT r.ref_day, r.customer_id, r.last_purchase, r.purchase_days, r.median_gap_days, r.days_since, r.threshold, r.overdue, r.unvisited,
       lv.last_visit, CAST(coalesce(rev.revenue, 0) AS DECIMAL(18,4))
FROM risky r
LEFT JOIN lv ON lv.ref_day = r.ref_day AND lv.customer_id = r.customer_id
LEFT JOIN rev ON rev.ref_day = r.ref_day AND rev.customer_id = r.customer_id
ORDER BY r.ref_day, r.customer_id`;

export interface RefreshOptions {
  /**
   * The months ('YYYY-MM') whose order lines or visits changed. Omit for a full rebuild: after a
   * customers or reps import (ownership, team and region), a restore, or an undo whose months are unknown.
   */
  months?: string[];
}

const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The first day of the month after a 'YYYY-MM' month. */
function nextMonthStart(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/**
 * Refreshes customer_day, customer_history, customer_month, customer_links, customer_reps,
 * customer_stats, visit_conversion, cohort_offset, customer_stats_state, customer_list and
 * customer_risk. Runs on the caller's connection, inside the caller's
 * transaction. Given months, only their facts are read: every month condition carries a date range
 * so the scans skip the rest of the table.
 */
export async function refreshCustomerStats(conn: DuckDBConnection, options: RefreshOptions = {}): Promise<void> {
  const months = options.months === undefined ? null : [...new Set(options.months)].sort();
  if (months) {
    for (const m of months) if (!MONTH_RE.test(m)) throw new Error(`refreshCustomerStats: "${m}" is not a YYYY-MM month.`);
    if (months.length === 0) return;
  }
  const lo = months ? `${months[0]}-01` : '';
  const oldAsOf = await precomputedAsOf(conn);
  const p: Params = months ? { months: months.map((m) => `${m}-01`).join(','), lo, hi: nextMonthStart(months[months.length - 1]!) } : {};
  const inMonths = (expr: string) =>
    months
      ? `${expr} >= CAST($lo AS DATE) AND ${expr} < CAST($hi AS DATE)
         AND CAST(date_trunc('month', ${expr}) AS DATE) IN (SELECT unnest(CAST(string_split($months, ',') AS DATE[])))`
      : 'TRUE';

  // Customers whose statistics may change: those with facts in the months, before and after the
  // change, plus customer ids not listed yet.
  if (months) {
    await run(conn, 'CREATE OR REPLACE TEMP TABLE refresh_touched (customer_id VARCHAR)');
    await run(
      conn,
      `INSERT INTO refresh_touched
       SELECT customer_id FROM customer_day WHERE ${inMonths('day')}
       UNION SELECT customer_id FROM customer_links WHERE ${inMonths('month')}
       UNION SELECT customer_id FROM orders WHERE customer_id IS NOT NULL AND ${inMonths('order_date')}
       UNION SELECT customer_id FROM visits WHERE ${inMonths('visit_at')}
       UNION (SELECT customer_id FROM customers EXCEPT SELECT customer_id FROM customer_stats)`,
      p,
    );
    await run(
      conn,
      `CREATE OR REPLACE TEMP TABLE refresh_cohort_cells AS\n${COHORT_CELLS_SQL('customer_id IN (SELECT customer_id FROM refresh_touched)', -1)}`,
    );
  }

  await run(conn, `DELETE FROM customer_day WHERE ${inMonths('day')}`, p);
  await run(conn, `INSERT INTO customer_day\n${CUSTOMER_DAY_SQL(inMonths('order_date'))}`, p);
  if (months) {
    // A changed month moves the gaps of the touched customers' purchase days from it onwards; each
    // needs only the last purchase day before the months to look back to: the last_purchase of the
    // customer's last customer_history row before them (not yet refreshed, and unchanged before $lo).
    await run(
      conn,
      `UPDATE customer_day AS t SET gap_days = g.gap
       FROM (
         SELECT customer_id, day, CAST(day - lag(day) OVER (PARTITION BY customer_id ORDER BY day) AS INTEGER) AS gap
         FROM (
           SELECT customer_id, day FROM customer_day
           WHERE purchase_lines > 0 AND day >= CAST($lo AS DATE) AND customer_id IN (SELECT customer_id FROM refresh_touched)
           UNION ALL
           SELECT customer_id, last_purchase FROM customer_history
           WHERE ${lastBeforeLo()} AND customer_id IN (SELECT customer_id FROM refresh_touched)
         )
       ) g
       WHERE t.customer_id = g.customer_id AND t.day = g.day AND t.day >= CAST($lo AS DATE) AND t.purchase_lines > 0
         AND t.gap_days IS DISTINCT FROM g.gap`,
      { lo },
    );
  }

  if (months) {
    await run(conn, `DELETE FROM customer_history WHERE month >= CAST($lo AS DATE) AND customer_id IN (SELECT customer_id FROM refresh_touched)`, { lo });
    await run(conn, `INSERT INTO customer_history\n${TOUCHED_HISTORY_SQL}`, { lo });
    await run(conn, NEXT_MONTH_SQL, { lo });
  } else {
    await run(conn, 'DELETE FROM customer_history');
    await run(conn, `INSERT INTO customer_history\n${CUSTOMER_HISTORY_SQL}`);
  }

  await run(conn, `DELETE FROM customer_month WHERE ${inMonths('month')}`, p);
  await run(
    conn,
    `INSERT INTO customer_month
     SELECT customer_id, CAST(date_trunc('month', day) AS DATE) AS month, CAST(sum(revenue) AS DECIMAL(18,4)),
            CAST(sum(purchase_lines) AS INTEGER), CAST(count(*) FILTER (WHERE purchase_lines > 0) AS INTEGER)
     FROM customer_day
     WHERE ${inMonths('day')}
     GROUP BY ALL
     ORDER BY month, customer_id`,
    p,
  );

  // customer_reps keys (customer, rep, team, region) with links in the months, before and after the change.
  if (months) {
    await run(
      conn,
      `CREATE OR REPLACE TEMP TABLE refresh_rep_keys AS SELECT DISTINCT customer_id, rep_id, team, region FROM customer_links WHERE ${inMonths('month')}`,
      p,
    );
  }
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

  if (months) {
    // A customer_reps row is the earliest link of its key. Only keys with links in the months can
    // change, and of those only keys whose earliest link is not before $lo: an earlier one lies in
    // an unchanged month and stays the earliest. Those few keys are rebuilt from customer_links.
    await run(
      conn,
      `INSERT INTO refresh_rep_keys SELECT DISTINCT customer_id, rep_id, team, region FROM customer_links WHERE ${inMonths('month')}`,
      p,
    );
    await run(
      conn,
      `CREATE OR REPLACE TEMP TABLE refresh_rep_rebuild AS
       SELECT DISTINCT k.customer_id, k.rep_id, k.team, k.region FROM refresh_rep_keys k
       ANTI JOIN (SELECT * FROM customer_reps WHERE first_date < CAST($lo AS DATE)) r
         ON r.customer_id = k.customer_id AND r.rep_id = k.rep_id AND r.team IS NOT DISTINCT FROM k.team AND r.region IS NOT DISTINCT FROM k.region`,
      { lo },
    );
    const sameKey = (a: string, b: string) =>
      `${a}.customer_id = ${b}.customer_id AND ${a}.rep_id = ${b}.rep_id AND ${a}.team IS NOT DISTINCT FROM ${b}.team AND ${a}.region IS NOT DISTINCT FROM ${b}.region`;
    await run(conn, `DELETE FROM customer_reps r USING refresh_rep_rebuild k WHERE ${sameKey('r', 'k')}`);
    await run(
      conn,
      `INSERT INTO customer_reps
       SELECT l.customer_id, l.rep_id, l.team, l.region, min(l.first_date) FROM customer_links l
       SEMI JOIN refresh_rep_rebuild k ON ${sameKey('l', 'k')}
       GROUP BY l.customer_id, l.rep_id, l.team, l.region`,
    );
    await run(conn, 'DROP TABLE refresh_rep_keys');
    await run(conn, 'DROP TABLE refresh_rep_rebuild');
  } else {
    await run(conn, 'DELETE FROM customer_reps');
    await run(conn, `INSERT INTO customer_reps\n${CUSTOMER_REPS_SQL('TRUE')}`);
  }

  // Known customers: the customer file, order lines of any status, visits. Only a touched id
  // missing from the customer file needs the scans of customer_links (every visit and
  // non-cancelled line) and the order lines; there is seldom one, and none means no scan.
  const touched = months ? 'customer_id IN (SELECT customer_id FROM refresh_touched)' : 'TRUE';
  const known = months
    ? `filed AS MATERIALIZED (SELECT DISTINCT customer_id FROM customers WHERE ${touched}),
     unfiled AS MATERIALIZED (SELECT customer_id FROM refresh_touched EXCEPT SELECT customer_id FROM filed),
     known AS (
       SELECT customer_id FROM filed
       UNION SELECT customer_id FROM customer_links WHERE customer_id IN (SELECT customer_id FROM unfiled)
       UNION SELECT customer_id FROM orders WHERE customer_id IN (SELECT customer_id FROM unfiled)
     )`
    : `known AS (
       SELECT customer_id FROM customers
       UNION SELECT customer_id FROM orders WHERE customer_id IS NOT NULL
       UNION SELECT customer_id FROM visits
     )`;
  await run(conn, `DELETE FROM customer_stats WHERE ${touched}`);
  await run(
    conn,
    `INSERT INTO customer_stats
     WITH ${known},
     purchase AS (
       SELECT customer_id, first_purchase, last_purchase, purchase_days, median_gap_days
       FROM customer_history WHERE next_month IS NULL AND ${touched}
     )
     SELECT k.customer_id, p.first_purchase, p.last_purchase, CAST(coalesce(p.purchase_days, 0) AS INTEGER), p.median_gap_days
     FROM known k LEFT JOIN purchase p USING (customer_id)`,
  );

  // A visit's flag depends on purchases up to 30 days after it: re-flag the visits from 30 days
  // before the first changed month to the end of the last one.
  const visitWindow = (col: string) =>
    months ? `${col} BETWEEN CAST($first AS DATE) - 30 AND CAST(CAST($last AS DATE) + INTERVAL 1 MONTH - INTERVAL 1 DAY AS DATE)` : 'TRUE';
  const vp: Params = months ? { first: `${months[0]}-01`, last: `${months[months.length - 1]}-01` } : {};
  await run(conn, `DELETE FROM visit_conversion WHERE ${visitWindow('visit_date')}`, vp);
  await run(conn, `INSERT INTO visit_conversion\n${VISIT_CONVERSION_SQL(visitWindow('v.visit_date'), 'customer_day')}`, vp);

  if (months) {
    // The touched customers' cells as they are now, in, against their cells before, out.
    await run(conn, `INSERT INTO refresh_cohort_cells\n${COHORT_CELLS_SQL(touched, 1)}`);
    await run(conn, `CREATE OR REPLACE TEMP TABLE refresh_cohort_merged AS
       SELECT cohort, k, CAST(sum(customers) AS INTEGER) AS customers, CAST(sum(revenue) AS DECIMAL(18,4)) AS revenue, CAST(sum(pairs) AS INTEGER) AS pairs
       FROM (SELECT cohort, k, customers, revenue, pairs FROM cohort_offset UNION ALL SELECT * FROM refresh_cohort_cells)
       GROUP BY cohort, k
       HAVING sum(pairs) > 0`);
    await run(conn, 'DELETE FROM cohort_offset');
    await run(conn, 'INSERT INTO cohort_offset (cohort, k, customers, revenue, pairs) SELECT * FROM refresh_cohort_merged');
    await run(conn, 'DROP TABLE refresh_cohort_cells');
    await run(conn, 'DROP TABLE refresh_cohort_merged');
  } else {
    await run(conn, 'DELETE FROM cohort_offset');
    await run(conn, `INSERT INTO cohort_offset (cohort, k, customers, revenue, pairs)\n${COHORT_CELLS_SQL('TRUE', 1)}`);
  }

  await run(conn, 'DELETE FROM customer_stats_state');
  await run(conn, 'INSERT INTO customer_stats_state SELECT CAST(max(order_date) AS DATE), current_timestamp FROM orders');

  // The list rows of the touched customers, and of those the move of the as-of date changes.
  const newAsOf = await precomputedAsOf(conn);
  if (months && oldAsOf !== null && newAsOf !== null) {
    await run(conn, `INSERT INTO refresh_touched\n${AS_OF_MOVED_SQL}`, { old: oldAsOf });
    await run(conn, `DELETE FROM customer_list WHERE ${touched}`);
    await run(conn, `INSERT INTO customer_list\n${CUSTOMER_LIST_SQL(true)}`);
  } else {
    await run(conn, 'DELETE FROM customer_list');
    await run(conn, `INSERT INTO customer_list\n${CUSTOMER_LIST_SQL(false)}`);
  }
  // At-risk customers as of the reference days the changed facts reach: from the first changed
  // month (or the earlier as-of date, old or new) on; every day before keeps its rows.
  if (months && oldAsOf !== null && newAsOf !== null) {
    const from = [lo, oldAsOf, newAsOf].sort()[0]!;
    await run(conn, 'DELETE FROM customer_risk WHERE ref_day >= CAST($from AS DATE)', { from });
    await run(conn, `INSERT INTO customer_risk\n${CUSTOMER_RISK_SQL(true)}`, { from });
  } else {
    await run(conn, 'DELETE FROM customer_risk');
    await run(conn, `INSERT INTO customer_risk\n${CUSTOMER_RISK_SQL(false)}`);
  }
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

/**
 * Where per-customer purchase history as of a reference day comes from: customer_stats (one row a
 * customer; the day on or after its as-of date), customer_history (a month end before it: each
 * customer's latest month row), customer_day (any other day: a median per customer at query time)
 * or raw order lines (tables not refreshed since the last change of the orders).
 */
export type StatsSource = 'stats' | 'history' | 'days' | 'raw';

export function statsSource(statsAsOf: string | null, dataEnd: string | null, day: string): StatsSource {
  if (!fresh(statsAsOf, dataEnd)) return 'raw';
  if (day >= statsAsOf) return 'stats';
  const next = new Date(`${day}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.getUTCDate() === 1 ? 'history' : 'days';
}
