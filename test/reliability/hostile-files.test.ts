// Hostile and broken files: each is refused with one clear sentence (naming the file, and the row and
// column where there is one) and leaves every table exactly as it was; formula-like names import intact
// and leave the table export neutralised.
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile, type ImportReport } from '../../pipelines/import.ts';
import { refreshPrecomputedOn } from '../../pipelines/load/hooks.ts';
import { batchTempDir } from '../../pipelines/load/staging.ts';
import { openZip } from '../../pipelines/read/zip.ts';
import { rows } from '../../server/db/query.ts';
import { refreshCustomerStats } from '../../server/queries/purchase-stats.ts';
import { refreshRollups } from '../../server/queries/rollups.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createUser, loginAs } from '../helpers/auth.ts';
import { ORDER_HEADER, changedTables, ordersCsv, tableChecksums, writeFile, type TableSum } from './support.ts';
import { xlsxBomb } from './zip-bomb.ts';

let t: TestApp;
let unregister: () => void;
let baseline: Record<string, TableSum>;

beforeAll(async () => {
  t = await createTestApp();
  unregister = refreshPrecomputedOn([refreshRollups, refreshCustomerStats]);
  // Something to lose: two committed order lines.
  const seed = await importFile(t.db, { dataset: 'orders', file: writeFile(t.dir, 'seed.csv', ordersCsv([['S1', '2025-03-01', '100'], ['S2', '2025-03-02', '200']])) });
  expect(seed.status).toBe('committed');
  baseline = await tableChecksums(t.db);
});

afterAll(async () => {
  unregister?.();
  await t?.close();
});

/** Imports a file as orders; the only table it may touch is import_batches (one refused batch). */
async function refused(name: string, content: string | Buffer): Promise<ImportReport> {
  const batchesBefore = (await t.db.read((c) => rows<{ n: number }>(c, 'SELECT count(*)::INT AS n FROM import_batches')))[0]!;
  const report = await importFile(t.db, { dataset: 'orders', file: writeFile(t.dir, name, content) });
  expect(report.status, report.message).toBe('refused');
  const after = await tableChecksums(t.db);
  const changed = changedTables(baseline, after);
  // A refused file is recorded as a failed batch in the history, and nothing else changes.
  expect(changed.filter((n) => n !== 'import_batches')).toEqual([]);
  const batches = await t.db.read((c) => rows<{ n: number; failed: number }>(c, "SELECT count(*)::INT AS n, count(*) FILTER (status = 'failed')::INT AS failed FROM import_batches"));
  expect(batches[0]!.n - batchesBefore.n).toBeLessThanOrEqual(1);
  expect(batches[0]!.n - batches[0]!.failed).toBe(1);
  baseline = after;
  expect(report.message).toContain(name);
  // One sentence: no stack, no line breaks, not a wall of text.
  expect(report.message).not.toMatch(/\n|\bat .+:\d+:\d+/);
  expect(report.message!.length).toBeLessThan(400);
  // Its working folder is gone too.
  if (report.batchId) expect(fs.existsSync(batchTempDir(report.batchId))).toBe(false);
  return report;
}

describe('broken CSV files are refused and change nothing', () => {
  it('a 0-byte file', async () => {
    const r = await refused('empty.csv', '');
    expect(r.message).toBe('empty.csv is empty (0 bytes).');
  });

  it('a header row only', async () => {
    const r = await refused('header-only.csv', `${ORDER_HEADER}\n`);
    expect(r.message).toMatch(/header-only\.csv has a header row \(row 1\) but no data rows/);
    expect(r.errors[0]).toMatchObject({ row: 1 });
  });

  it('random bytes', async () => {
    // A fixed pseudo-random sequence, so the test is the same every run.
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
    const r = await refused('noise.csv', bytes);
    expect(r.message).toMatch(/noise\.csv holds binary data/);
  });

  it('a PNG image named .csv', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.from('IHDR'), Buffer.alloc(200, 7)]);
    const r = await refused('photo.csv', png);
    expect(r.message).toBe('photo.csv is a PNG image, not a CSV or Excel file.');
  });

  it('an unterminated quote, naming the row', async () => {
    const r = await refused('quote.csv', `${ORDER_HEADER}\nO1,1,2025-03-01,C1,R1,A,"直销,10,completed,CNY\nO2,1,2025-03-02,C1,R1,A,直销,10,completed,CNY\n`);
    expect(r.message).toMatch(/quote\.csv, row 2: a quoted value is never closed/);
    expect(r.errors[0]).toMatchObject({ row: 2 });
  });

  it('a duplicated header, naming both columns', async () => {
    const r = await refused('dup.csv', 'Order ID,Order ID,Order Date,Customer ID,Rep ID,Amount\nO1,O9,2025-03-01,C1,R1,10\nO2,O8,2025-03-02,C1,R1,10\n');
    expect(r.message).toMatch(/"Order ID" twice, in columns A and B/);
    expect(r.errors[0]).toMatchObject({ row: 1, column: 'Order ID' });
  });

  it('impossible dates (2025-02-30, 2025-02-29) above the error threshold, each named by row and column', async () => {
    const r = await refused('dates.csv', ordersCsv([['O1', '2025-02-30', '10'], ['O2', '2025-03-01', '10'], ['O3', '2025-02-29', '10']]));
    expect(r.message).toMatch(/2 of 3 rows .* the first is row 2, column Order Date/);
    expect(r.errors.map((e) => [e.row, e.column, e.value])).toEqual([
      [2, 'Order Date', '2025-02-30'],
      [4, 'Order Date', '2025-02-29'],
    ]);
  });

  it('non-numeric amounts above the error threshold', async () => {
    const r = await refused('amounts.csv', ordersCsv([['O1', '2025-03-01', 'abc'], ['O2', '2025-03-01', '10'], ['O3', '2025-03-01', '十元']]));
    expect(r.message).toMatch(/2 of 3 rows .* more than the 5% allowed; the first is row 2, column Amount/);
    expect(r.errors.map((e) => [e.row, e.column, e.value])).toEqual([
      [2, 'Amount', 'abc'],
      [4, 'Amount', '十元'],
    ]);
  });

  it('a 10 MB single field, naming the row, without quoting it back', async () => {
    const r = await refused('huge-field.csv', `${ORDER_HEADER}\nO1,1,2025-03-01,C1,R1,A,${'x'.repeat(10 * 1024 * 1024)},10,completed,CNY\n`);
    expect(r.message).toBe('huge-field.csv, line 2: the row is longer than 2 MB, far beyond any export row; the file is damaged or not a sales export.');
    expect(r.errors[0]).toMatchObject({ row: 2 });
  });
});

describe('broken and hostile workbooks are refused and change nothing', () => {
  it('a truncated XLSX', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('订单');
    ws.addRow(['Order ID', 'Line No', 'Order Date', 'Customer ID', 'Rep ID', 'Amount']);
    for (let i = 0; i < 500; i++) ws.addRow([`X${i}`, 1, new Date(Date.UTC(2025, 2, 1)), 'C1', 'R1', 10]);
    const whole = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await refused('cut.xlsx', whole.subarray(0, Math.floor(whole.length * 0.6)));
    expect(r.message).toMatch(/^cut\.xlsx could not be read as an Excel workbook .*save it again as \.xlsx\.$/);
  });

  it('a zip bomb with an honest directory is refused before anything is inflated', async () => {
    const started = Date.now();
    const r = await refused('bomb.xlsx', xlsxBomb(600));
    expect(r.message).toMatch(/^bomb\.xlsx was refused as a likely zip bomb: its part xl\/worksheets\/sheet1\.xml unpacks to more than \d+ MB/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('a zip bomb whose directory lies about its size is stopped by counting the inflated bytes', async () => {
    const rssBefore = process.memoryUsage().rss;
    const r = await refused('liar.xlsx', xlsxBomb(600, { lie: true }));
    expect(r.message).toMatch(/^liar\.xlsx was refused as a likely zip bomb: its part xl\/worksheets\/sheet1\.xml unpacks to more than (\d+) MB from \d+ KB packed/);
    // 600 MB declared as 1 KB: the cap is 100 × the ~610 KB packed part, so reading stops near 60 MB.
    const cap = Number(/more than (\d+) MB/.exec(r.message!)![1]);
    expect(cap).toBeGreaterThan(16);
    expect(cap).toBeLessThan(100);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(400 * 1024 * 1024);
  });

  it('a part read whole is held to the same cap', async () => {
    const file = writeFile(t.dir, 'liar-text.xlsx', xlsxBomb(200, { lie: true }));
    const zip = (await openZip(file, 'liar-text.xlsx'))!;
    await expect(zip.text('xl/worksheets/sheet1.xml')).rejects.toThrow(/liar-text\.xlsx was refused as a likely zip bomb/);
  });
});

describe('names that a spreadsheet would run as formulas', () => {
  const EVIL: Record<string, string> = {
    F1: '=HYPERLINK("http://evil.example","click")',
    F2: '+SUM(1,2)',
    F3: '-3+4',
    F4: '@cmd',
    F5: '=1+1',
  };

  it('import intact and come out of the customers CSV export with a leading quote', async () => {
    const csv = Papa.unparse({ fields: ['Customer ID', 'Customer Name', 'Tier'], data: Object.entries(EVIL).map(([id, name]) => [id, name, 'standard']) });
    const report = await importFile(t.db, { dataset: 'customers', file: writeFile(t.dir, 'evil-customers.csv', csv) });
    expect(report.status, report.message).toBe('committed');
    const stored = await t.db.read((c) => rows<{ customer_id: string; name: string }>(c, `SELECT customer_id, name FROM customers WHERE customer_id LIKE 'F%' ORDER BY 1`));
    expect(Object.fromEntries(stored.map((s) => [s.customer_id, s.name]))).toEqual(EVIL);

    await createUser(t.db, { username: 'exporter', role: 'admin' });
    const { headers } = await loginAs(t.app, 'exporter');
    const res = await t.app.inject({ method: 'GET', url: '/api/exports/table/customers?format=csv&lang=en', headers });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const parsed = Papa.parse<string[]>(res.body.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    const byId = new Map(parsed.slice(1).map((r) => [r[0]!, r[1]!]));
    for (const [id, name] of Object.entries(EVIL)) expect(byId.get(id)).toBe(`'${name}`);
  });
});

describe('an upload over the size cap', () => {
  it('is a 413 with a clear message, and the database keeps nothing of it', async () => {
    // 1 MB: the smallest cap ATTAIN_UPLOAD_MAX_MB takes, so the test stays small.
    const small = await createTestApp({ ATTAIN_UPLOAD_MAX_MB: '1' });
    try {
      await createUser(small.db, { username: 'uploader', role: 'admin' });
      const { headers } = await loginAs(small.app, 'uploader');
      const before = await tableChecksums(small.db);
      const body = ordersCsv(Array.from({ length: 30_000 }, (_, i) => [`U${i}`, '2025-03-01', '10'] as [string, string, string]));
      expect(body.length).toBeGreaterThan(1024 * 1024);
      const form = new FormData();
      form.append('dataset', 'orders');
      form.append('mode', 'append');
      form.append('file', new Blob([body]), 'big.csv');
      const encoded = new Response(form);
      const res = await small.app.inject({
        method: 'POST',
        url: '/api/imports',
        headers: { ...headers, 'content-type': encoded.headers.get('content-type')! },
        payload: Buffer.from(await encoded.arrayBuffer()),
      });
      expect(res.statusCode).toBe(413);
      expect(res.json()).toEqual({
        error: { code: 'file_too_large', message: 'The file is larger than the upload limit of 1 MB (ATTAIN_UPLOAD_MAX_MB); split it or import it with npm run ingest.' },
      });
      // Only sign-in bookkeeping moved: no batch, no rows.
      expect(changedTables(before, await tableChecksums(small.db)).filter((n) => !['sessions', 'audit_log'].includes(n))).toEqual([]);
    } finally {
      await small.close();
    }
  });
});
