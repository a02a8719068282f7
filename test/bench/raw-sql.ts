// The same metrics computed the slow, obvious way: plain SQL over the raw order lines and visits,
// no rollups or precomputed tables. Timed beside each route, they show what the precomputed tables
// buy (architecture.md: month-scoped raw scans 10–30 ms, the cohort matrix 660 ms raw). They follow
// metrics.md closely enough to cost the same work; they are not the product's answers.
import type { Variant } from './variants.ts';

export interface RawQuery {
  sql: string;
  params: Record<string, string | number>;
}

/** Net revenue lines: everything but cancelled (returns negative). */
const NET = `status <> 'cancelled'`;
/** Purchases: net lines with a positive amount and a customer. */
const PURCHASE = `status <> 'cancelled' AND amount > 0 AND customer_id IS NOT NULL`;
const CUR = `order_date BETWEEN CAST($from AS DATE) AND CAST($to AS DATE)`;
const PREV = `order_date BETWEEN CAST($prevFrom AS DATE) AND CAST($prevTo AS DATE)`;
const VISITS_CUR = `visit_at >= CAST($from AS TIMESTAMP) AND visit_at < CAST($to AS DATE) + 1`;

function teamOnly(v: Variant, column = 'rep_id'): string {
  return v.team ? ` AND ${column} IN (SELECT rep_id FROM reps WHERE team = $team)` : '';
}

function params(v: Variant, extra: Record<string, string | number> = {}): Record<string, string | number> {
  const p: Record<string, string | number> = { from: v.from, to: v.to, prevFrom: v.prevFrom, prevTo: v.prevTo, ...extra };
  if (v.team) p.team = v.team;
  return p;
}

/** Only the parameters a statement names (DuckDB refuses unused named parameters). */
function used(sql: string, all: Record<string, string | number>): Record<string, string | number> {
  return Object.fromEntries(Object.entries(all).filter(([k]) => new RegExp(`\\$${k}\\b`).test(sql)));
}

function q(sql: string, all: Record<string, string | number>): RawQuery {
  return { sql, params: used(sql, all) };
}

const REVENUE_TARGETS = `SELECT scope_id AS rep_id, sum(target_value) AS target FROM targets
  WHERE metric = 'revenue' AND scope_kind = 'rep' AND period_kind = 'month' AND period BETWEEN $firstMonth AND $lastMonth GROUP BY 1`;

export function overviewRaw(v: Variant): RawQuery {
  const t = teamOnly(v);
  const sql = `
    WITH cur AS (SELECT * FROM orders WHERE ${CUR} AND ${NET}${t}),
         prev AS (SELECT * FROM orders WHERE ${PREV} AND ${NET}${t}),
         firsts AS (SELECT customer_id, min(order_date) AS first FROM orders WHERE ${PURCHASE}${t} GROUP BY 1)
    SELECT (SELECT sum(amount) FROM cur) AS revenue, (SELECT sum(amount) FROM prev) AS prev_revenue,
           (SELECT count(*) FROM (SELECT order_id FROM cur GROUP BY 1 HAVING sum(amount) > 0)) AS orders,
           (SELECT count(*) FROM (SELECT order_id FROM prev GROUP BY 1 HAVING sum(amount) > 0)) AS prev_orders,
           (SELECT count(DISTINCT customer_id) FROM cur WHERE amount > 0) AS active,
           (SELECT count(DISTINCT customer_id) FROM prev WHERE amount > 0) AS prev_active,
           (SELECT count(*) FILTER (first BETWEEN CAST($from AS DATE) AND CAST($to AS DATE)) FROM firsts) AS new_customers,
           (SELECT count(*) FILTER (first BETWEEN CAST($prevFrom AS DATE) AND CAST($prevTo AS DATE)) FROM firsts) AS prev_new,
           (SELECT count(*) FROM visits WHERE ${VISITS_CUR}${t}) AS visits,
           (SELECT sum(target) FROM (${REVENUE_TARGETS})${v.team ? ' WHERE rep_id IN (SELECT rep_id FROM reps WHERE team = $team)' : ''}) AS target`;
  return q(sql, params(v, { firstMonth: v.firstMonth, lastMonth: v.lastMonth }));
}

export function attainmentRaw(v: Variant, by: 'rep' | 'team' | 'region'): RawQuery {
  const key = by === 'rep' ? 'r.rep_id' : by === 'team' ? 'r.team' : 'r.region';
  const sql = `
    WITH a AS (SELECT rep_id, sum(amount) AS actual FROM orders WHERE ${CUR} AND ${NET}${teamOnly(v)} GROUP BY 1),
         t AS (${REVENUE_TARGETS}),
         r AS (SELECT rep_id, any_value(team) AS team, any_value(region) AS region FROM reps GROUP BY 1)
    SELECT ${key} AS key, sum(a.actual) AS actual, sum(t.target) AS target, sum(a.actual) / nullif(sum(t.target), 0) AS attainment
    FROM r LEFT JOIN a USING (rep_id) LEFT JOIN t USING (rep_id)
    WHERE a.actual IS NOT NULL OR t.target IS NOT NULL GROUP BY 1 ORDER BY 1`;
  return q(sql, params(v, { firstMonth: v.firstMonth, lastMonth: v.lastMonth }));
}

const RANK_BY = { revenue: 'v', attainment: 'v / nullif(target, 0)', growth: '(v - pv) / nullif(pv, 0)' } as const;

export function rankingsRaw(v: Variant, metric: string): RawQuery {
  const t = teamOnly(v);
  let values: string;
  if (metric === 'new_customers') {
    values = `f AS (SELECT customer_id, arg_min(rep_id, order_date) AS rep_id, min(order_date) AS first FROM orders WHERE ${PURCHASE} GROUP BY 1),
      vals AS (SELECT rep_id, count(*) FILTER (first BETWEEN CAST($from AS DATE) AND CAST($to AS DATE)) AS v,
                      count(*) FILTER (first BETWEEN CAST($prevFrom AS DATE) AND CAST($prevTo AS DATE)) AS pv FROM f WHERE true${t} GROUP BY 1)`;
  } else if (metric === 'visits') {
    values = `vals AS (SELECT rep_id, count(*) FILTER (${VISITS_CUR}) AS v,
                      count(*) FILTER (visit_at >= CAST($prevFrom AS TIMESTAMP) AND visit_at < CAST($prevTo AS DATE) + 1) AS pv
                      FROM visits WHERE visit_at >= CAST($prevFrom AS TIMESTAMP) AND visit_at < CAST($to AS DATE) + 1${t} GROUP BY 1)`;
  } else if (metric === 'conversion') {
    values = `vv AS (SELECT visit_id, rep_id, customer_id, CAST(visit_at AS DATE) AS d FROM visits
                     WHERE ${VISITS_CUR} AND CAST(visit_at AS DATE) + 30 <= CAST($asOf AS DATE)${t}),
      hit AS (SELECT vv.visit_id, any_value(vv.rep_id) AS rep_id, bool_or(o.order_id IS NOT NULL) AS converted
              FROM vv LEFT JOIN orders o ON o.customer_id = vv.customer_id AND o.${NET} AND o.amount > 0
                   AND o.order_date BETWEEN vv.d AND vv.d + 30 GROUP BY 1),
      vals AS (SELECT rep_id, avg(CAST(converted AS INTEGER)) AS v, NULL::DOUBLE AS pv FROM hit GROUP BY 1)`;
  } else {
    values = `vals AS (SELECT rep_id, sum(amount) FILTER (${CUR}) AS v, sum(amount) FILTER (${PREV}) AS pv
                      FROM orders WHERE order_date BETWEEN CAST($prevFrom AS DATE) AND CAST($to AS DATE) AND ${NET}${t} GROUP BY 1)`;
  }
  const by = RANK_BY[metric as keyof typeof RANK_BY] ?? 'v';
  const sql = `
    WITH ${values}, t AS (${REVENUE_TARGETS}),
         scored AS (SELECT rep_id, v, pv, target, ${by} AS score FROM vals LEFT JOIN t USING (rep_id))
    SELECT rep_id, score, rank() OVER (ORDER BY score DESC) AS rank, rank() OVER (ORDER BY pv DESC) AS prev_rank
    FROM scored WHERE score IS NOT NULL ORDER BY rank, rep_id`;
  return q(sql, params(v, { firstMonth: v.firstMonth, lastMonth: v.lastMonth, asOf: v.asOf }));
}

export function trendRaw(v: Variant, months: number): RawQuery {
  const sql = `
    WITH m AS (SELECT date_trunc('month', order_date) AS month, sum(amount) AS revenue FROM orders
               WHERE order_date > CAST($asOf AS DATE) - to_months(${Number(months)}) AND order_date <= CAST($asOf AS DATE) AND ${NET}${teamOnly(v)} GROUP BY 1),
         t AS (SELECT CAST(period || '-01' AS DATE) AS month, sum(target_value) AS target FROM targets
               WHERE metric = 'revenue' AND scope_kind = 'rep' AND period_kind = 'month'${v.team ? ' AND scope_id IN (SELECT rep_id FROM reps WHERE team = $team)' : ''} GROUP BY 1)
    SELECT month, revenue, target, revenue / nullif(target, 0) AS attainment FROM m LEFT JOIN t USING (month) ORDER BY month`;
  return q(sql, params(v, { asOf: v.asOf }));
}

export function retentionRaw(v: Variant, basis: 'logo' | 'revenue'): RawQuery {
  const t = teamOnly(v);
  const value = basis === 'logo' ? 'count(DISTINCT p.customer_id) FILTER (p.purchases > 0)' : 'sum(p.revenue)';
  const nrr =
    basis === 'revenue'
      ? `, (SELECT sum(cr) / nullif(sum(pr), 0) FROM (SELECT customer_id, sum(amount) FILTER (${CUR}) AS cr, sum(amount) FILTER (${PREV}) AS pr
            FROM orders WHERE order_date BETWEEN CAST($prevFrom AS DATE) AND CAST($to AS DATE) AND ${NET} AND customer_id IS NOT NULL${t} GROUP BY 1)
            WHERE customer_id IN (SELECT customer_id FROM orders WHERE ${PREV} AND ${PURCHASE}${t})) AS nrr`
      : '';
  const sql = `
    WITH p AS (SELECT customer_id, date_trunc('month', order_date) AS month, sum(amount) AS revenue, count(*) FILTER (amount > 0) AS purchases
               FROM orders WHERE ${NET} AND customer_id IS NOT NULL AND order_date <= CAST($asOf AS DATE)${t} GROUP BY 1, 2),
         c AS (SELECT customer_id, min(month) AS cohort FROM p WHERE purchases > 0 GROUP BY 1),
         cells AS (SELECT c.cohort, datediff('month', c.cohort, p.month) AS k, ${value} AS v FROM p JOIN c USING (customer_id)
                   WHERE c.cohort BETWEEN CAST($from AS DATE) AND CAST($to AS DATE) GROUP BY 1, 2)
    SELECT list(v ORDER BY cohort, k) AS matrix${nrr} FROM cells`;
  return q(sql, params(v, { asOf: v.asOf }));
}

/** The at-risk list: last purchase, purchase days and median gap per customer, last visit, the key-account rule. */
export function atRiskRaw(v: Variant): RawQuery {
  const sql = `
    WITH d AS (SELECT DISTINCT customer_id, order_date FROM orders WHERE ${PURCHASE} AND order_date <= CAST($asOf AS DATE)${teamOnly(v)}),
         g AS (SELECT customer_id, order_date, order_date - lag(order_date) OVER (PARTITION BY customer_id ORDER BY order_date) AS gap FROM d),
         s AS (SELECT customer_id, max(order_date) AS last, count(*) AS n, median(gap) AS median_gap FROM g GROUP BY 1),
         lv AS (SELECT customer_id, max(CAST(visit_at AS DATE)) AS last_visit FROM visits WHERE visit_at < CAST($asOf AS DATE) + 1 GROUP BY 1)
    SELECT s.customer_id, c.name, s.last, s.n, s.median_gap, lv.last_visit
    FROM s LEFT JOIN customers c USING (customer_id) LEFT JOIN lv USING (customer_id)
    WHERE s.last > CAST($asOf AS DATE) - 365
      AND ((s.n < 3 AND CAST($asOf AS DATE) - s.last > 90) OR (s.n >= 3 AND CAST($asOf AS DATE) - s.last > greatest(2 * s.median_gap, 45))
           OR (c.tier = 'key' AND (lv.last_visit IS NULL OR lv.last_visit < CAST($asOf AS DATE) - 30)))
    ORDER BY s.last`;
  return q(sql, params(v, { asOf: v.asOf }));
}

export function visitsRaw(v: Variant): RawQuery {
  const t = teamOnly(v);
  const sql = `
    WITH byType AS (SELECT rep_id, count(*) AS visits, count(*) FILTER (type = 'visit') AS visit, count(*) FILTER (type = 'call') AS call,
                           count(*) FILTER (type = 'meeting') AS meeting, count(*) FILTER (type = 'demo') AS demo FROM visits WHERE ${VISITS_CUR}${t} GROUP BY 1),
         vv AS (SELECT visit_id, rep_id, customer_id, CAST(visit_at AS DATE) AS d FROM visits WHERE ${VISITS_CUR} AND CAST(visit_at AS DATE) + 30 <= CAST($asOf AS DATE)${t}),
         conv AS (SELECT rep_id, avg(CAST(converted AS INTEGER)) AS conversion FROM (
                    SELECT vv.visit_id, any_value(vv.rep_id) AS rep_id, bool_or(o.order_id IS NOT NULL) AS converted FROM vv
                    LEFT JOIN orders o ON o.customer_id = vv.customer_id AND o.${NET} AND o.amount > 0 AND o.order_date BETWEEN vv.d AND vv.d + 30 GROUP BY 1) GROUP BY 1),
         lv AS (SELECT customer_id, max(CAST(visit_at AS DATE)) AS last_visit FROM visits WHERE visit_at < CAST($to AS DATE) + 1 GROUP BY 1),
         cover AS (SELECT c.owner_rep_id AS rep_id, count(*) AS key_accounts, count(*) FILTER (lv.last_visit > CAST($to AS DATE) - 30) AS covered
                   FROM customers c LEFT JOIN lv USING (customer_id) WHERE c.tier = 'key'${teamOnly(v, 'c.owner_rep_id')} GROUP BY 1)
    SELECT * FROM byType FULL JOIN conv USING (rep_id) FULL JOIN cover USING (rep_id) ORDER BY rep_id`;
  return q(sql, params(v, { asOf: v.asOf }));
}

export function visitsWeeklyRaw(v: Variant): RawQuery {
  const sql = `SELECT strftime(visit_at, '%G-W%V') AS week, rep_id, count(*) AS visits FROM visits WHERE ${VISITS_CUR}${teamOnly(v)} GROUP BY 1, 2 ORDER BY 1, 2`;
  return q(sql, params(v));
}

/** One rep's bundle: 12-month revenue and rank history among all reps, top customers, new customers, recent visits. */
export function evaluationRaw(v: Variant): RawQuery {
  const sql = `
    WITH m AS (SELECT date_trunc('month', order_date) AS month, rep_id, sum(amount) AS revenue FROM orders
               WHERE order_date > CAST($to AS DATE) - to_months(12) AND order_date <= CAST($to AS DATE) AND ${NET} GROUP BY 1, 2),
         ranks AS (SELECT month, rep_id, revenue, rank() OVER (PARTITION BY month ORDER BY revenue DESC) AS rank FROM m),
         top AS (SELECT customer_id, sum(amount) AS revenue FROM orders WHERE rep_id = $rep AND ${CUR} AND ${NET} GROUP BY 1 ORDER BY 2 DESC LIMIT 10),
         f AS (SELECT customer_id, arg_min(rep_id, order_date) AS rep_id, min(order_date) AS first FROM orders WHERE ${PURCHASE} GROUP BY 1),
         recent AS (SELECT visit_id FROM visits WHERE rep_id = $rep AND visit_at < CAST($to AS DATE) + 1 ORDER BY visit_at DESC LIMIT 10)
    SELECT (SELECT list(rank ORDER BY month) FROM ranks WHERE rep_id = $rep) AS rank_history,
           (SELECT list(revenue ORDER BY month) FROM ranks WHERE rep_id = $rep) AS trend,
           (SELECT list(revenue) FROM top) AS top_customers,
           (SELECT count(*) FROM f WHERE rep_id = $rep AND first BETWEEN CAST($from AS DATE) AND CAST($to AS DATE)) AS new_customers,
           (SELECT count(*) FROM recent) AS recent_visits`;
  return q(sql, params(v, { rep: v.rep }));
}

export function customersRaw(v: Variant): RawQuery {
  const sql = `
    WITH o AS (SELECT customer_id, min(order_date) FILTER (amount > 0) AS first_purchase, max(order_date) FILTER (amount > 0) AS last_purchase,
                      sum(amount) FILTER (order_date > CAST($asOf AS DATE) - to_months(12)) AS revenue12m
               FROM orders WHERE ${NET} AND customer_id IS NOT NULL AND order_date <= CAST($asOf AS DATE) GROUP BY 1),
         lv AS (SELECT customer_id, max(CAST(visit_at AS DATE)) AS last_visit FROM visits WHERE visit_at < CAST($asOf AS DATE) + 1 GROUP BY 1)
    SELECT c.customer_id, c.name, c.tier, c.owner_rep_id, o.first_purchase, o.last_purchase, o.revenue12m, lv.last_visit
    FROM customers c LEFT JOIN o USING (customer_id) LEFT JOIN lv USING (customer_id)
    WHERE true${teamOnly(v, 'c.owner_rep_id')}
    ORDER BY o.revenue12m DESC NULLS LAST, c.customer_id LIMIT 50`;
  return q(sql, params(v, { asOf: v.asOf }));
}

export function ordersRaw(v: Variant): RawQuery {
  const sql = `SELECT * FROM orders WHERE ${CUR} AND rep_id = $rep ORDER BY order_date, order_id, line_no LIMIT 100`;
  return q(sql, params(v, { rep: v.rep }));
}
