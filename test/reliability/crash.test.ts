// Crash safety: an import killed with SIGKILL while reading, while staging, just before and inside its merge
// transaction, and an undo killed inside its transaction. After a restart (Database.open and
// recoverInterruptedImports) every table is exactly as before, except that the import's batch shows as
// failed; its temp folder is gone; and the same import (or undo) then succeeds.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFile, undoImport } from '../../pipelines/import.ts';
import { refreshPrecomputedOn } from '../../pipelines/load/hooks.ts';
import { batchTempDir } from '../../pipelines/load/staging.ts';
import { recoverInterruptedImports } from '../../pipelines/recover.ts';
import { Database } from '../../server/db/database.ts';
import { rows } from '../../server/db/query.ts';
import { refreshCustomerStats } from '../../server/queries/purchase-stats.ts';
import { refreshRollups } from '../../server/queries/rollups.ts';
import { tempDir } from '../helpers/app.ts';
import { ROOT } from './processes.ts';
import { changedTables, ordersCsv, storedOrders, tableChecksums, writeFile, type Line } from './support.ts';

const CHILD = path.join(import.meta.dirname, 'import-child.ts');

let dir: string;
let dbFile: string;
let unregister: () => void;

beforeEach(async () => {
  dir = await tempDir('attain-crash-');
  dbFile = path.join(dir, 'attain.duckdb');
  unregister = refreshPrecomputedOn([refreshRollups, refreshCustomerStats]);
});
afterEach(async () => {
  unregister();
  await fs.promises.rm(dir, { recursive: true, force: true });
});

/** March 2025 as first loaded: three lines of rep R1. */
const FIRST: Line[] = [
  ['A1', '2025-03-03', '100'],
  ['A2', '2025-03-04', '200'],
  ['A3', '2025-03-05', '300'],
];
/** The file the killed import reads: a new March for R1 (replaces A1–A3 in replace-period mode) plus April. */
const SECOND: Line[] = [
  ['B1', '2025-03-10', '1000'],
  ['B2', '2025-03-11', '2000'],
  ['B3', '2025-04-01', '4000'],
];

async function withDb<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await Database.open(dbFile, { readers: 1, threads: 2 });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

/**
 * Runs the child until it reports reaching `point`, calls onPaused while it is frozen there, then SIGKILLs it;
 * answers the batch it was working on.
 */
function killAt(point: string, env: Record<string, string>, onPaused: (batchId: string) => void = () => undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      cwd: ROOT,
      env: { ...process.env, ATTAIN_DB: dbFile, ATTAIN_PAUSE_AT: point, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let batchId: string | null = null;
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const paused = /PAUSED (\S+) (\S*)\n/.exec(out);
      if (paused && batchId === null) {
        batchId = paused[2]!;
        onPaused(batchId);
        child.kill('SIGKILL');
      }
    });
    child.on('exit', (code, signal) => {
      if (batchId !== null && signal === 'SIGKILL') resolve(batchId);
      else reject(new Error(`The child did not pause at ${point} (exit ${code}, ${signal}):\n${out}\n${err}`));
    });
  });
}

/** What a killed import must leave: every table as before but import_batches, which gains its batch as failed. */
async function expectRecovered(before: Awaited<ReturnType<typeof tableChecksums>>, batchId: string): Promise<void> {
  await withDb(async (db) => {
    const recovered = await recoverInterruptedImports(db);
    expect(recovered.failed).toEqual([batchId]);
    const after = await tableChecksums(db);
    expect(changedTables(before, after)).toEqual(['import_batches']);
    const batches = await db.read((c) => rows(c, 'SELECT batch_id, status FROM import_batches ORDER BY created_at, batch_id'));
    expect(batches).toContainEqual({ batch_id: batchId, status: 'failed' });
    expect(batches.filter((b) => b.status === 'running')).toEqual([]);
    expect(await db.read((c) => rows(c, "SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'stage_%'"))).toEqual([]);
  });
  expect(fs.existsSync(batchTempDir(batchId))).toBe(false);
}

async function importFirst(db: Database): Promise<void> {
  const first = await importFile(db, { dataset: 'orders', file: writeFile(dir, 'first.csv', ordersCsv(FIRST)) });
  expect(first.status).toBe('committed');
}

async function seed(): Promise<Awaited<ReturnType<typeof tableChecksums>>> {
  return withDb(async (db) => {
    await importFirst(db);
    return tableChecksums(db);
  });
}

/** The facts after the retried import, worked out by hand from FIRST, SECOND and the mode. */
const afterReplace = [
  { order_id: 'B1', order_date: '2025-03-10', amount: 1000 },
  { order_id: 'B2', order_date: '2025-03-11', amount: 2000 },
  { order_id: 'B3', order_date: '2025-04-01', amount: 4000 },
];

describe('an import killed with SIGKILL', () => {
  it('while reading (a GB18030 file, its UTF-8 copy on disk): nothing changes, the temp copy is removed, the retry succeeds', async () => {
    const before = await seed();
    const file = writeFile(dir, 'second-gbk.csv', iconv.encode(ordersCsv(SECOND), 'gb18030'));
    let tempFiles: string[] = [];
    const batchId = await killAt('reading-rows', { CHILD_FILE: file, CHILD_MODE: 'replace-period' }, (id) => {
      tempFiles = fs.existsSync(batchTempDir(id)) ? fs.readdirSync(batchTempDir(id)) : [];
    });
    // The transcoded copy was there when the process died.
    expect(tempFiles.length).toBeGreaterThan(0);
    await expectRecovered(before, batchId);

    await withDb(async (db) => {
      const retry = await importFile(db, { dataset: 'orders', file, mode: 'replace-period' });
      expect(retry.status, retry.message).toBe('committed');
      expect(retry.encoding).toBe('gb18030');
      expect(await storedOrders(db)).toEqual(afterReplace);
    });
  });

  for (const point of ['typing', 'merging', 'in-merge'] as const) {
    const when = { typing: 'while staging (typing values)', merging: 'just before the merge transaction', 'in-merge': 'inside the merge transaction, rows written but not committed' }[point];
    it(`${when}: every table as before, the batch failed, the retry succeeds`, async () => {
      const before = await seed();
      const file = writeFile(dir, 'second.csv', ordersCsv(SECOND));
      const batchId = await killAt(point, { CHILD_FILE: file, CHILD_MODE: 'replace-period' });
      await expectRecovered(before, batchId);

      await withDb(async (db) => {
        const retry = await importFile(db, { dataset: 'orders', file, mode: 'replace-period' });
        expect(retry.status, retry.message).toBe('committed');
        expect(retry.rowsReplaced).toBe(3);
        expect(await storedOrders(db)).toEqual(afterReplace);
        // The rollup agrees with the facts: March 3000, April 4000.
        expect(
          await db.read((c) => rows(c, `SELECT strftime(month, '%Y-%m') AS m, CAST(sum(revenue) AS DOUBLE) AS r FROM rollup_sales_month GROUP BY ALL ORDER BY 1`)),
        ).toEqual([
          { m: '2025-03', r: 3000 },
          { m: '2025-04', r: 4000 },
        ]);
      });
    });
  }
});

describe('an undo killed with SIGKILL inside its transaction', () => {
  it('leaves every table as before the undo; the undo then succeeds and restores the replaced rows', async () => {
    const { second, before } = await withDb(async (db) => {
      await importFirst(db);
      const report = await importFile(db, { dataset: 'orders', file: writeFile(dir, 'second.csv', ordersCsv(SECOND)), mode: 'replace-period' });
      return { second: report, before: await tableChecksums(db) };
    });
    expect(second.status).toBe('committed');

    expect(await killAt('in-undo', { CHILD_ACTION: 'undo', CHILD_BATCH: second.batchId })).toBe(second.batchId);

    await withDb(async (db) => {
      const recovered = await recoverInterruptedImports(db);
      expect(recovered.failed).toEqual([]);
      expect(changedTables(before, await tableChecksums(db))).toEqual([]);
      const undone = await undoImport(db, second.batchId, 'tester');
      expect(undone).toMatchObject({ rowsRemoved: 3, rowsRestored: 3 });
      expect(await storedOrders(db)).toEqual([
        { order_id: 'A1', order_date: '2025-03-03', amount: 100 },
        { order_id: 'A2', order_date: '2025-03-04', amount: 200 },
        { order_id: 'A3', order_date: '2025-03-05', amount: 300 },
      ]);
    });
  });
});
