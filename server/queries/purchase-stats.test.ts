// Keeps the precomputed customer tables honest: every figure computed from them equals the same
// figure computed from the raw facts, and a refresh of some months equals a full rebuild.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_SCOPE, scopeOf } from '../auth/scope.ts';
import type { Scope } from '../auth/types.ts';
import type { Database } from '../db/database.ts';
import { listMigrations } from '../db/migrate.ts';
import { rows, run } from '../db/query.ts';
import { openTempDb } from '../../test/helpers/app.ts';
import { loadCustomerFixture } from '../../test/fixtures/customer-fixture.ts';
import { riskSource } from './at-risk.ts';
import { customerList } from './customers.ts';
import { resolveFilters, type FilterQuery } from './filters.ts';
import { monthTablesExact, precomputedAsOf, refreshCustomerStats, statsExact, statsSource } from './purchase-stats.ts';
import { retentionContext, retentionCustomers, retentionReport } from './retention.ts';
import { calendarOf, loadSettings } from './settings.ts';
import { loadTargetBook } from './targets.ts';
import { visitsReport } from './visits.ts';

const TABLES = {
  customer_month: 'SELECT customer_id, CAST(month AS VARCHAR) m, CAST(revenue AS DOUBLE) r, purchase_lines, purchase_days FROM customer_month ORDER BY ALL',
  customer_links: 'SELECT customer_id, rep_id, team, region, CAST(month AS VARCHAR) m, CAST(first_date AS VARCHAR) d, source FROM customer_links ORDER BY ALL',
  customer_stats: 'SELECT customer_id, CAST(first_purchase AS VARCHAR) f, CAST(last_purchase AS VARCHAR) l, purchase_days, median_gap_days FROM customer_stats ORDER BY ALL',
  visit_conversion: 'SELECT visit_id, CAST(visit_date AS VARCHAR) d, rep_id, team, region, customer_id, type, converted FROM visit_conversion ORDER BY ALL',
  cohort_offset: 'SELECT CAST(cohort AS VARCHAR) c, k, customers, CAST(revenue AS DOUBLE) r, pairs FROM cohort_offset ORDER BY ALL',
  customer_day: 'SELECT customer_id, CAST(day AS VARCHAR) d, CAST(revenue AS DOUBLE) r, purchase_lines, gap_days FROM customer_day ORDER BY ALL',
  customer_history: `SELECT customer_id, CAST(month AS VARCHAR) m, CAST(first_purchase AS VARCHAR) f, CAST(last_purchase AS VARCHAR) l,
    purchase_days, median_gap_days, CAST(next_month AS VARCHAR) n FROM customer_history ORDER BY ALL`,
  customer_reps: 'SELECT customer_id, rep_id, team, region, CAST(first_date AS VARCHAR) d FROM customer_reps ORDER BY ALL',
  customer_risk: `SELECT CAST(ref_day AS VARCHAR) d, customer_id, CAST(last_purchase AS VARCHAR) l, purchase_days, median_gap_days, days_since,
    threshold, overdue, unvisited, CAST(last_visit AS VARCHAR) v, CAST(revenue AS DOUBLE) r FROM customer_risk ORDER BY ALL`,
  customer_list: `SELECT customer_id, name, tier, owner_rep_id, owner_name, CAST(first_purchase AS VARCHAR) f, CAST(last_purchase AS VARCHAR) l,
    purchases, median_gap_days, CAST(last_visit AS VARCHAR) v, CAST(revenue_12m AS DOUBLE) r FROM customer_list ORDER BY ALL`,
};

async function dump(db: Database): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const [name, sql] of Object.entries(TABLES)) out[name] = await db.read((c) => rows(c, sql));
  return out;
}

describe('refreshCustomerStats', () => {
  let db: Database;
  let dir: string;
  beforeAll(async () => {
    ({ db, dir } = await openTempDb());
    await loadCustomerFixture(db);
  });
  afterAll(async () => {
    await db.close();
    await fs.promises.rm(dir, { recursive: true, force: true });
  });

  it('holds what the fixture implies (spot checks by hand)', async () => {
    const t = await dump(db);
    // C9: purchase days 2024-10-01, 10-15, 11-05, 11-19 → gaps 14, 21, 14 → median 14.
    expect(t.customer_stats).toContainEqual({ customer_id: 'C9', f: '2024-10-01', l: '2024-11-19', purchase_days: 4, median_gap_days: 14 });
    // C8 in March: only a −800 return → revenue −800, no purchase.
    expect(t.customer_month).toContainEqual({ customer_id: 'C8', m: '2025-03-01', r: -800, purchase_lines: 0, purchase_days: 0 });
    // V13 (02-12, C2 bought 02-12) converts; V12 (01-26, C6 next bought 03-04) does not.
    expect(t.visit_conversion).toContainEqual(expect.objectContaining({ visit_id: 'V13', converted: true }));
    expect(t.visit_conversion).toContainEqual(expect.objectContaining({ visit_id: 'V12', converted: false }));
    // Cohort 2025-01 (C5, C7, C8): 3 customers at k 0, 2 at k 1 (C5, C8), 1 at k 2 (C7; C8 only returned,
    // a customer-month all the same).
    expect(t.cohort_offset!.filter((r) => (r as { c: string }).c === '2025-01-01')).toEqual([
      { c: '2025-01-01', k: 0, customers: 3, r: 12000, pairs: 3 },
      { c: '2025-01-01', k: 1, customers: 2, r: 7500, pairs: 2 },
      { c: '2025-01-01', k: 2, customers: 1, r: 1200, pairs: 2 },
    ]);
    expect(await db.read((c) => precomputedAsOf(c))).toBe('2025-03-14');
  });

  it('keeps day and month histories and the list rows (spot checks by hand)', async () => {
    const t = await dump(db);
    // C1 buys on 2024-03-15, 2025-01-10, 02-05 and 03-03 (gaps 301, 26, 26); 03-10 is only a −1500 return.
    expect(t.customer_day).toContainEqual({ customer_id: 'C1', d: '2025-01-10', r: 6000, purchase_lines: 2, gap_days: 301 });
    expect(t.customer_day).toContainEqual({ customer_id: 'C1', d: '2025-03-03', r: 14000.455, purchase_lines: 2, gap_days: 26 });
    expect(t.customer_day).toContainEqual({ customer_id: 'C1', d: '2025-03-10', r: -1500, purchase_lines: 0, gap_days: null });
    // The cancelled O205 (C3, 02-20) leaves no day.
    expect(t.customer_day!.filter((r) => (r as { d: string }).d === '2025-02-20')).toEqual([]);
    const c1 = t.customer_history!.filter((r) => (r as { customer_id: string }).customer_id === 'C1');
    expect(c1).toEqual([
      { customer_id: 'C1', m: '2024-03-01', f: '2024-03-15', l: '2024-03-15', purchase_days: 1, median_gap_days: null, n: '2025-01-01' },
      { customer_id: 'C1', m: '2025-01-01', f: '2024-03-15', l: '2025-01-10', purchase_days: 2, median_gap_days: 301, n: '2025-02-01' },
      { customer_id: 'C1', m: '2025-02-01', f: '2024-03-15', l: '2025-02-05', purchase_days: 3, median_gap_days: 163.5, n: '2025-03-01' },
      { customer_id: 'C1', m: '2025-03-01', f: '2024-03-15', l: '2025-03-03', purchase_days: 4, median_gap_days: 26, n: null },
    ]);
    // C1's 12 months (2024-04 … 2025-03): 6000 + 10000 + 14000.455 − 1500; last visit V3 on 03-10.
    expect(t.customer_list).toContainEqual({
      customer_id: 'C1', name: '甲公司', tier: 'standard', owner_rep_id: 'R1', owner_name: 'Alice', f: '2024-03-15', l: '2025-03-03',
      purchases: 4, median_gap_days: 26, v: '2025-03-10', r: 28500.455,
    });
    // C10 (key, Alice's): one purchase on 2024-12-20, visited on 2025-02-01 only.
    expect(t.customer_list).toContainEqual({
      customer_id: 'C10', name: '癸公司', tier: 'key', owner_rep_id: 'R1', owner_name: 'Alice', f: '2024-12-20', l: '2024-12-20',
      purchases: 1, median_gap_days: null, v: '2025-02-01', r: 7000,
    });
  });

  it('matches customer_day and customer_history with queries over the raw lines', async () => {
    const days = await db.read((c) =>
      rows(
        c,
        `WITH d AS (
           SELECT customer_id, order_date AS day, sum(amount) AS revenue, count(*) FILTER (WHERE amount > 0) AS purchase_lines
           FROM orders WHERE customer_id IS NOT NULL AND status <> 'cancelled' GROUP BY ALL
         )
         SELECT customer_id, CAST(day AS VARCHAR) d, CAST(revenue AS DOUBLE) r, purchase_lines,
                CASE WHEN purchase_lines > 0 THEN CAST(day - (SELECT max(p.day) FROM d p WHERE p.customer_id = d.customer_id AND p.purchase_lines > 0 AND p.day < d.day) AS INTEGER) END AS gap_days
         FROM d ORDER BY ALL`,
      ),
    );
    // Month by month: the purchase days up to each month's end, recomputed from the lines each time.
    const history = await db.read((c) =>
      rows(
        c,
        `WITH p AS (SELECT DISTINCT customer_id, order_date AS day FROM orders WHERE customer_id IS NOT NULL AND status <> 'cancelled' AND amount > 0),
         g AS (SELECT customer_id, day, day - (SELECT max(q.day) FROM p q WHERE q.customer_id = p.customer_id AND q.day < p.day) AS gap FROM p),
         m AS (SELECT DISTINCT customer_id, date_trunc('month', day) AS month FROM p)
         SELECT m.customer_id, CAST(CAST(m.month AS DATE) AS VARCHAR) m, CAST(min(g.day) AS VARCHAR) f, CAST(max(g.day) AS VARCHAR) l,
                CAST(count(*) AS INTEGER) purchase_days, quantile_cont(g.gap, 0.5) median_gap_days,
                (SELECT CAST(CAST(min(n.month) AS DATE) AS VARCHAR) FROM m n WHERE n.customer_id = m.customer_id AND n.month > m.month) n
         FROM m JOIN g ON g.customer_id = m.customer_id AND g.day < m.month + INTERVAL 1 MONTH
         GROUP BY m.customer_id, m.month ORDER BY ALL`,
      ),
    );
    const t = await dump(db);
    expect(t.customer_day).toEqual(days);
    expect(t.customer_history).toEqual(history);
  });

  it('refreshing the changed months gives the same tables as a full rebuild', async () => {
    await db.transaction(async (c) => {
      // April sales and visits arrive, a March line is replaced and a February visit removed.
      await run(
        c,
        `INSERT INTO orders (order_id, line_no, order_date, customer_id, rep_id, category, channel, amount, status, batch_id) VALUES
           ('O601', 1, DATE '2025-04-02', 'C5', 'R2', 'A', '经销商', 700, 'completed', 'b2'),
           ('O602', 1, DATE '2025-04-03', 'C12', 'R3', 'A', '直销', 300, 'completed', 'b2'),
           ('O603', 1, DATE '2025-04-04', 'C9', 'R2', 'A', '经销商', 50, 'cancelled', 'b2'),
           ('O604', 1, DATE '2025-04-04', 'C9', 'R2', 'A', '经销商', 80, 'completed', 'b2')`,
      );
      // C4 loses its March purchase, C5 its February one (its January month now links to April).
      await run(c, "DELETE FROM orders WHERE order_id IN ('O307', 'O202')");
      await run(c, "INSERT INTO visits (visit_id, visit_at, rep_id, customer_id, type, batch_id) VALUES ('V20', TIMESTAMP '2025-03-20 10:00', 'R2', 'C5', 'visit', 'b2')");
      await run(c, "DELETE FROM visits WHERE visit_id = 'V7'");
      await refreshCustomerStats(c, { months: ['2025-02', '2025-03', '2025-04'] });
    });
    const incremental = await dump(db);
    // C4 lost its March purchase; C12 is new; V20 (03-20, C5 buys 04-02) converts.
    expect(incremental.customer_stats).toContainEqual({ customer_id: 'C4', f: '2025-02-18', l: '2025-02-18', purchase_days: 1, median_gap_days: null });
    expect(incremental.customer_stats).toContainEqual({ customer_id: 'C12', f: '2025-04-03', l: '2025-04-03', purchase_days: 1, median_gap_days: null });
    expect(incremental.visit_conversion).toContainEqual(expect.objectContaining({ visit_id: 'V20', converted: true }));
    // C9 comes back on 04-04 after 136 days; its November month now leads to April, as C5's January does.
    expect(incremental.customer_day).toContainEqual({ customer_id: 'C9', d: '2025-04-04', r: 80, purchase_lines: 1, gap_days: 136 });
    expect(incremental.customer_history).toContainEqual(expect.objectContaining({ customer_id: 'C9', m: '2024-11-01', n: '2025-04-01' }));
    expect(incremental.customer_history).toContainEqual(expect.objectContaining({ customer_id: 'C5', m: '2025-01-01', n: '2025-04-01' }));
    // The as-of date is the latest order date of any line, as the filters define it (O603, cancelled, 04-04).
    expect(await db.read((c) => precomputedAsOf(c))).toBe('2025-04-04');
    await db.transaction((c) => refreshCustomerStats(c));
    expect(await dump(db)).toEqual(incremental);
  });

  it('fills the tables of migration 006 on a database loaded before it as a full refresh does', async () => {
    await db.transaction((c) => refreshCustomerStats(c));
    const refreshed = await dump(db);
    const migration = listMigrations().find((m) => m.version === 6)!;
    const fills = migration.sql
      .split('\n')
      .filter((line) => !line.startsWith('--'))
      .join('\n')
      .split(';')
      .map((statement) => statement.trim())
      .filter((statement) => statement !== '' && !/^(CREATE|ALTER) TABLE/.test(statement));
    expect(fills.filter((statement) => statement.startsWith('INSERT'))).toHaveLength(7);
    await db.transaction(async (c) => {
      for (const table of ['customer_day', 'customer_history', 'customer_list', 'cohort_offset', 'customer_reps', 'customer_risk']) await run(c, `DELETE FROM ${table}`);
      for (const statement of fills) await run(c, statement);
    });
    expect(await dump(db)).toEqual(refreshed);
  });

  it('refuses a month that is not YYYY-MM', async () => {
    await expect(db.transaction((c) => refreshCustomerStats(c, { months: ['2025-4'] }))).rejects.toThrow(/YYYY-MM/);
  });
});

describe('precomputed tables and raw facts agree on every figure', () => {
  let db: Database;
  let dir: string;
  beforeAll(async () => {
    ({ db, dir } = await openTempDb());
    await loadCustomerFixture(db);
  });
  afterAll(async () => {
    await db.close();
    await fs.promises.rm(dir, { recursive: true, force: true });
  });

  const CASES: Array<[string, FilterQuery, Scope]> = [
    ['the as-of month, everyone', {}, ALL_SCOPE],
    ['a quarter', { period: '2025-Q1' }, ALL_SCOPE],
    ['a closed month against last year', { period: '2025-02', compare: 'last_year' }, ALL_SCOPE],
    ['a team', { team: ['华东一组'] }, ALL_SCOPE],
    ['a region over the quarter', { region: ['华北'], period: '2025-Q1' }, ALL_SCOPE],
    ["a rep's own scope", {}, scopeOf(['R1'])],
    ["a supervisor's scope over the quarter", { period: '2025-Q1' }, scopeOf(['R1', 'R2', 'S1'])],
    ['an earlier as-of date at a month end', { asOf: '2025-02-28', period: '2025-Q1' }, ALL_SCOPE],
    // Reference days before the tables' as-of date: month ends read customer_history, other days customer_day.
    ['a closed month', { period: '2025-01' }, ALL_SCOPE],
    ['the last month of 2024, a team', { period: '2024-12', team: ['华东一组'] }, ALL_SCOPE],
    ["a closed month in a rep's scope", { period: '2025-02' }, scopeOf(['R1'])],
    ['a custom range ending mid-month', { from: '2024-11-10', to: '2025-02-20' }, ALL_SCOPE],
    ['a custom range ending mid-month, a region', { from: '2025-01-01', to: '2025-01-25', region: ['华北'] }, ALL_SCOPE],
  ];

  it.each(CASES)('%s', async (_name, query, scope) => {
    await db.read(async (conn) => {
      const settings = await loadSettings(conn);
      const f = await resolveFilters(conn, { lang: 'en', ...query }, settings);
      const book = await loadTargetBook(conn, 'visits', calendarOf(settings), settings.fiscalYearStartMonth);

      // The default path reads the tables here (fresh, and the as-of date is the data's end or a month end).
      const ctx = await retentionContext(conn, f, scope);
      expect(ctx.monthTables).toBe(true);
      const statsAsOf = await precomputedAsOf(conn);
      expect(monthTablesExact(statsAsOf, f.dataEnd, f.asOf)).toBe(true);

      for (const basis of ['logo', 'revenue'] as const) {
        expect(await retentionReport(conn, f, scope, basis)).toEqual(await retentionReport(conn, f, scope, basis, { source: 'raw' }));
      }
      for (const list of [{ kind: 'at_risk' as const }, { kind: 'churned' as const }, { kind: 'cohort' as const, cohort: '2025-01', k: 1 }]) {
        expect(await retentionCustomers(conn, f, scope, list)).toEqual(await retentionCustomers(conn, f, scope, list, { source: 'raw' }));
      }
      expect(await visitsReport(conn, f, scope, book)).toEqual(await visitsReport(conn, f, scope, book, { source: 'raw' }));
      const page = { search: null, tier: null, sort: 'revenue12m' as const, order: 'desc' as const, page: 1, pageSize: 50 };
      expect(await customerList(conn, f, scope, page)).toEqual(await customerList(conn, f, scope, page, { source: 'raw' }));
    });
  });

  it('agrees at an as-of date in mid-month, before the tables\' as-of date', async () => {
    await db.read(async (conn) => {
      const settings = await loadSettings(conn);
      for (const query of [{ asOf: '2025-02-20', period: '2025-02' }, { asOf: '2025-02-20', period: '2025-01', team: ['华东一组'] }] as FilterQuery[]) {
        const f = await resolveFilters(conn, { lang: 'en', ...query }, settings);
        for (const list of [{ kind: 'at_risk' as const }, { kind: 'churned' as const }]) {
          expect(await retentionCustomers(conn, f, ALL_SCOPE, list)).toEqual(await retentionCustomers(conn, f, ALL_SCOPE, list, { source: 'raw' }));
        }
        expect(await retentionReport(conn, f, ALL_SCOPE, 'logo')).toEqual(await retentionReport(conn, f, ALL_SCOPE, 'logo', { source: 'raw' }));
        const page = { search: null, tier: null, sort: 'lastVisit' as const, order: 'asc' as const, page: 1, pageSize: 50 };
        expect(await customerList(conn, f, ALL_SCOPE, page)).toEqual(await customerList(conn, f, ALL_SCOPE, page, { source: 'raw' }));
      }
    });
  });

  it('pages the lists in SQL: each page is the slice of the whole list, with its length', async () => {
    await db.read(async (conn) => {
      const settings = await loadSettings(conn);
      for (const query of [{ period: '2025-03' }, { period: '2025-01' }, { from: '2024-11-10', to: '2025-02-20' }] as FilterQuery[]) {
        const f = await resolveFilters(conn, { lang: 'en', ...query }, settings);
        for (const list of [{ kind: 'at_risk' as const }, { kind: 'churned' as const }, { kind: 'cohort' as const, cohort: '2025-01', k: 0 }]) {
          const whole = await retentionCustomers(conn, f, ALL_SCOPE, list);
          expect(whole.total).toBe(whole.rows.length);
          for (const page of [{ limit: 2, offset: 0 }, { limit: 2, offset: 1 }, { limit: 5, offset: 100 }]) {
            const part = await retentionCustomers(conn, f, ALL_SCOPE, { ...list, page });
            expect(part).toEqual({ ...whole, rows: whole.rows.slice(page.offset, page.offset + page.limit) });
          }
        }
      }
    });
  });

  it('lists at-risk customers as of a closed month from the stored rows (by hand)', async () => {
    await db.read(async (conn) => {
      const f = await resolveFilters(conn, { lang: 'en', period: '2025-01' }, await loadSettings(conn));
      const answer = await retentionCustomers(conn, f, ALL_SCOPE, { kind: 'at_risk' });
      // As of 2025-01-31: C9 silent 73 days against max(2 × 14, 45); key accounts C10 (bought 2024-12-20)
      // and C3 (2025-01-20) with no visit in January (C10's visit is 02-01).
      expect(answer.rows.map((r) => [r.customerId, r.daysSincePurchase, r.purchases, r.medianGapDays])).toEqual([
        ['C9', 73, 4, 14],
        ['C10', 42, 1, null],
        ['C3', 11, 2, 306],
      ]);
    });
  });

  it('picks the source of purchase history by the reference day', () => {
    expect(statsSource('2025-03-14', '2025-03-14', '2025-03-14')).toBe('stats');
    expect(statsSource('2025-03-14', '2025-03-14', '2025-02-28')).toBe('history');
    expect(statsSource('2025-03-14', '2025-03-14', '2024-12-31')).toBe('history');
    expect(statsSource('2025-03-14', '2025-03-14', '2025-02-20')).toBe('days');
    expect(statsSource('2025-03-14', '2025-04-01', '2025-02-28')).toBe('raw');
    expect(statsSource(null, '2025-03-14', '2025-03-14')).toBe('raw');
    // customer_risk holds the tables' as-of date and the month ends before it.
    expect(riskSource('2025-03-14', '2025-03-14', '2025-03-14')).toBe('stored');
    expect(riskSource('2025-03-14', '2025-03-14', '2025-02-28')).toBe('stored');
    expect(riskSource('2025-03-14', '2025-03-14', '2025-03-31')).toBe('stats');
    expect(riskSource('2025-03-14', '2025-03-14', '2025-02-20')).toBe('days');
    expect(riskSource('2025-03-14', '2025-04-01', '2025-03-14')).toBe('raw');
  });

  it('uses customer_stats only when its as-of date answers the reference day', async () => {
    const statsAsOf = await db.read((c) => precomputedAsOf(c));
    expect(statsExact(statsAsOf, '2025-03-14', '2025-03-14')).toBe(true);
    expect(statsExact(statsAsOf, '2025-03-14', '2025-02-28')).toBe(false);
    // A stale table (the orders moved on without a refresh) is never used.
    expect(statsExact(statsAsOf, '2025-04-01', '2025-04-01')).toBe(false);
    expect(monthTablesExact(statsAsOf, '2025-03-14', '2025-03-10')).toBe(false);
    expect(monthTablesExact(statsAsOf, '2025-03-14', '2025-02-28')).toBe(true);
  });
});
