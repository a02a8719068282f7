// Merge modes against a real DuckDB: append skips stored and in-file duplicates, upsert replaces by
// key (whole orders when the file has no line numbers), replace-period replaces months × reps;
// identical re-imports are no-ops and dry runs change nothing.
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database.ts';
import { openTempDb } from '../helpers/app.ts';
import { ORDER_COLUMNS, importFixture, query, snapshot, type Cell } from './typed-stager.ts';

let db: Database;
let dir: string;
beforeEach(async () => ({ db, dir } = await openTempDb()));
afterEach(async () => {
  await db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const orders = (rows: Cell[][]) => ({ columns: ORDER_COLUMNS, rows });
const line = (id: string, no: number | null, date: string, rep: string, amount: number, customer = 'C1'): Cell[] => [
  id, no, date, customer, rep, null, null, amount, null,
];

describe('append', () => {
  it('skips lines already stored and repeated keys within the file, counting both as duplicates', async () => {
    const first = await importFixture(db, { dataset: 'orders' }, orders([line('O1', 1, '2025-03-01', 'R1', 100), line('O1', 2, '2025-03-01', 'R1', 50)]));
    expect(first.status).toBe('committed');
    expect(first.rowsLoaded).toBe(2);

    const second = await importFixture(
      db,
      { dataset: 'orders' },
      orders([
        line('O1', 2, '2025-03-01', 'R1', 999), // stored already
        line('O2', 1, '2025-03-02', 'R2', 70),
        line('O2', 1, '2025-03-02', 'R2', 71), // repeats the line above
      ]),
    );
    expect(second).toMatchObject({ status: 'committed', rowsRead: 3, rowsLoaded: 1, rowsDuplicate: 2, rowsReplaced: 0 });
    const stored = await query(db, 'SELECT order_id, line_no, CAST(amount AS DOUBLE) AS amount FROM orders ORDER BY ALL');
    expect(stored).toEqual([
      { order_id: 'O1', line_no: 1, amount: 100 },
      { order_id: 'O1', line_no: 2, amount: 50 },
      { order_id: 'O2', line_no: 1, amount: 70 },
    ]);
  });

  it('without line numbers skips a whole order already stored', async () => {
    await importFixture(db, { dataset: 'orders' }, orders([line('O1', null, '2025-03-01', 'R1', 10), line('O1', null, '2025-03-01', 'R1', 20)]));
    const report = await importFixture(
      db,
      { dataset: 'orders' },
      orders([line('O1', null, '2025-03-01', 'R1', 30), line('O2', null, '2025-03-05', 'R1', 40), line('O2', null, '2025-03-05', 'R1', 5)]),
    );
    expect(report).toMatchObject({ rowsLoaded: 2, rowsDuplicate: 1 });
    expect(await query(db, 'SELECT order_id, count(*)::INT AS n, sum(amount)::DOUBLE AS total FROM orders GROUP BY 1 ORDER BY 1')).toEqual([
      { order_id: 'O1', n: 2, total: 30 },
      { order_id: 'O2', n: 2, total: 45 },
    ]);
  });

  it('inserts lines in order_date order', async () => {
    await importFixture(db, { dataset: 'orders' }, orders([line('O3', 1, '2025-03-09', 'R1', 1), line('O1', 1, '2025-01-02', 'R1', 1), line('O2', 1, '2025-02-05', 'R1', 1)]));
    const inStorageOrder = await query(db, 'SELECT order_id FROM orders ORDER BY rowid');
    expect(inStorageOrder.map((r) => r.order_id)).toEqual(['O1', 'O2', 'O3']);
  });
});

describe('upsert', () => {
  it('replaces lines with the same key and archives what it replaced', async () => {
    const first = await importFixture(db, { dataset: 'orders' }, orders([line('O1', 1, '2025-03-01', 'R1', 100), line('O1', 2, '2025-03-01', 'R1', 50)]));
    const second = await importFixture(db, { dataset: 'orders', mode: 'upsert' }, orders([line('O1', 2, '2025-03-01', 'R1', 55), line('O9', 1, '2025-03-03', 'R1', 9)]));
    expect(second).toMatchObject({ rowsLoaded: 2, rowsReplaced: 1, rowsDuplicate: 0 });
    expect(await query(db, `SELECT order_id, line_no, amount::DOUBLE AS amount, batch_id = '${second.batchId}' AS newest FROM orders ORDER BY 1, 2`)).toEqual([
      { order_id: 'O1', line_no: 1, amount: 100, newest: false },
      { order_id: 'O1', line_no: 2, amount: 55, newest: true },
      { order_id: 'O9', line_no: 1, amount: 9, newest: true },
    ]);
    expect(await query(db, 'SELECT order_id, line_no, amount::DOUBLE AS amount, batch_id, replaced_by FROM orders_replaced')).toEqual([
      { order_id: 'O1', line_no: 2, amount: 50, batch_id: first.batchId, replaced_by: second.batchId },
    ]);
  });

  it('without line numbers replaces the whole order', async () => {
    await importFixture(db, { dataset: 'orders' }, orders([line('O1', null, '2025-03-01', 'R1', 10), line('O1', null, '2025-03-01', 'R1', 20), line('O1', null, '2025-03-01', 'R1', 30)]));
    const report = await importFixture(db, { dataset: 'orders', mode: 'upsert' }, orders([line('O1', null, '2025-03-01', 'R1', 99)]));
    expect(report).toMatchObject({ rowsLoaded: 1, rowsReplaced: 3 });
    expect(await query(db, 'SELECT order_id, amount::DOUBLE AS amount FROM orders')).toEqual([{ order_id: 'O1', amount: 99 }]);
  });

  it('with line numbers replaces a stored order that has none, and only lines of the same number otherwise', async () => {
    await importFixture(db, { dataset: 'orders' }, orders([line('O1', null, '2025-03-01', 'R1', 10), line('O1', null, '2025-03-01', 'R1', 20)]));
    await importFixture(db, { dataset: 'orders' }, orders([line('O2', 1, '2025-03-01', 'R1', 5), line('O2', 2, '2025-03-01', 'R1', 6)]));
    const report = await importFixture(db, { dataset: 'orders', mode: 'upsert' }, orders([line('O1', 1, '2025-03-01', 'R1', 99), line('O2', 2, '2025-03-01', 'R1', 7)]));
    // O1's two unnumbered lines and O2 line 2: three replaced; O2 line 1 stays.
    expect(report).toMatchObject({ rowsLoaded: 2, rowsReplaced: 3 });
    expect(await query(db, 'SELECT order_id, line_no, amount::DOUBLE AS amount FROM orders ORDER BY 1, 2')).toEqual([
      { order_id: 'O1', line_no: 1, amount: 99 },
      { order_id: 'O2', line_no: 1, amount: 5 },
      { order_id: 'O2', line_no: 2, amount: 7 },
    ]);
  });

  it('updates a customer by its key', async () => {
    const cols = { customer_id: 'VARCHAR', name: 'VARCHAR', tier: 'VARCHAR' };
    await importFixture(db, { dataset: 'customers' }, { columns: cols, rows: [['C1', 'Alpha', 'standard'], ['C2', 'Beta', null]] });
    const r = await importFixture(db, { dataset: 'customers', mode: 'upsert' }, { columns: cols, rows: [['C1', 'Alpha Ltd', 'key']] });
    expect(r).toMatchObject({ rowsLoaded: 1, rowsReplaced: 1 });
    expect(await query(db, 'SELECT customer_id, name, tier FROM customers ORDER BY 1')).toEqual([
      { customer_id: 'C1', name: 'Alpha Ltd', tier: 'key' },
      { customer_id: 'C2', name: 'Beta', tier: null },
    ]);
  });
});

describe('replace-period', () => {
  const stored = orders([
    line('A1', 1, '2025-03-03', 'R1', 10),
    line('A2', 1, '2025-03-20', 'R1', 20),
    line('B1', 1, '2025-03-04', 'R2', 30), // another rep: kept
    line('A3', 1, '2025-04-02', 'R1', 40), // another month: kept
  ]);
  const incoming = orders([line('N1', 1, '2025-03-05', 'R1', 11), line('A2', 1, '2025-03-21', 'R1', 21)]);

  it('dry run says which months, reps and how many rows it would replace, and changes nothing', async () => {
    await importFixture(db, { dataset: 'orders' }, stored);
    const before = await snapshot(db, { batches: true });
    const dry = await importFixture(db, { dataset: 'orders', mode: 'replace-period', dryRun: true }, incoming);
    expect(dry).toMatchObject({ status: 'dry-run', rowsLoaded: 2, rowsReplaced: 2, replaced: { periods: ['2025-03'], reps: ['R1'], rows: 2 } });
    expect(await snapshot(db, { batches: true })).toEqual(before);
  });

  it("replaces the file's months for the file's reps only", async () => {
    await importFixture(db, { dataset: 'orders' }, stored);
    const report = await importFixture(db, { dataset: 'orders', mode: 'replace-period' }, incoming);
    expect(report).toMatchObject({ status: 'committed', rowsLoaded: 2, rowsReplaced: 2 });
    expect(await query(db, 'SELECT order_id, order_date::VARCHAR AS d, rep_id FROM orders ORDER BY 1')).toEqual([
      { order_id: 'A2', d: '2025-03-21', rep_id: 'R1' },
      { order_id: 'A3', d: '2025-04-02', rep_id: 'R1' },
      { order_id: 'B1', d: '2025-03-04', rep_id: 'R2' },
      { order_id: 'N1', d: '2025-03-05', rep_id: 'R1' },
    ]);
    expect(await query(db, 'SELECT order_id FROM orders_replaced ORDER BY 1')).toEqual([{ order_id: 'A1' }, { order_id: 'A2' }]);
  });

  it('replaces targets of the same periods and scopes', async () => {
    const cols = { period: 'VARCHAR', rep_id: 'VARCHAR', team: 'VARCHAR', metric: 'VARCHAR', target_value: 'DECIMAL(18,4)' };
    await importFixture(db, { dataset: 'targets' }, {
      columns: cols,
      rows: [['2025-03', 'R1', null, 'revenue', 100], ['2025-03', 'R1', null, 'visits', 10], ['2025-04', 'R1', null, 'revenue', 120], ['2025-03', 'R2', null, 'revenue', 90]],
    });
    const r = await importFixture(db, { dataset: 'targets', mode: 'replace-period' }, { columns: cols, rows: [['2025-03', 'R1', null, 'revenue', 150]] });
    expect(r).toMatchObject({ rowsLoaded: 1, rowsReplaced: 2, replaced: { periods: ['2025-03'], reps: ['rep:R1'] } });
    expect(await query(db, 'SELECT period, scope_id, metric, target_value::DOUBLE AS v FROM targets ORDER BY ALL')).toEqual([
      { period: '2025-03', scope_id: 'R1', metric: 'revenue', v: 150 },
      { period: '2025-03', scope_id: 'R2', metric: 'revenue', v: 90 },
      { period: '2025-04', scope_id: 'R1', metric: 'revenue', v: 120 },
    ]);
  });
});

describe('idempotency and dry runs', () => {
  it('an identical file imported again the same way is a no-op naming the first batch', async () => {
    const fx = orders([line('O1', 1, '2025-03-01', 'R1', 100)]);
    const first = await importFixture(db, { dataset: 'orders' }, fx);
    const before = await snapshot(db, { batches: true });
    const again = await importFixture(db, { dataset: 'orders' }, fx);
    expect(again).toMatchObject({ status: 'no-op', batchId: first.batchId, rowsLoaded: 0 });
    expect(again.message).toContain(first.batchId);
    expect(await snapshot(db, { batches: true })).toEqual(before);
  });

  it('a dry run of an append leaves every table, the batch list and the data version as they were', async () => {
    await importFixture(db, { dataset: 'orders' }, orders([line('O1', 1, '2025-03-01', 'R1', 100)]));
    const before = await snapshot(db, { batches: true });
    const version = db.dataVersion;
    const dry = await importFixture(db, { dataset: 'orders', dryRun: true }, orders([line('O1', 1, '2025-03-01', 'R1', 1), line('O2', 1, '2025-03-02', 'R1', 2)]));
    expect(dry).toMatchObject({ status: 'dry-run', rowsLoaded: 1, rowsDuplicate: 1 });
    expect(await snapshot(db, { batches: true })).toEqual(before);
    expect(db.dataVersion).toBe(version);
    expect(await query(db, "SELECT count(*)::INT AS n FROM duckdb_tables() WHERE table_name LIKE 'stage_%'")).toEqual([{ n: 0 }]);
  });
});
