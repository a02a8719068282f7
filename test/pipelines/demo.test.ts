// The demo loader fills an empty database from the sample company's English exports, marks it as
// demo, does nothing once facts exist, and the removal takes every demo fact and batch away at once.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../server/db/database.ts';
import { hasFacts, isDemoLoaded, loadDemoIfEmpty, removeDemoData } from '../../pipelines/demo.ts';
import { importFile } from '../../pipelines/import.ts';
import { generateSample } from '../../sample-data/generate.ts';
import { openTempDb, tempDir } from '../helpers/app.ts';
import { query } from './typed-stager.ts';

let db: Database;
let dir: string;
let sample: string;
beforeAll(async () => {
  ({ db, dir } = await openTempDb());
  sample = await tempDir('attain-sample-');
  await generateSample({ scale: 'tiny', out: sample });
});
afterAll(async () => {
  await db.close();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(sample, { recursive: true, force: true });
});

const lines = (dataset: string) => fs.readFileSync(path.join(sample, 'en', `${dataset}.csv`), 'utf8').trimEnd().split('\n').length - 1;

it('loads the six datasets in order into an empty database and marks it as demo', async () => {
  const log: string[] = [];
  const result = await loadDemoIfEmpty(db, { sampleDir: sample, log: (l) => log.push(l) });
  expect(result.loaded).toBe(true);
  expect(result.reports.map((r) => r.dataset)).toEqual(['reps', 'customers', 'products', 'targets', 'orders', 'visits']);
  for (const t of ['reps', 'customers', 'products', 'targets', 'orders', 'visits']) {
    expect(await query(db, `SELECT count(*)::INT AS n FROM ${t}`)).toEqual([{ n: lines(t) }]);
  }
  expect(await query(db, 'SELECT count(*)::INT AS n, bool_and(is_demo) AS demo FROM import_batches')).toEqual([{ n: 6, demo: true }]);
  expect(await isDemoLoaded(db)).toBe(true);
  expect(log).toHaveLength(6);

  expect((await loadDemoIfEmpty(db, { sampleDir: sample })).loaded).toBe(false);
});

it('removes every demo fact and batch in one go, keeping real imports', async () => {
  const real = await importFile(db, { dataset: 'orders', file: path.join(sample, 'next', 'en', 'orders.csv') });
  expect(real.status).toBe('committed');
  const version = db.dataVersion;
  const removed = await removeDemoData(db);
  expect(removed.batches).toBe(6);
  expect(removed.rows).toBe(['reps', 'customers', 'products', 'targets', 'orders', 'visits'].reduce((s, t) => s + lines(t), 0));
  expect(db.dataVersion).toBe(version + 1);
  expect(await isDemoLoaded(db)).toBe(false);
  expect(await query(db, 'SELECT batch_id FROM import_batches')).toEqual([{ batch_id: real.batchId }]);
  expect(await query(db, `SELECT count(*)::INT AS n FROM orders WHERE batch_id <> '${real.batchId}'`)).toEqual([{ n: 0 }]);
  expect(await hasFacts(db)).toBe(true);
});
