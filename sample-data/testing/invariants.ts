// Test support: the rules every generated export must keep, checked with independent SQL over its
// English CSVs. Registered inside a describe() for each scale a test file generates.

import { expect, it } from 'vitest';
import type { ExportDb } from './export-db.ts';

export interface ExportDates {
  start: string;
  asOf: string;
  /** Last day of the next export (the end of the as-of month). */
  end: string;
}

const ALL_ORDERS = '(SELECT * FROM orders UNION ALL SELECT * FROM next_orders)';
const ALL_VISITS = '(SELECT * FROM visits UNION ALL SELECT * FROM next_visits)';
const CJK = '[\u4e00-\u9fff]';

export function registerInvariants(db: () => ExportDb, dates: ExportDates): void {
  it('names only reps and customers that the roster and customer file hold', async () => {
    const unknown = await db().number(`
      SELECT count(*) FROM (
        SELECT rep_id, customer_id FROM ${ALL_ORDERS} UNION ALL SELECT rep_id, customer_id FROM ${ALL_VISITS}
      ) f
      WHERE rep_id NOT IN (SELECT rep_id FROM reps) OR customer_id NOT IN (SELECT customer_id FROM customers)`);
    expect(unknown).toBe(0);
    expect(await db().number(`SELECT count(*) FROM ${ALL_ORDERS} o WHERE sku NOT IN (SELECT sku FROM products)`)).toBe(0);
    expect(await db().number('SELECT count(*) FROM customers WHERE owner_rep_id NOT IN (SELECT rep_id FROM reps)')).toBe(0);
  });

  it('has no order or visit of a customer before its file was created', async () => {
    const early = await db().number(`
      WITH f AS (
        SELECT customer_id, order_date::DATE AS d FROM ${ALL_ORDERS}
        UNION ALL SELECT customer_id, visit_at::TIMESTAMP::DATE FROM ${ALL_VISITS}
      )
      SELECT count(*) FROM f JOIN customers c USING (customer_id) WHERE f.d < c.created_date::DATE`);
    expect(early).toBe(0);
  });

  it('has one roster row per person, one sales manager and a complete org chart', async () => {
    const [r] = await db().rows(`
      SELECT count(*)::INT AS n, count(DISTINCT rep_id)::INT AS ids,
             count(*) FILTER (WHERE role = 'manager')::INT AS managers,
             count(*) FILTER (WHERE manager_id IS NOT NULL AND manager_id NOT IN (SELECT rep_id FROM reps))::INT AS dangling,
             count(*) FILTER (WHERE role NOT IN ('manager', 'supervisor', 'rep', 'assistant', 'account_manager'))::INT AS bad_roles
      FROM reps`);
    expect(r).toMatchObject({ managers: 1, dangling: 0, bad_roles: 0 });
    expect(r!.ids).toBe(r!.n);
    const columns = await db().rows(`SELECT column_name FROM (DESCRIBE reps) WHERE column_name = 'valid_from'`);
    expect(columns).toEqual([]);
  });

  it('numbers order lines 1..n and makes each amount quantity × unit price × (1 − discount) to the cent', async () => {
    const badNumbering = await db().number(`
      SELECT count(*) FROM (
        SELECT order_id, min(line_no::INT) AS lo, max(line_no::INT) AS hi, count(*) AS n, count(DISTINCT line_no) AS d
        FROM ${ALL_ORDERS} GROUP BY order_id
      ) WHERE lo <> 1 OR hi <> n OR d <> n`);
    expect(badNumbering).toBe(0);
    const badAmounts = await db().number(`
      SELECT count(*) FROM ${ALL_ORDERS}
      WHERE amount::DECIMAL(18, 2) <> round(quantity::DECIMAL(12, 0) * unit_price::DECIMAL(14, 2) * (1 - discount::DECIMAL(6, 4)), 2)`);
    expect(badAmounts).toBe(0);
    const [r] = await db().rows(`
      SELECT count(*) FILTER (WHERE currency IS DISTINCT FROM 'CNY')::INT AS not_cny,
             count(*) FILTER (WHERE status NOT IN ('completed', 'cancelled', 'returned'))::INT AS bad_status,
             count(*) FILTER (WHERE status = 'cancelled')::INT AS cancelled,
             count(*) FILTER (WHERE discount::DOUBLE > 0)::INT AS discounted,
             count(DISTINCT order_id) FILTER (WHERE line_no::INT > 1)::INT AS multi_line
      FROM ${ALL_ORDERS}`);
    expect(r).toMatchObject({ not_cny: 0, bad_status: 0 });
    expect(r!.cancelled).toBeGreaterThan(0);
    expect(r!.discounted).toBeGreaterThan(0);
    expect(r!.multi_line).toBeGreaterThan(0);
  });

  it('makes returns negative lines on a later date that point to an earlier sale of the same customer', async () => {
    const [r] = await db().rows(`
      WITH sales AS (SELECT DISTINCT order_id, customer_id, order_date::DATE AS d FROM ${ALL_ORDERS} WHERE status = 'completed')
      SELECT count(*)::INT AS returns,
             count(*) FILTER (WHERE NOT (quantity::INT < 0 AND amount::DOUBLE < 0 AND EXISTS (
               SELECT 1 FROM sales s WHERE s.order_id = r.original_order_id AND s.customer_id = r.customer_id AND s.d < r.order_date::DATE
             )))::INT AS broken
      FROM ${ALL_ORDERS} r WHERE status = 'returned'`);
    expect(r!.returns).toBeGreaterThan(0);
    expect(r!.broken).toBe(0);
    const oddSales = await db().number(`
      SELECT count(*) FROM ${ALL_ORDERS}
      WHERE status <> 'returned' AND (quantity::INT <= 0 OR amount::DOUBLE < 0 OR original_order_id IS NOT NULL)`);
    expect(oddSales).toBe(0);
  });

  it('gives nobody orders or visits outside their employment, and only salespeople sell', async () => {
    const outside = await db().number(`
      WITH f AS (
        SELECT rep_id, order_date::DATE AS d FROM ${ALL_ORDERS}
        UNION ALL SELECT rep_id, visit_at::TIMESTAMP::DATE FROM ${ALL_VISITS}
      )
      SELECT count(*) FROM f JOIN reps USING (rep_id)
      WHERE f.d < reps.hire_date::DATE OR f.d > reps.leave_date::DATE OR reps.role NOT IN ('rep', 'account_manager')`);
    expect(outside).toBe(0);
    const [r] = await db().rows(`
      SELECT count(*) FILTER (WHERE leave_date IS NOT NULL AND leave_date::DATE > $start::DATE)::INT AS leavers,
             count(*) FILTER (WHERE hire_date::DATE > $start::DATE)::INT AS hires
      FROM reps`, { start: dates.start });
    expect(r!.leavers).toBeGreaterThanOrEqual(1);
    expect(r!.hires).toBeGreaterThanOrEqual(1);
  });

  it('sets monthly revenue, new-customer and visit targets for salespeople only', async () => {
    const [r] = await db().rows(`
      SELECT count(*) FILTER (WHERE metric NOT IN ('revenue', 'new_customers', 'visits'))::INT AS bad_metric,
             count(*) FILTER (WHERE NOT regexp_full_match(period, '\\d{4}-\\d{2}'))::INT AS bad_period,
             count(*) FILTER (WHERE rep_id NOT IN (SELECT rep_id FROM reps WHERE role IN ('rep', 'account_manager')))::INT AS not_seller,
             count(*) FILTER (WHERE target_value::DOUBLE <= 0)::INT AS not_positive,
             (count(*) - count(DISTINCT (period, rep_id, metric)))::INT AS duplicates,
             count(DISTINCT metric)::INT AS metrics
      FROM targets`);
    expect(r).toMatchObject({ bad_metric: 0, bad_period: 0, not_seller: 0, not_positive: 0, duplicates: 0, metrics: 3 });
  });

  it('has a revenue target for every month a salesperson is employed, and for no other month', async () => {
    const [r] = await db().rows(`
      WITH months AS (
        SELECT strftime(m, '%Y-%m') AS period, m::DATE AS first_day, last_day(m::DATE) AS last_day
        FROM unnest(generate_series($start::DATE::TIMESTAMP, $asOf::DATE::TIMESTAMP, INTERVAL 1 MONTH)) AS t(m)
      ),
      employed AS (
        SELECT r.rep_id, m.period FROM reps r, months m
        WHERE r.role IN ('rep', 'account_manager') AND r.hire_date::DATE <= m.last_day
          AND (r.leave_date IS NULL OR r.leave_date::DATE >= m.first_day)
      ),
      revenue AS (SELECT rep_id, period FROM targets WHERE metric = 'revenue')
      SELECT (SELECT count(*) FROM employed e ANTI JOIN revenue t USING (rep_id, period))::INT AS missing,
             (SELECT count(*) FROM targets t ANTI JOIN employed e USING (rep_id, period))::INT AS extra,
             (SELECT count(*) FROM employed)::INT AS rep_months`, { start: dates.start, asOf: dates.asOf });
    expect(r).toMatchObject({ missing: 0, extra: 0 });
    expect(r!.rep_months).toBeGreaterThan(0);
  });

  it('has salespeople who beat their revenue target and salespeople who miss it', async () => {
    const [r] = await db().rows(`
      WITH actual AS (
        SELECT rep_id, strftime(order_date::DATE, '%Y-%m') AS period, sum(amount::DOUBLE) AS revenue
        FROM orders WHERE status <> 'cancelled' GROUP BY ALL
      ),
      att AS (
        SELECT t.rep_id, coalesce(a.revenue, 0) / t.target_value::DOUBLE AS attainment
        FROM targets t LEFT JOIN actual a USING (rep_id, period)
        WHERE t.metric = 'revenue' AND t.period < strftime($asOf::DATE, '%Y-%m')
      )
      SELECT count(*) FILTER (WHERE attainment >= 1)::INT AS beat, count(*) FILTER (WHERE attainment < 1)::INT AS missed FROM att`,
      { asOf: dates.asOf });
    expect(r!.beat).toBeGreaterThan(0);
    expect(r!.missed).toBeGreaterThan(0);
  });

  it('has positive net revenue in every month of history', async () => {
    const [r] = await db().rows(`
      SELECT count(*)::INT AS months, count(*) FILTER (WHERE revenue <= 0)::INT AS not_positive FROM (
        SELECT date_trunc('month', order_date::DATE) AS m, sum(amount::DECIMAL(18, 2)) FILTER (WHERE status <> 'cancelled') AS revenue
        FROM orders GROUP BY 1
      )`);
    expect(r!.not_positive).toBe(0);
    const expectedMonths = await db().number(`SELECT datediff('month', $start::DATE, $asOf::DATE) + 1`, { start: dates.start, asOf: dates.asOf });
    expect(r!.months).toBe(expectedMonths);
  });

  it('keeps history between the start and the as-of date and the next export after it, with no shared ids', async () => {
    const [h] = await db().rows(`
      SELECT (SELECT min(order_date) FROM orders) AS first_order, (SELECT max(order_date) FROM orders) AS last_order,
             (SELECT min(visit_at::TIMESTAMP::DATE)::VARCHAR FROM visits) AS first_visit,
             (SELECT max(visit_at::TIMESTAMP::DATE)::VARCHAR FROM visits) AS last_visit,
             (SELECT min(order_date) FROM next_orders) AS next_first_order, (SELECT max(order_date) FROM next_orders) AS next_last_order,
             (SELECT min(visit_at::TIMESTAMP::DATE)::VARCHAR FROM next_visits) AS next_first_visit,
             (SELECT max(visit_at::TIMESTAMP::DATE)::VARCHAR FROM next_visits) AS next_last_visit`);
    expect(h!.first_order! >= dates.start && h!.first_visit! >= dates.start).toBe(true);
    // The as-of date is the latest order date in the data.
    expect(h!.last_order).toBe(dates.asOf);
    expect(h!.last_visit! <= dates.asOf).toBe(true);
    for (const key of ['next_first_order', 'next_first_visit']) expect((h![key] as string) > dates.asOf).toBe(true);
    for (const key of ['next_last_order', 'next_last_visit']) expect((h![key] as string) <= dates.end).toBe(true);
    expect(await db().number('SELECT count(*) FROM next_orders WHERE order_id IN (SELECT order_id FROM orders)')).toBe(0);
    expect(await db().number('SELECT count(*) FROM next_visits WHERE visit_id IN (SELECT visit_id FROM visits)')).toBe(0);
    expect(await db().number('SELECT count(*) - count(DISTINCT visit_id) FROM visits')).toBe(0);
  });

  it('writes visits with known types, minute timestamps and positive durations', async () => {
    const [r] = await db().rows(`
      SELECT count(*) FILTER (WHERE type NOT IN ('visit', 'call', 'meeting', 'demo', 'other'))::INT AS bad_type,
             count(*) FILTER (WHERE NOT regexp_full_match(visit_at, '\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}'))::INT AS bad_time,
             count(*) FILTER (WHERE duration_min::INT <= 0)::INT AS bad_duration,
             count(DISTINCT type)::INT AS types,
             count(next_step_date)::INT AS with_next_step
      FROM ${ALL_VISITS}`);
    expect(r).toMatchObject({ bad_type: 0, bad_time: 0, bad_duration: 0, types: 5 });
    expect(r!.with_next_step).toBeGreaterThan(0);
  });

  it('has key accounts owned by account managers and reps who are still employed', async () => {
    const [r] = await db().rows(`
      SELECT avg(CASE WHEN c.tier = 'key' THEN 1 ELSE 0 END) AS key_share,
             count(DISTINCT r.role) FILTER (WHERE c.tier = 'key')::INT AS key_owner_roles,
             count(*) FILTER (WHERE r.leave_date::DATE < $asOf::DATE)::INT AS owned_by_leavers,
             count(*) FILTER (WHERE c.tier NOT IN ('key', 'standard'))::INT AS bad_tier,
             count(*) FILTER (WHERE c.created_date::DATE >= $start::DATE)::INT AS arrived
      FROM customers c JOIN reps r ON r.rep_id = c.owner_rep_id`, { start: dates.start, asOf: dates.asOf });
    expect(r).toMatchObject({ key_owner_roles: 2, owned_by_leavers: 0, bad_tier: 0 });
    expect(r!.key_share as number).toBeGreaterThan(0.04);
    expect(r!.key_share as number).toBeLessThan(0.2);
    expect(r!.arrived).toBeGreaterThan(0);
  });

  it('names most people and customers in Chinese', async () => {
    const [r] = await db().rows(`
      SELECT (SELECT avg(CASE WHEN regexp_matches(name, '${CJK}') THEN 1 ELSE 0 END) FROM reps) AS reps,
             (SELECT avg(CASE WHEN regexp_matches(name, '${CJK}') THEN 1 ELSE 0 END) FROM customers) AS customers`);
    expect(r!.reps as number).toBeGreaterThan(0.75);
    expect(r!.customers as number).toBeGreaterThan(0.85);
  });
}
