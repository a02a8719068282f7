// importFile end to end on small files: names as ids through the header mapping, totals rows left
// out, the currency refusal, remembered mappings, progress reporting, and the sample company's
// English and Chinese (GB18030) exports loading to identical facts.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database.ts';
import { activeImports, importFile } from '../../pipelines/import.ts';
import { generateSample } from '../../sample-data/generate.ts';
import { openTempDb, tempDir } from '../helpers/app.ts';
import { query, snapshot } from './typed-stager.ts';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const fixture = (name: string) => path.join(FIXTURES, name);

let db: Database;
let dir: string;
beforeEach(async () => ({ db, dir } = await openTempDb()));
afterEach(async () => {
  await db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('small files', () => {
  it('resolves rep names through the roster, uses customer names as ids and leaves the totals row out', async () => {
    expect((await importFile(db, { dataset: 'reps', file: fixture('roster.csv') })).status).toBe('committed');
    const report = await importFile(db, { dataset: 'orders', file: fixture('orders-by-name.csv') });
    expect(report).toMatchObject({ status: 'committed', rowsRead: 4, rowsLoaded: 4, rowsRejected: 0, encoding: 'utf-8', headerRow: 1 });
    expect(report.mapping).toMatchObject({ order_id: '订单号', rep_id: '业务员', customer_name: '客户名称', amount: '价税合计' });
    expect(report.warnings.some((w) => w.row === 6 && /totals row/.test(w.message))).toBe(true);
    // 李雷 is E1; 王芳 names two people, so the name stays; E2 is an id; the empty customer stays empty.
    expect(await query(db, 'SELECT order_id, line_no, rep_id, customer_id, customer_name, amount::DOUBLE AS amount FROM orders ORDER BY order_id, amount')).toEqual([
      { order_id: 'A100', line_no: null, rep_id: 'E1', customer_id: '上海恒远贸易有限公司', customer_name: '上海恒远贸易有限公司', amount: 30 },
      { order_id: 'A100', line_no: null, rep_id: 'E1', customer_id: '上海恒远贸易有限公司', customer_name: '上海恒远贸易有限公司', amount: 100 },
      { order_id: 'A101', line_no: null, rep_id: '王芳', customer_id: '杭州诚创化工有限公司', customer_name: '杭州诚创化工有限公司', amount: 80 },
      { order_id: 'A102', line_no: null, rep_id: 'E2', customer_id: null, customer_name: null, amount: 30 },
    ]);
  });

  it('refuses a file in another currency and records the refusal without touching the facts', async () => {
    const before = await snapshot(db);
    const report = await importFile(db, { dataset: 'orders', file: fixture('orders-usd.csv') });
    expect(report.status).toBe('refused');
    expect(report.message).toBe(
      'The file orders-usd.csv has 1 line in USD (row 3, column Currency), but amounts must be in the reporting currency CNY: convert them first, since conversion is not supported.',
    );
    expect(await snapshot(db)).toEqual(before);
    expect(await query(db, 'SELECT status, file_name FROM import_batches')).toEqual([{ status: 'failed', file_name: 'orders-usd.csv' }]);
  });

  it('refuses a file without the required columns, naming them, and a missing file', async () => {
    const report = await importFile(db, { dataset: 'orders', file: fixture('orders-odd-headers.csv') });
    expect(report.status).toBe('refused');
    expect(report.message).toMatch(/^The file orders-odd-headers\.csv has no column for order_id, order_date, rep_id/);
    const missing = await importFile(db, { dataset: 'orders', file: fixture('nope.csv') });
    expect(missing).toMatchObject({ status: 'refused', message: 'The file nope.csv does not exist.' });
  });

  it('remembers a mapping that worked for the next file with the same headers', async () => {
    const mapping = { order_id: 'Ref', order_date: 'When', rep_id: 'Who', customer_id: 'Client', amount: 'Value' };
    const first = await importFile(db, { dataset: 'orders', file: fixture('orders-odd-headers.csv'), mapping });
    expect(first).toMatchObject({ status: 'committed', rowsLoaded: 2, mapping });
    const saved = await query<{ dataset: string; m: string }>(db, 'SELECT dataset, CAST(mapping AS VARCHAR) AS m FROM saved_mappings');
    expect(saved.map((s) => ({ dataset: s.dataset, mapping: JSON.parse(s.m) }))).toEqual([{ dataset: 'orders', mapping }]);
    const second = await importFile(db, { dataset: 'orders', file: fixture('orders-odd-headers-2.csv') });
    expect(second).toMatchObject({ status: 'committed', rowsLoaded: 1, mapping });
    expect(await query(db, 'SELECT order_id, amount::DOUBLE AS a FROM orders ORDER BY 1')).toEqual([
      { order_id: 'X1', a: 10 },
      { order_id: 'X2', a: 20 },
      { order_id: 'X3', a: 30 },
    ]);
  });

  it('reports progress and lists the import as active while it runs', async () => {
    const phases: string[] = [];
    let seenActive = 0;
    const report = await importFile(db, {
      dataset: 'reps',
      file: fixture('roster.csv'),
      onProgress: (p) => {
        phases.push(p.phase);
        seenActive = Math.max(seenActive, activeImports().filter((a) => a.file === 'roster.csv').length);
      },
    });
    expect(report.status).toBe('committed');
    expect(phases).toContain('reading');
    expect(phases).toContain('validating');
    expect(phases).toContain('merging');
    expect(seenActive).toBe(1);
    expect(activeImports()).toEqual([]);
  });
});

describe('the sample company', () => {
  it('loads the same facts from its English and its Chinese GB18030 exports', async () => {
    const sample = await tempDir('attain-sample-');
    const other = await openTempDb();
    try {
      await generateSample({ scale: 'tiny', out: sample });
      const datasets = ['reps', 'customers', 'products', 'targets', 'orders', 'visits'] as const;
      for (const dataset of datasets) {
        const en = await importFile(db, { dataset, file: path.join(sample, 'en', `${dataset}.csv`) });
        const zh = await importFile(other.db, { dataset, file: path.join(sample, 'zh', `${dataset}.csv`) });
        // Independent count: the CSV's lines below its header.
        const lines = fs.readFileSync(path.join(sample, 'en', `${dataset}.csv`), 'utf8').trimEnd().split('\n').length - 1;
        expect(en).toMatchObject({ status: 'committed', rowsLoaded: lines, rowsRejected: 0 });
        expect(zh).toMatchObject({ status: 'committed', rowsLoaded: lines, rowsRejected: 0, encoding: 'gb18030' });
      }
      const strip = (snap: Record<string, unknown[]>) =>
        Object.fromEntries(Object.entries(snap).map(([t, list]) => [t, list.map((r) => ({ ...(r as object), batch_id: null })).map((r) => JSON.stringify(r)).sort()]));
      expect(strip(await snapshot(other.db))).toEqual(strip(await snapshot(db)));

      // The rest of the month appends cleanly; importing it again is a no-op.
      const next = await importFile(db, { dataset: 'orders', file: path.join(sample, 'next', 'en', 'orders.csv') });
      expect(next).toMatchObject({ status: 'committed', rowsDuplicate: 0, rowsRejected: 0 });
      expect((await importFile(db, { dataset: 'orders', file: path.join(sample, 'next', 'en', 'orders.csv') })).status).toBe('no-op');
    } finally {
      await other.db.close();
      fs.rmSync(other.dir, { recursive: true, force: true });
      fs.rmSync(sample, { recursive: true, force: true });
    }
  });
});
