import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database, DuckDBConnection } from '../db/database.ts';
import { rows, run } from '../db/query.ts';
import { openTempDb } from '../../test/helpers/app.ts';
import { loadKpiFixture, T1, T2 } from '../../test/fixtures/kpi-fixture.ts';
import { refreshRollups } from './rollups.ts';

const TABLES = ['rollup_sales_month', 'rollup_orders_month', 'rollup_customer_rep_month', 'rollup_first_purchase', 'rollup_visits_day'];

async function dump(conn: DuckDBConnection, table: string): Promise<string[]> {
  const found = await rows(conn, `SELECT * FROM ${table}`);
  return found.map((r) => JSON.stringify(r)).sort();
}

describe('refreshRollups', () => {
  let db: Database;
  let dir: string;
  beforeEach(async () => {
    ({ db, dir } = await openTempDb());
    await loadKpiFixture(db);
  });
  afterEach(async () => {
    await db.close();
    await fs.promises.rm(dir, { recursive: true, force: true });
  });

  it("records each customer's first purchase and its rep", async () => {
    const found = await db.read((c) => rows(c, 'SELECT customer_id, CAST(first_date AS VARCHAR) AS d, rep_id, order_id FROM rollup_first_purchase ORDER BY customer_id'));
    expect(found).toEqual([
      { customer_id: 'C1', d: '2024-03-15', rep_id: 'R1', order_id: 'O401' },
      { customer_id: 'C2', d: '2024-12-10', rep_id: 'R1', order_id: 'O403' },
      { customer_id: 'C3', d: '2024-03-20', rep_id: 'R3', order_id: 'O402' },
      { customer_id: 'C4', d: '2025-02-18', rep_id: 'R3', order_id: 'O204' },
      { customer_id: 'C5', d: '2025-01-15', rep_id: 'R2', order_id: 'O102' },
      { customer_id: 'C6', d: '2025-03-04', rep_id: 'R2', order_id: 'O304' },
    ]);
  });

  it('refreshing only the changed months leaves the same tables as a full rebuild', async () => {
    await db.transaction(async (c) => {
      // C6 now first buys in February (from Carol); O305 disappears; a new customer C7 in March.
      await run(c, `INSERT INTO orders (order_id, line_no, order_date, customer_id, rep_id, category, channel, amount, status, batch_id)
                    VALUES ('O206', 1, DATE '2025-02-26', 'C6', 'R3', 'A', '直销', 700, 'completed', 'b2'),
                           ('O310', 1, DATE '2025-03-13', 'C7', 'R1', 'B', '电商', 300, 'completed', 'b2')`);
      await run(c, "DELETE FROM orders WHERE order_id = 'O305'");
      await run(c, `INSERT INTO visits (visit_id, visit_at, rep_id, customer_id, type, batch_id) VALUES ('V9', TIMESTAMP '2025-02-27 10:00', 'R3', 'C6', 'demo', 'b2')`);
      await refreshRollups(c, { months: ['2025-03', '2025-02'] });
    });
    const dumpAll = (c: DuckDBConnection) => TABLES.reduce(async (acc, t) => [...(await acc), await dump(c, t)], Promise.resolve([] as string[][]));
    const incremental = await db.read(dumpAll);
    await db.transaction((c) => refreshRollups(c));
    const full = await db.read(dumpAll);
    expect(incremental).toEqual(full);
    const c6 = await db.read((c) => rows(c, "SELECT CAST(first_date AS VARCHAR) AS d, rep_id FROM rollup_first_purchase WHERE customer_id = 'C6'"));
    expect(c6).toEqual([{ d: '2025-02-26', rep_id: 'R3' }]);
  });

  it("takes a fact's team from the roster row valid at its date, else from the fact", async () => {
    await db.transaction(async (c) => {
      // Bob moves to T2 from 2025-03-10; R9 is not on the roster and brings its own team.
      await run(c, `INSERT INTO reps (rep_id, valid_from, name, role, team, region, batch_id) VALUES ('R2', DATE '2025-03-10', 'Bob', 'rep', '${T2}', '华北', 'b3')`);
      await run(c, `INSERT INTO orders (order_id, line_no, order_date, customer_id, rep_id, amount, status, team, region, batch_id)
                    VALUES ('O311', 1, DATE '2025-03-12', 'C1', 'R9', 50, 'completed', '${T2}', '华北', 'b3')`);
      await refreshRollups(c);
    });
    const found = await db.read((c) =>
      rows(c, "SELECT rep_id, team, CAST(sum(revenue) AS DOUBLE) AS revenue FROM rollup_sales_month WHERE month = DATE '2025-03-01' AND rep_id IN ('R2', 'R9') GROUP BY ALL ORDER BY ALL"),
    );
    // Bob: O304 (03-04, 8000 + 2000) in T1; O305 (03-11, 5000) and O306 (03-12, 1000) in T2.
    expect(found).toEqual([
      { rep_id: 'R2', team: T1, revenue: 10000 },
      { rep_id: 'R2', team: T2, revenue: 6000 },
      { rep_id: 'R9', team: T2, revenue: 50 },
    ]);
  });

  it('refuses months that are not YYYY-MM', async () => {
    await expect(db.write((c) => refreshRollups(c, { months: ['2025-3'] }))).rejects.toThrow(/YYYY-MM/);
  });
});
