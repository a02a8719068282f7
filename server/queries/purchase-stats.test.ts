// Keeps the precomputed customer tables honest: every figure computed from them equals the same
// figure computed from the raw facts, and a refresh of some months equals a full rebuild.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_SCOPE, scopeOf } from '../auth/scope.ts';
import type { Scope } from '../auth/types.ts';
import type { Database } from '../db/database.ts';
import { rows, run } from '../db/query.ts';
import { openTempDb } from '../../test/helpers/app.ts';
import { loadCustomerFixture } from '../../test/fixtures/customer-fixture.ts';
import { customerList } from './customers.ts';
import { resolveFilters, type FilterQuery } from './filters.ts';
import { monthTablesExact, precomputedAsOf, refreshCustomerStats, statsExact } from './purchase-stats.ts';
import { retentionContext, retentionCustomers, retentionReport } from './retention.ts';
import { calendarOf, loadSettings } from './settings.ts';
import { loadTargetBook } from './targets.ts';
import { visitsReport } from './visits.ts';

const TABLES = {
  customer_month: 'SELECT customer_id, CAST(month AS VARCHAR) m, CAST(revenue AS DOUBLE) r, purchase_lines, purchase_days FROM customer_month ORDER BY ALL',
  customer_links: 'SELECT customer_id, rep_id, team, region, CAST(month AS VARCHAR) m, CAST(first_date AS VARCHAR) d, source FROM customer_links ORDER BY ALL',
  customer_stats: 'SELECT customer_id, CAST(first_purchase AS VARCHAR) f, CAST(last_purchase AS VARCHAR) l, purchase_days, median_gap_days FROM customer_stats ORDER BY ALL',
  visit_conversion: 'SELECT visit_id, CAST(visit_date AS VARCHAR) d, rep_id, team, region, customer_id, type, converted FROM visit_conversion ORDER BY ALL',
  cohort_offset: 'SELECT CAST(cohort AS VARCHAR) c, k, customers, CAST(revenue AS DOUBLE) r FROM cohort_offset ORDER BY ALL',
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
    // Cohort 2025-01 (C5, C7, C8): 3 customers at k 0, 2 at k 1 (C5, C8), 1 at k 2 (C7; C8 only returned).
    expect(t.cohort_offset!.filter((r) => (r as { c: string }).c === '2025-01-01')).toEqual([
      { c: '2025-01-01', k: 0, customers: 3, r: 12000 },
      { c: '2025-01-01', k: 1, customers: 2, r: 7500 },
      { c: '2025-01-01', k: 2, customers: 1, r: 1200 },
    ]);
    expect(await db.read((c) => precomputedAsOf(c))).toBe('2025-03-14');
  });

  it('refreshing the changed months gives the same tables as a full rebuild', async () => {
    await db.transaction(async (c) => {
      // April sales and visits arrive, a March line is replaced and a February visit removed.
      await run(
        c,
        `INSERT INTO orders (order_id, line_no, order_date, customer_id, rep_id, category, channel, amount, status, batch_id) VALUES
           ('O601', 1, DATE '2025-04-02', 'C5', 'R2', 'A', '经销商', 700, 'completed', 'b2'),
           ('O602', 1, DATE '2025-04-03', 'C12', 'R3', 'A', '直销', 300, 'completed', 'b2'),
           ('O603', 1, DATE '2025-04-04', 'C9', 'R2', 'A', '经销商', 50, 'cancelled', 'b2')`,
      );
      await run(c, "DELETE FROM orders WHERE order_id = 'O307'");
      await run(c, "INSERT INTO visits (visit_id, visit_at, rep_id, customer_id, type, batch_id) VALUES ('V20', TIMESTAMP '2025-03-20 10:00', 'R2', 'C5', 'visit', 'b2')");
      await run(c, "DELETE FROM visits WHERE visit_id = 'V7'");
      await refreshCustomerStats(c, { months: ['2025-02', '2025-03', '2025-04'] });
    });
    const incremental = await dump(db);
    // C4 lost its March purchase; C12 is new; V20 (03-20, C5 buys 04-02) converts.
    expect(incremental.customer_stats).toContainEqual({ customer_id: 'C4', f: '2025-02-18', l: '2025-02-18', purchase_days: 1, median_gap_days: null });
    expect(incremental.customer_stats).toContainEqual({ customer_id: 'C12', f: '2025-04-03', l: '2025-04-03', purchase_days: 1, median_gap_days: null });
    expect(incremental.visit_conversion).toContainEqual(expect.objectContaining({ visit_id: 'V20', converted: true }));
    // The as-of date is the latest order date of any line, as the filters define it (O603, cancelled, 04-04).
    expect(await db.read((c) => precomputedAsOf(c))).toBe('2025-04-04');
    await db.transaction((c) => refreshCustomerStats(c));
    expect(await dump(db)).toEqual(incremental);
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
