// Crash safety: an import interrupted mid-way (batch left running, staging table and temp folder
// left behind) is marked failed and cleaned at start, and the facts are untouched.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Database } from '../../server/db/database.ts';
import { insertRunningBatch } from '../../pipelines/load/batches.ts';
import { onFactsChanged } from '../../pipelines/load/hooks.ts';
import { batchTempDir, newBatchId } from '../../pipelines/load/staging.ts';
import { recoverInterruptedImports } from '../../pipelines/recover.ts';
import { openTempDb } from '../helpers/app.ts';
import { ORDER_COLUMNS, importFixture, query, snapshot } from './typed-stager.ts';

let db: Database;
let dir: string;
beforeEach(async () => ({ db, dir } = await openTempDb()));
afterEach(async () => {
  await db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('marks a batch left running as failed and removes its staging tables and temp folder', async () => {
  const done = await importFixture(db, { dataset: 'orders' }, { columns: ORDER_COLUMNS, rows: [['O1', 1, '2025-03-01', 'C1', 'R1', 1, 10, 10, null]] });
  const before = await snapshot(db);

  const id = newBatchId();
  const tmp = batchTempDir(id);
  fs.mkdirSync(tmp, { recursive: true });
  fs.writeFileSync(path.join(tmp, 'transcoded.csv'), 'a,b\n1,2\n');
  await db.write(async (conn) => {
    await insertRunningBatch(conn, { batchId: id, dataset: 'orders', mode: 'append', fileName: 'big.csv', sha256: 'x', user: null, isDemo: false });
    await conn.run(`CREATE TABLE stage_${id}_raw AS SELECT 1 AS __row, 'x' AS c1`);
  });
  // An orphan from an interrupted dry run: a stage table whose batch row is gone.
  const orphan = newBatchId();
  await db.write((conn) => conn.run(`CREATE TABLE stage_${orphan}_typed AS SELECT 1 AS __row`));

  const result = await recoverInterruptedImports(db);
  expect(result).toEqual({ failed: [id], tablesDropped: 2 });
  expect(await query(db, 'SELECT batch_id, status FROM import_batches ORDER BY seq')).toEqual([
    { batch_id: done.batchId, status: 'committed' },
    { batch_id: id, status: 'failed' },
  ]);
  expect(await query(db, "SELECT count(*)::INT AS n FROM duckdb_tables() WHERE table_name LIKE 'stage_%'")).toEqual([{ n: 0 }]);
  expect(fs.existsSync(tmp)).toBe(false);
  expect(await snapshot(db)).toEqual(before);
});

it('a failed merge leaves the facts untouched and the batch failed', async () => {
  await importFixture(db, { dataset: 'orders' }, { columns: ORDER_COLUMNS, rows: [['O1', 1, '2025-03-01', 'C1', 'R1', 1, 10, 10, null]] });
  const before = await snapshot(db);
  // A failure inside the merge transaction, after the new lines were inserted.
  const remove = onFactsChanged('failing', async () => {
    throw new Error('rollup refresh failed');
  });
  try {
    await expect(importFixture(db, { dataset: 'orders' }, { columns: ORDER_COLUMNS, rows: [['O2', 1, '2025-03-02', 'C1', 'R1', 1, 10, 10, null]] })).rejects.toThrow('rollup refresh failed');
  } finally {
    remove();
  }
  expect(await snapshot(db)).toEqual(before);
  expect(await query(db, 'SELECT status FROM import_batches ORDER BY seq')).toEqual([{ status: 'committed' }, { status: 'failed' }]);
  expect(await query(db, "SELECT count(*)::INT AS n FROM duckdb_tables() WHERE table_name LIKE 'stage_%'")).toEqual([{ n: 0 }]);
});
