import fs from 'node:fs';
import type { Scope } from '../auth/types.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { openTempDb } from '../../test/helpers/app.ts';
import { loadKpiFixture, T1 } from '../../test/fixtures/kpi-fixture.ts';
import { BASE_METRICS, actualSql, actuals, actualsMany, monthRollupCovers, type ActualQuery, type GroupBy } from './actuals.ts';

const ALL: Scope = { all: true, repIds: [], key: 'all' };
const NO_DIMS = { teams: [], regions: [], reps: [], categories: [], channels: [] };

describe('actualSql', () => {
  const q: ActualQuery = { metric: 'revenue', range: { start: '2025-03-01', end: '2025-03-14' }, dims: NO_DIMS, scope: ALL, groupBy: 'rep', dataEnd: '2025-03-14' };

  it('reads the month rollup when the range ends at the end of the data', () => {
    const built = actualSql(q);
    expect(built.source).toBe('rollup');
    expect(built.sql).toMatchInlineSnapshot(`
      "SELECT s.rep_id AS key, CAST(coalesce(sum(s.revenue), 0) AS DECIMAL(18,4)) AS value
      FROM rollup_sales_month s
      WHERE s.month BETWEEN CAST($start AS DATE) AND CAST($end AS DATE)
      GROUP BY 1"
    `);
  });

  it('reads raw lines for a range that cuts a month before the end of the data', () => {
    const built = actualSql({ ...q, metric: 'orders', groupBy: 'none', range: { start: '2025-03-01', end: '2025-03-07' } });
    expect(built.source).toBe('raw');
    expect(built.sql).toMatchInlineSnapshot(`
      "SELECT '' AS key, count(*) FILTER (WHERE revenue > 0) AS value
      FROM (
        SELECT '' AS key, date_trunc('month', l.order_date) AS month, l.rep_id, l.team, l.region, l.order_id,
               sum(l.amount) AS revenue
        FROM (SELECT o.order_id, o.line_no, o.order_date, o.customer_id, o.rep_id, o.category, o.channel, o.amount,
               o.team, o.region
        FROM orders o
        WHERE o.status <> 'cancelled') l
        WHERE l.order_date BETWEEN CAST($start AS DATE) AND CAST($end AS DATE)
        GROUP BY ALL
      )"
    `);
  });

  it('answers new customers and visits from their day-grain rollups under any filter', () => {
    const dims = { ...NO_DIMS, channels: ['直销'] };
    expect(actualSql({ ...q, metric: 'new_customers', dims }).sql).toMatchInlineSnapshot(`
      "SELECT fp.rep_id AS key, count(*) AS value
      FROM rollup_first_purchase fp
      WHERE fp.first_date BETWEEN CAST($start AS DATE) AND CAST($end AS DATE)
        AND list_contains(CAST($channels AS VARCHAR[]), fp.channel)
      GROUP BY 1"
    `);
    expect(actualSql({ ...q, metric: 'visits', dims, groupBy: 'team' }).sql).toMatchInlineSnapshot(`
      "SELECT coalesce(vd.team, '') AS key, coalesce(sum(vd.visits), 0) AS value
      FROM rollup_visits_day vd
      WHERE vd.day BETWEEN CAST($start AS DATE) AND CAST($end AS DATE)
      GROUP BY 1"
    `);
    expect(actualSql({ ...q, metric: 'active_customers', dims }).source).toBe('raw');
  });

  it('knows when month rollups cover a range', () => {
    expect(monthRollupCovers({ start: '2025-01-01', end: '2025-03-31' }, '2025-03-14')).toBe(true);
    expect(monthRollupCovers({ start: '2025-01-01', end: '2025-03-20' }, '2025-03-14')).toBe(true);
    expect(monthRollupCovers({ start: '2025-01-01', end: '2025-03-10' }, '2025-03-14')).toBe(false);
    expect(monthRollupCovers({ start: '2025-01-05', end: '2025-01-31' }, '2025-03-14')).toBe(false);
  });
});

describe('actuals on the fixture: rollups and raw lines agree', () => {
  let db: Database;
  let dir: string;
  beforeAll(async () => {
    ({ db, dir } = await openTempDb());
    await loadKpiFixture(db);
  });
  afterAll(async () => {
    await db.close();
    await fs.promises.rm(dir, { recursive: true, force: true });
  });

  const ranges = [
    { start: '2025-03-01', end: '2025-03-14' },
    { start: '2025-01-01', end: '2025-03-31' },
    { start: '2024-01-01', end: '2025-03-14' },
  ];
  const groupings: GroupBy[] = ['none', 'rep', 'team', 'region', 'month'];
  const dimSets = [NO_DIMS, { ...NO_DIMS, teams: [T1] }, { ...NO_DIMS, reps: ['R2', 'R3'] }];

  it('gives the same figures either way for every metric, grouping and filter', async () => {
    await db.read(async (conn) => {
      for (const metric of BASE_METRICS) {
        for (const range of ranges) {
          for (const groupBy of groupings) {
            for (const dims of dimSets) {
              const q: ActualQuery = { metric, range, dims, scope: ALL, groupBy, dataEnd: '2025-03-14' };
              const viaRollup = await actuals(conn, q);
              const viaRaw = await actuals(conn, { ...q, raw: true });
              expect(Object.fromEntries(viaRollup), `${metric} ${groupBy} ${JSON.stringify(range)} ${JSON.stringify(dims)}`).toEqual(Object.fromEntries(viaRaw));
            }
          }
        }
      }
    });
  });

  it('runs several grouped queries in one statement as one query each would', async () => {
    await db.read(async (conn) => {
      const queries: ActualQuery[] = BASE_METRICS.flatMap((metric) =>
        groupings.flatMap((groupBy) => ranges.map((range) => ({ metric, range, dims: dimSets[1]!, scope: ALL, groupBy, dataEnd: '2025-03-14', raw: range.start === '2024-01-01' }))),
      );
      const one = [];
      for (const q of queries) one.push(Object.fromEntries(await actuals(conn, q)));
      expect((await actualsMany(conn, queries)).map((m) => Object.fromEntries(m))).toEqual(one);
      expect(one.some((m) => Object.keys(m).length > 1)).toBe(true);
    });
  });

  it('computes March by rep as worked out by hand', async () => {
    const march = { start: '2025-03-01', end: '2025-03-14' };
    const get = (metric: ActualQuery['metric'], scope = ALL) =>
      db.read(async (conn) => Object.fromEntries(await actuals(conn, { metric, range: march, dims: NO_DIMS, scope, groupBy: 'rep', dataEnd: '2025-03-14' })));
    // Alice 12000 + 2000.455 + 3000 − 1500; Bob 8000 + 2000 + 5000 + 1000; Carol 11000 + 5000.4 (O308 cancelled).
    expect(await get('revenue')).toEqual({ R1: 15500.455, R2: 16000, R3: 16000.4 });
    // Orders with revenue > 0: Alice O301, O302 (O303 is a return); Bob O304, O305, O306; Carol O307, O309.
    expect(await get('orders')).toEqual({ R1: 2, R2: 3, R3: 2 });
    // Purchasing customers: Alice C1, C2; Bob C6, C2 (O306 has no customer); Carol C4, C3.
    expect(await get('active_customers')).toEqual({ R1: 2, R2: 2, R3: 2 });
    expect(await get('new_customers')).toEqual({ R2: 1 });
    expect(await get('visits')).toEqual({ R1: 3, R2: 1, R3: 1 });
    expect(await get('revenue', { all: false, repIds: ['R1'], key: 'r1' })).toEqual({ R1: 15500.455 });
  });
});
