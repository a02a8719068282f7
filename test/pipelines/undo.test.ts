// Undo restores the previous state exactly, and is refused when a later import built on the batch's
// rows or when the batch is already undone.
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database.ts';
import { undoImport } from '../../pipelines/load/undo.ts';
import { UndoRefused } from '../../pipelines/load/errors.ts';
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
const line = (id: string, no: number | null, date: string, rep: string, amount: number): Cell[] => [id, no, date, 'C1', rep, 2, 50, amount, null];

const base = orders([line('A1', 1, '2025-03-03', 'R1', 100), line('A1', 2, '2025-03-03', 'R1', 30), line('B1', 1, '2025-03-09', 'R2', 70), line('C1', 1, '2025-04-01', 'R1', 10)]);

describe('undo', () => {
  it('an upsert undone leaves every table exactly as before it', async () => {
    await importFixture(db, { dataset: 'orders' }, base);
    const before = await snapshot(db);
    const upsert = await importFixture(db, { dataset: 'orders', mode: 'upsert' }, orders([line('A1', 2, '2025-03-03', 'R1', 35), line('D1', 1, '2025-03-10', 'R3', 5)]));
    expect(upsert).toMatchObject({ rowsLoaded: 2, rowsReplaced: 1 });
    expect(await snapshot(db)).not.toEqual(before);
    const result = await undoImport(db, upsert.batchId, 'admin');
    expect(result).toEqual({ batchId: upsert.batchId, dataset: 'orders', rowsRemoved: 2, rowsRestored: 1 });
    expect(await snapshot(db)).toEqual(before);
    expect(await query(db, `SELECT status, undone_by FROM import_batches WHERE batch_id = '${upsert.batchId}'`)).toEqual([{ status: 'undone', undone_by: 'admin' }]);
  });

  it('a replace-period undone brings back the replaced month exactly', async () => {
    await importFixture(db, { dataset: 'orders' }, base);
    const before = await snapshot(db);
    const version = db.dataVersion;
    const replace = await importFixture(db, { dataset: 'orders', mode: 'replace-period' }, orders([line('N1', 1, '2025-03-15', 'R1', 999)]));
    expect(replace.rowsReplaced).toBe(2);
    await undoImport(db, replace.batchId, null);
    expect(await snapshot(db)).toEqual(before);
    expect(db.dataVersion).toBe(version + 2);
  });

  it('the first import undone leaves the tables empty', async () => {
    const first = await importFixture(db, { dataset: 'orders' }, base);
    await undoImport(db, first.batchId);
    expect(await query(db, 'SELECT count(*)::INT AS n FROM orders')).toEqual([{ n: 0 }]);
  });

  it('is refused, naming the later import, when that import replaced rows of this one', async () => {
    await importFixture(db, { dataset: 'orders' }, base);
    const first = await importFixture(db, { dataset: 'orders', mode: 'upsert', file: 'fix.csv' }, orders([line('A1', 1, '2025-03-03', 'R1', 101)]));
    const later = await importFixture(db, { dataset: 'orders', mode: 'upsert', file: 'fix-again.csv' }, orders([line('A1', 1, '2025-03-03', 'R1', 102)]));
    const before = await snapshot(db, { batches: true });
    const err = await undoImport(db, first.batchId).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UndoRefused);
    expect((err as UndoRefused).statusCode).toBe(409);
    expect((err as Error).message).toContain(later.batchId);
    expect((err as Error).message).toContain('fix-again.csv');
    expect(await snapshot(db, { batches: true })).toEqual(before);

    // Undoing the later one first makes the earlier one undoable, back to the base file's content.
    await undoImport(db, later.batchId);
    await undoImport(db, first.batchId);
    expect(await query(db, "SELECT amount::DOUBLE AS amount FROM orders WHERE order_id = 'A1' AND line_no = 1")).toEqual([{ amount: 100 }]);
  });

  it('is refused when a later import loaded rows over the keys it would restore', async () => {
    await importFixture(db, { dataset: 'orders' }, base);
    // Replaces R1's March lines (A1/1, A1/2) with N1 …
    const replace = await importFixture(db, { dataset: 'orders', mode: 'replace-period' }, orders([line('N1', 1, '2025-03-15', 'R1', 1)]));
    // … then an append brings A1/1 back under a later batch; restoring the archive would double it.
    const later = await importFixture(db, { dataset: 'orders', file: 'late.csv' }, orders([line('A1', 1, '2025-03-03', 'R1', 100)]));
    expect(later.rowsLoaded).toBe(1);
    await expect(undoImport(db, replace.batchId)).rejects.toThrow(later.batchId);
  });

  it('is refused clearly for a batch already undone and for an unknown batch', async () => {
    const first = await importFixture(db, { dataset: 'orders' }, base);
    await undoImport(db, first.batchId, 'admin');
    await expect(undoImport(db, first.batchId)).rejects.toThrow(/already undone by admin/);
    await expect(undoImport(db, 'b20250101_000000_abcdef')).rejects.toMatchObject({ statusCode: 404 });
  });

  it('undoes a roster upsert back to the previous rows', async () => {
    const cols = { rep_id: 'VARCHAR', name: 'VARCHAR', role: 'VARCHAR', team: 'VARCHAR' };
    await importFixture(db, { dataset: 'reps' }, { columns: cols, rows: [['R1', 'Li Lei', 'rep', 'East 1'], ['R2', 'Han Mei', 'supervisor', 'East 1']] });
    const before = await snapshot(db);
    const up = await importFixture(db, { dataset: 'reps', mode: 'upsert' }, { columns: cols, rows: [['R1', 'Li Lei', 'rep', 'East 2']] });
    expect(await query(db, "SELECT team FROM reps WHERE rep_id = 'R1'")).toEqual([{ team: 'East 2' }]);
    await undoImport(db, up.batchId);
    expect(await snapshot(db)).toEqual(before);
  });
});
