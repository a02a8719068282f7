// The import routes against a real DuckDB: preview (UTF-8 and GB18030 with a title row), import,
// dry run, no-op, rejected rows and refusal, the upload cap, file names, undo, roles and CSRF.
import fs from 'node:fs';
import iconv from 'iconv-lite';
import type { FastifyInstance } from 'fastify';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestRemote } from '../../pipelines/cli/remote.ts';
import { onFactsChanged } from '../../pipelines/import.ts';
import type { Database } from '../../server/db/database.ts';
import { ident, one, rows } from '../../server/db/query.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { bearer, createUser, loginAs, type LoggedIn } from '../helpers/auth.ts';

// ---- fixtures: a roster, then order lines --------------------------------------------------------

const REPS_CSV = [
  'Rep ID,Name,Role,Team,Region,Manager ID,Email,Hire Date',
  'M1,王经理,manager,华东一组,华东,,m1@example.cn,2020-01-06',
  'R1,张三,rep,华东一组,华东,M1,r1@example.cn,2021-03-01',
  'R2,李四,rep,华东一组,华东,M1,r2@example.cn,2022-05-09',
].join('\n');

const ORDER_HEADER = 'Order ID,Line No,Order Date,Customer ID,Rep ID,Quantity,Unit Price,Discount,Amount,Status';
const ORDER_LINES = [
  'O1,1,2025-03-03,C1,R1,2,100,0,200.00,completed',
  'O1,2,2025-03-03,C1,R1,1,50.5,0.1,45.45,completed',
  'O2,1,2025-03-10,C2,R2,3,100,0,300.00,completed',
  'O3,1,2025-04-02,C1,R1,1,100,0,100.00,completed',
];
const ORDERS_CSV = [ORDER_HEADER, ...ORDER_LINES].join('\n') + '\n';

/** The Amount column summed straight from the CSV text. */
function fileTotal(csv: string): number {
  const [header, ...lines] = csv.trim().split('\n');
  const at = header!.split(',').indexOf('Amount');
  return lines.reduce((sum, line) => sum + Number(line.split(',')[at]), 0);
}

/** n good order lines O100.. in May 2025, amount 10 each. */
function goodLines(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `O${100 + i},1,2025-05-${String((i % 28) + 1).padStart(2, '0')},C1,R1,1,10,0,10.00,completed`);
}

// ---- multipart bodies built with Node's own FormData ---------------------------------------------

type Part = { name: string; value: string } | { name: string; file: string | Uint8Array; fileName: string };

async function multipart(parts: Part[]): Promise<{ payload: Buffer; contentType: string }> {
  const form = new FormData();
  for (const p of parts) {
    if ('file' in p) form.append(p.name, new Blob([p.file]), p.fileName);
    else form.append(p.name, p.value);
  }
  const res = new Response(form);
  return { payload: Buffer.from(await res.arrayBuffer()), contentType: res.headers.get('content-type')! };
}

async function post(app: FastifyInstance, url: string, parts: Part[], headers: Record<string, string>) {
  const body = await multipart(parts);
  return app.inject({ method: 'POST', url, payload: body.payload, headers: { ...headers, 'content-type': body.contentType } });
}

const fields = (values: Record<string, string>): Part[] => Object.entries(values).map(([name, value]) => ({ name, value }));
const file = (content: string | Uint8Array, fileName = 'orders.csv'): Part => ({ name: 'file', file: content, fileName });

function importCsv(app: FastifyInstance, headers: Record<string, string>, dataset: string, csv: string, opts: Record<string, string> = {}, query = '') {
  return post(app, `/api/imports${query}`, [...fields({ dataset, mode: 'append', ...opts }), file(csv, `${dataset}.csv`)], headers);
}

// ---- the database, read independently of the routes ----------------------------------------------

const TABLES = ['reps', 'customers', 'products', 'orders', 'visits', 'targets', 'orders_replaced', 'reps_replaced', 'import_batches', 'saved_mappings'];

/** Every row of every fact table (and the batch and mapping tables) as text, sorted: equal means unchanged. */
async function checksum(db: Database): Promise<Record<string, { n: number; digest: string }>> {
  return db.read(async (conn) => {
    const out: Record<string, { n: number; digest: string }> = {};
    for (const t of TABLES) {
      const row = await one<{ n: number; digest: string }>(
        conn,
        `SELECT count(*)::INTEGER AS n, md5(coalesce(string_agg(CAST(t AS VARCHAR), chr(10) ORDER BY CAST(t AS VARCHAR)), '')) AS digest FROM ${ident(t)} t`,
      );
      out[t] = row!;
    }
    return out;
  });
}

const ordersTotal = (db: Database) =>
  db.read(async (conn) => (await one<{ total: number }>(conn, 'SELECT coalesce(sum(amount), 0)::DOUBLE AS total FROM orders'))!.total);

// ---------------------------------------------------------------------------------------------------

describe('upload checks and preview', () => {
  let t: TestApp;
  let admin: LoggedIn;
  beforeAll(async () => {
    // A 1 MB cap (the smallest ATTAIN_UPLOAD_MAX_MB takes) so the 413 test stays small.
    t = await createTestApp({ ATTAIN_UPLOAD_MAX_MB: '1' });
    await createUser(t.db, { username: 'admin', role: 'admin' });
    admin = await loginAs(t.app, 'admin');
  });
  afterAll(async () => t.close());

  it('previews a UTF-8 English CSV: encoding, header row, headers, rows and the proposed mapping', async () => {
    const res = await post(t.app, '/api/imports/preview', [file(ORDERS_CSV)], admin.headers);
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p).toMatchObject({ fileName: 'orders.csv', kind: 'csv', guessedDataset: 'orders', dataset: 'orders', delimiter: ',', headerRow: 1, sheet: null });
    expect(p).toMatchObject({ encoding: 'utf-8', encodingConfidence: 1 });
    expect(p.headers).toEqual(ORDER_HEADER.split(','));
    expect(p.rows).toEqual(ORDER_LINES.map((l) => l.split(',')));
    expect(p.mapping).toMatchObject({
      columns: {
        order_id: 'Order ID',
        line_no: 'Line No',
        order_date: 'Order Date',
        customer_id: 'Customer ID',
        rep_id: 'Rep ID',
        quantity: 'Quantity',
        unit_price: 'Unit Price',
        discount: 'Discount',
        amount: 'Amount',
        status: 'Status',
      },
      missingRequired: [],
      remembered: false,
    });
    const required = p.columns.filter((c: { required: boolean }) => c.required).map((c: { name: string }) => c.name);
    expect(required.sort()).toEqual(['order_date', 'order_id', 'rep_id']);
  });

  it('previews a GB18030 Chinese CSV whose first row is a title: the header row below it and the Chinese headers', async () => {
    const headers = ['订单号', '行号', '订单日期', '客户编号', '业务员编号', '数量', '单价', '折扣', '价税合计', '状态'];
    const text = [
      '订单明细 2025-03-01 至 2025-03-31,,,,,,,,,',
      headers.join(','),
      'O1,1,2025/3/3,C1,R1,2,100,,200,已完成',
      'O1,2,2025/3/3,C1,R1,1,50.5,9折,45.45,已完成',
      'O2,1,2025/3/10,C2,R2,3,100,,300,已完成',
    ].join('\r\n');
    const bytes = iconv.encode(text, 'gb18030');
    // The bytes really are GB18030, not UTF-8.
    expect(bytes.toString('utf8')).not.toContain('订单号');
    const res = await post(t.app, '/api/imports/preview', [file(bytes, '订单明细.csv')], admin.headers);
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p.fileName).toBe('订单明细.csv');
    expect(p.encoding).toBe('gb18030');
    expect(p.headerRow).toBe(2);
    expect(p.headers).toEqual(headers);
    expect(p.rows[1]).toEqual(['O1', '2', '2025/3/3', 'C1', 'R1', '1', '50.5', '9折', '45.45', '已完成']);
    expect(p.guessedDataset).toBe('orders');
    expect(p.mapping.columns).toMatchObject({ order_id: '订单号', order_date: '订单日期', rep_id: '业务员编号', amount: '价税合计', discount: '折扣', status: '状态' });
    expect(p.mapping.missingRequired).toEqual([]);
  });

  it('takes the dataset and reading options as fields, before or after the file', async () => {
    const withTitle = 'Order lines March\n' + ORDERS_CSV;
    const after = await post(t.app, '/api/imports/preview', [file(withTitle), ...fields({ dataset: 'orders', headerRow: '2', encoding: 'utf-8' })], admin.headers);
    expect(after.statusCode).toBe(200);
    expect(after.json()).toMatchObject({ dataset: 'orders', headerRow: 2, headers: ORDER_HEADER.split(',') });
    const before = await post(t.app, '/api/imports/preview', [...fields({ dataset: 'orders', headerRow: '2' }), file(withTitle)], admin.headers);
    expect(before.json()).toMatchObject({ dataset: 'orders', headerRow: 2 });
  });

  it('answers 400 naming the field for missing or malformed fields, and 415 for a body that is not multipart', async () => {
    const cases: Array<[Part[], RegExp]> = [
      [fields({ dataset: 'orders', mode: 'append' }), /"file" is missing/],
      [[...fields({ mode: 'append' }), file(ORDERS_CSV)], /"dataset" is missing/],
      [[...fields({ dataset: 'invoices', mode: 'append' }), file(ORDERS_CSV)], /"dataset" must be one of/],
      [[...fields({ dataset: 'orders' }), file(ORDERS_CSV)], /"mode" is missing/],
      [[...fields({ dataset: 'orders', mode: 'merge' }), file(ORDERS_CSV)], /"mode" must be one of/],
      [[...fields({ dataset: 'orders', mode: 'append', headerRow: '0' }), file(ORDERS_CSV)], /"headerRow"/],
      [[...fields({ dataset: 'orders', mode: 'append', maxErrorRate: '5' }), file(ORDERS_CSV)], /"maxErrorRate"/],
      [[...fields({ dataset: 'orders', mode: 'append', encoding: 'klingon' }), file(ORDERS_CSV)], /"encoding"/],
      [[...fields({ dataset: 'orders', mode: 'append', mapping: '{nope' }), file(ORDERS_CSV)], /"mapping" is not valid JSON/],
      [[...fields({ dataset: 'orders', mode: 'append', mapping: '{"colour": "Amount"}' }), file(ORDERS_CSV)], /"mapping" names "colour"/],
      [[...fields({ dataset: 'orders', mode: 'append', colour: 'red' }), file(ORDERS_CSV)], /Unknown field "colour"/],
      [[...fields({ dataset: 'orders', mode: 'append' }), { name: 'upload', file: ORDERS_CSV, fileName: 'o.csv' }], /send the file in the field "file"/],
      [[...fields({ dataset: 'orders', mode: 'append' }), file(ORDERS_CSV), file(ORDERS_CSV, 'again.csv')], /exactly one file/],
      [[...fields({ dataset: 'orders', mode: 'append' }), ...fields({ mode: 'upsert' }), file(ORDERS_CSV)], /"mode" was sent more than once/],
    ];
    for (const [parts, message] of cases) {
      const res = await post(t.app, '/api/imports', parts, admin.headers);
      expect(res.statusCode, String(message)).toBe(400);
      expect(res.json().error.message).toMatch(message);
    }
    const json = await t.app.inject({ method: 'POST', url: '/api/imports', headers: admin.headers, payload: { dataset: 'orders' } });
    expect(json.statusCode).toBe(415);
    expect(json.json().error.message).toMatch(/multipart\/form-data/);
    expect(await t.db.read((c) => one(c, 'SELECT count(*)::INTEGER AS n FROM import_batches'))).toEqual({ n: 0 });
  });

  it('refuses an upload over the cap with 413 and a clear message, and stores nothing', async () => {
    const big = ORDER_HEADER + '\n' + goodLines(30_000).join('\n'); // about 1.5 MB
    expect(Buffer.byteLength(big)).toBeGreaterThan(1024 * 1024);
    const res = await importCsv(t.app, admin.headers, 'orders', big);
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({ code: 'file_too_large' });
    expect(res.json().error.message).toMatch(/larger than the upload limit of 1 MB/);
    const preview = await post(t.app, '/api/imports/preview', [file(big)], admin.headers);
    expect(preview.statusCode).toBe(413);
    expect(await t.db.read((c) => one(c, 'SELECT count(*)::INTEGER AS n FROM orders'))).toEqual({ n: 0 });
  });

  it('answers 413 over a real connection too, after reading the whole upload', async () => {
    const url = await t.app.listen({ host: '127.0.0.1', port: 0 });
    const form = new FormData();
    form.append('dataset', 'orders');
    form.append('mode', 'append');
    form.append('file', new Blob([ORDER_HEADER + '\n' + goodLines(30_000).join('\n')]), 'big.csv');
    const res = await fetch(`${url}/api/imports`, { method: 'POST', headers: admin.headers, body: form });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('file_too_large');
  });

  it('lists no running imports when idle', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/imports/active', headers: admin.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ rows: [] });
  });
});

describe('importing', () => {
  let t: TestApp;
  let admin: LoggedIn;
  beforeAll(async () => {
    t = await createTestApp();
    await createUser(t.db, { username: 'admin', role: 'admin' });
    admin = await loginAs(t.app, 'admin');
  });
  afterAll(async () => t.close());

  it('commits the roster, then the orders: the stored total equals the file total', async () => {
    const reps = await importCsv(t.app, admin.headers, 'reps', REPS_CSV);
    expect(reps.statusCode).toBe(200);
    expect(reps.json()).toMatchObject({ status: 'committed', dataset: 'reps', rowsRead: 3, rowsLoaded: 3, rowsRejected: 0 });

    const res = await importCsv(t.app, admin.headers, 'orders', ORDERS_CSV);
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ status: 'committed', dataset: 'orders', mode: 'append', file: 'orders.csv', headerRow: 1, rowsRead: 4, rowsLoaded: 4, rowsRejected: 0 });
    expect(report.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(report.errors).toEqual([]);
    expect(report.mapping).toMatchObject({ order_id: 'Order ID', amount: 'Amount' });
    expect(await ordersTotal(t.db)).toBeCloseTo(fileTotal(ORDERS_CSV), 4);
    expect(fileTotal(ORDERS_CSV)).toBeCloseTo(645.45, 4);

    const audited = await t.db.read((c) => rows(c, "SELECT username, json_extract_string(detail, '$.batchId') AS batch FROM audit_log WHERE action = 'import_committed' ORDER BY logged_at"));
    expect(audited).toEqual([
      { username: 'admin', batch: reps.json().batchId },
      { username: 'admin', batch: report.batchId },
    ]);
  });

  it('shows the history newest first, one full report, and the remembered mapping in a later preview', async () => {
    const history = await t.app.inject({ method: 'GET', url: '/api/imports?limit=1', headers: admin.headers });
    expect(history.statusCode).toBe(200);
    const page = history.json();
    expect(page).toMatchObject({ limit: 1, offset: 0, hasMore: true });
    expect(page.rows).toHaveLength(1);
    expect(page.rows[0]).toMatchObject({ dataset: 'orders', mode: 'append', status: 'committed', fileName: 'orders.csv', createdBy: 'admin', rowsLoaded: 4 });
    const one = await t.app.inject({ method: 'GET', url: `/api/imports/${page.rows[0].batchId}`, headers: admin.headers });
    expect(one.statusCode).toBe(200);
    expect(one.json().report).toMatchObject({ batchId: page.rows[0].batchId, status: 'committed', rowsLoaded: 4 });
    const missing = await t.app.inject({ method: 'GET', url: '/api/imports/b20990101_000000_abcdef', headers: admin.headers });
    expect(missing.statusCode).toBe(404);
    const preview = await post(t.app, '/api/imports/preview', [file(ORDERS_CSV)], admin.headers);
    expect(preview.json().mapping.remembered).toBe(true);
  });

  it('a dry run reports what it would load and changes nothing', async () => {
    const before = await checksum(t.db);
    const csv = [ORDER_HEADER, ...goodLines(3)].join('\n');
    const res = await importCsv(t.app, admin.headers, 'orders', csv, {}, '?dryRun=1');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'dry-run', rowsRead: 3, rowsLoaded: 3 });
    expect(await checksum(t.db)).toEqual(before);
  });

  it('the same file again is a no-op', async () => {
    const before = await checksum(t.db);
    const res = await importCsv(t.app, admin.headers, 'orders', ORDERS_CSV);
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('no-op');
    expect(await ordersTotal(t.db)).toBeCloseTo(fileTotal(ORDERS_CSV), 4);
    expect(await checksum(t.db)).toEqual(before);
  });

  it('loads the good rows of a file with a few bad ones and lists each rejected row', async () => {
    const good = goodLines(20);
    // Data row 6 is spreadsheet row 7 (the header is row 1).
    const lines = [...good.slice(0, 5), 'O900,1,not-a-date,C1,R1,1,10,0,10.00,completed', ...good.slice(5)];
    const csv = [ORDER_HEADER, ...lines].join('\n');
    const totalBefore = await ordersTotal(t.db);
    const res = await importCsv(t.app, admin.headers, 'orders', csv);
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ status: 'committed', rowsRead: 21, rowsLoaded: 20, rowsRejected: 1 });
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]).toMatchObject({ row: 7, column: 'Order Date', value: 'not-a-date' });
    expect(report.errors[0].message.length).toBeGreaterThan(0);
    expect(await ordersTotal(t.db)).toBeCloseTo(totalBefore + 20 * 10, 4);
    expect(await t.db.read((c) => one(c, "SELECT count(*)::INTEGER AS n FROM orders WHERE order_id = 'O900'"))).toEqual({ n: 0 });
  });

  it('refuses a file with more bad rows than allowed: 422 with the report, nothing changed', async () => {
    const before = await checksum(t.db);
    const lines = [...goodLines(3).map((l) => l.replace(/^O1/, 'O7')), 'O800,1,soon,C1,R1,1,10,0,10.00,completed', 'O801,1,later,C1,R1,1,10,0,10.00,completed'];
    const res = await importCsv(t.app, admin.headers, 'orders', [ORDER_HEADER, ...lines].join('\n'), { maxErrorRate: '0.1' });
    expect(res.statusCode).toBe(422);
    const error = res.json().error;
    expect(error.code).toBe('import_refused');
    expect(error.message).toMatch(/refused/);
    expect(error.details).toMatchObject({ status: 'refused', rowsRead: 5, rowsLoaded: 0, rowsRejected: 2 });
    expect(error.details.errors.map((e: { row: number }) => e.row)).toEqual([5, 6]);
    const after = await checksum(t.db);
    // Only the refused batch's record (kept for the history) and its audit entry are new.
    expect({ ...after, import_batches: null }).toEqual({ ...before, import_batches: null });
    const refused = await t.db.read((c) => rows(c, "SELECT status FROM import_batches WHERE batch_id = $id", { id: error.details.batchId }));
    expect(refused).toEqual([{ status: 'failed' }]);
    const audited = await t.db.read((c) => rows(c, "SELECT json_extract_string(detail, '$.batchId') AS batch FROM audit_log WHERE action = 'import_refused'"));
    expect(audited).toEqual([{ batch: error.details.batchId }]);
  });

  it('uses the uploaded name only as a display name: path traversal in it has no effect', async () => {
    const csv = [ORDER_HEADER, 'O500,1,2025-06-02,C1,R2,1,7,0,7.00,completed'].join('\n');
    for (const name of ['../../etc/passwd.csv', '..\\..\\windows\\evil.csv']) {
      const res = await post(t.app, '/api/imports', [...fields({ dataset: 'orders', mode: 'upsert' }), file(csv, name)], admin.headers);
      expect(res.statusCode).toBe(200);
      expect(res.json().file).toBe(name.includes('passwd') ? 'passwd.csv' : 'evil.csv');
    }
    expect(fs.existsSync('/etc/passwd.csv')).toBe(false);
    const names = await t.db.read((c) => rows(c, "SELECT file_name FROM import_batches WHERE file_name LIKE '%passwd%' OR file_name LIKE '%evil%' ORDER BY 1"));
    // The second upload is the same file in the same mode, so a no-op: only the first has a batch.
    expect(names).toEqual([{ file_name: 'passwd.csv' }]);
  });

  it('applies a mapping sent as JSON (header → canonical column)', async () => {
    const csv = ['Beleg,Line No,Order Date,Rep ID,Customer ID,Amount', 'M1,1,2025-06-05,R1,C3,12.5'].join('\n');
    const plain = await importCsv(t.app, admin.headers, 'orders', csv, { mode: 'upsert' }, '?dryRun=1');
    expect(plain.statusCode).toBe(422);
    expect(plain.json().error.message).toMatch(/order_id/);
    const mapped = await importCsv(t.app, admin.headers, 'orders', csv, { mode: 'upsert', mapping: JSON.stringify({ order_id: 'Beleg' }) });
    expect(mapped.statusCode).toBe(200);
    expect(mapped.json()).toMatchObject({ status: 'committed', rowsLoaded: 1, mapping: { order_id: 'Beleg' } });
    expect(await t.db.read((c) => one(c, "SELECT amount::DOUBLE AS amount FROM orders WHERE order_id = 'M1'"))).toEqual({ amount: 12.5 });
  });

  it('lists a running import with its phase and rows while it merges', async () => {
    let seen: unknown;
    // The fact hooks run inside the import's merge transaction: the import is running then.
    const remove = onFactsChanged('test-active', async () => {
      seen = (await t.app.inject({ method: 'GET', url: '/api/imports/active', headers: admin.headers })).json();
    });
    try {
      const csv = [ORDER_HEADER, ...goodLines(2).map((l) => l.replace(/^O1/, 'O6'))].join('\n');
      const res = await importCsv(t.app, admin.headers, 'orders', csv, {}, '');
      expect(res.json().status).toBe('committed');
      expect(seen).toEqual({
        rows: [
          {
            batchId: res.json().batchId,
            dataset: 'orders',
            mode: 'append',
            fileName: 'orders.csv',
            user: 'admin',
            phase: 'merging',
            rowsProcessed: 0,
            startedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
          },
        ],
      });
    } finally {
      remove();
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/imports/active', headers: admin.headers })).json()).toEqual({ rows: [] });
  });

  it('answers the data-quality summary', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/data-quality', headers: admin.headers });
    expect(res.statusCode).toBe(200);
    const q = res.json();
    // Orders name customers C1, C2, C3; no customer file was imported.
    expect(q.unknownCustomers.map((c: { customerId: string }) => c.customerId).sort()).toEqual(['C1', 'C2', 'C3']);
    expect(q.counts.unknownCustomers).toBe(3);
    expect(q.unknownReps).toEqual([]);
  });
});

describe('undo', () => {
  let t: TestApp;
  let admin: LoggedIn;
  beforeAll(async () => {
    t = await createTestApp();
    await createUser(t.db, { username: 'admin', role: 'admin' });
    admin = await loginAs(t.app, 'admin');
    expect((await importCsv(t.app, admin.headers, 'reps', REPS_CSV)).statusCode).toBe(200);
    expect((await importCsv(t.app, admin.headers, 'orders', ORDERS_CSV)).statusCode).toBe(200);
  });
  afterAll(async () => t.close());

  const undo = (id: string, headers = admin.headers) => t.app.inject({ method: 'DELETE', url: `/api/imports/${id}`, headers });

  it('restores the previous state exactly, and a second undo is refused', async () => {
    const before = await checksum(t.db);
    // Changes O1/1 and adds O9/1.
    const csv = [ORDER_HEADER, 'O1,1,2025-03-03,C1,R1,2,100,0,210.00,completed', 'O9,1,2025-03-20,C2,R2,1,80,0,80.00,completed'].join('\n');
    const imported = await importCsv(t.app, admin.headers, 'orders', csv, { mode: 'upsert' });
    expect(imported.json()).toMatchObject({ status: 'committed', rowsLoaded: 2, rowsReplaced: 1 });
    expect(await ordersTotal(t.db)).toBeCloseTo(fileTotal(ORDERS_CSV) + 10 + 80, 4);

    const res = await undo(imported.json().batchId);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ undone: true, batchId: imported.json().batchId, dataset: 'orders', restored: 1, removed: 2 });
    const after = await checksum(t.db);
    // The batch record stays (status undone); every fact table is as it was.
    expect({ ...after, import_batches: null, saved_mappings: null }).toEqual({ ...before, import_batches: null, saved_mappings: null });
    expect(await ordersTotal(t.db)).toBeCloseTo(fileTotal(ORDERS_CSV), 4);

    const again = await undo(imported.json().batchId);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toMatch(/already undone/);
    const audited = await t.db.read((c) => rows(c, "SELECT action FROM audit_log WHERE action LIKE 'import_undo%' ORDER BY logged_at"));
    expect(audited).toEqual([{ action: 'import_undone' }, { action: 'import_undo_refused' }]);
  });

  it('is refused, naming the later import, when a later import changed the same rows', async () => {
    const first = await importCsv(t.app, admin.headers, 'orders', [ORDER_HEADER, 'O2,1,2025-03-10,C2,R2,3,100,0,310.00,completed'].join('\n'), { mode: 'upsert' });
    const later = await post(
      t.app,
      '/api/imports',
      [...fields({ dataset: 'orders', mode: 'upsert' }), file([ORDER_HEADER, 'O2,1,2025-03-10,C2,R2,3,100,0,320.00,completed'].join('\n'), 'fix-again.csv')],
      admin.headers,
    );
    expect(later.json().status).toBe('committed');
    const before = await checksum(t.db);
    const res = await undo(first.json().batchId);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain(later.json().batchId);
    expect(res.json().error.message).toContain('fix-again.csv');
    expect(res.json().error.details).toEqual({ blockedBy: later.json().batchId });
    expect(await checksum(t.db)).toEqual(before);
  });

  it('answers 404 for an unknown import and 400 for a malformed id', async () => {
    const res = await undo('b20990101_000000_abcdef');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.message).toMatch(/no import b20990101_000000_abcdef/);
    expect((await undo('x;DROP')).statusCode).toBe(400);
  });
});

describe('roles and CSRF', () => {
  let t: TestApp;
  const as: Record<string, LoggedIn> = {};
  beforeAll(async () => {
    t = await createTestApp();
    for (const role of ['admin', 'manager', 'assistant', 'supervisor', 'rep'] as const) {
      await createUser(t.db, { username: role, role, repId: role === 'admin' || role === 'manager' ? null : 'R1' });
      as[role] = await loginAs(t.app, role);
    }
    expect((await importCsv(t.app, as.admin!.headers, 'reps', REPS_CSV)).statusCode).toBe(200);
  });
  afterAll(async () => t.close());

  async function everyRoute(headers: Record<string, string>) {
    const batch = (await t.db.read((c) => one<{ id: string }>(c, 'SELECT batch_id AS id FROM import_batches LIMIT 1')))!.id;
    return {
      preview: (await post(t.app, '/api/imports/preview', [file(ORDERS_CSV)], headers)).statusCode,
      import: (await importCsv(t.app, headers, 'orders', ORDERS_CSV, {}, '?dryRun=1')).statusCode,
      active: (await t.app.inject({ method: 'GET', url: '/api/imports/active', headers })).statusCode,
      history: (await t.app.inject({ method: 'GET', url: '/api/imports', headers })).statusCode,
      report: (await t.app.inject({ method: 'GET', url: `/api/imports/${batch}`, headers })).statusCode,
      undo: (await t.app.inject({ method: 'DELETE', url: `/api/imports/${batch}`, headers })).statusCode,
      quality: (await t.app.inject({ method: 'GET', url: '/api/data-quality', headers })).statusCode,
    };
  }

  it('refuses reps and supervisors on every import route, and unauthenticated callers with 401', async () => {
    const forbidden = { preview: 403, import: 403, active: 403, history: 403, report: 403, undo: 403, quality: 403 };
    expect(await everyRoute(as.rep!.headers)).toEqual(forbidden);
    expect(await everyRoute(as.supervisor!.headers)).toEqual(forbidden);
    const anonymous = await everyRoute({});
    expect(Object.values(anonymous)).toEqual(Array(7).fill(401));
  });

  it('lets assistants and managers import and undo', async () => {
    for (const role of ['assistant', 'manager'] as const) {
      const csv = [ORDER_HEADER, `O-${role},1,2025-03-05,C1,R1,1,10,0,10.00,completed`].join('\n');
      const imported = await importCsv(t.app, as[role]!.headers, 'orders', csv);
      expect(imported.statusCode, role).toBe(200);
      expect(imported.json().status).toBe('committed');
      const undone = await t.app.inject({ method: 'DELETE', url: `/api/imports/${imported.json().batchId}`, headers: as[role]!.headers });
      expect(undone.statusCode, role).toBe(200);
      const history = await t.app.inject({ method: 'GET', url: '/api/imports', headers: as[role]!.headers });
      expect(history.json().rows[0]).toMatchObject({ batchId: imported.json().batchId, createdBy: role, status: 'undone', undoneBy: role });
    }
  });

  it("takes exactly what the ingest command's --server mode sends", async () => {
    const url = await t.app.listen({ host: '127.0.0.1', port: 0 });
    const created = await t.app.inject({ method: 'POST', url: '/api/tokens', headers: as.assistant!.headers, payload: { name: 'cli' } });
    const dir = await fs.promises.mkdtemp(path.join(t.dir, 'cli-'));
    const good = path.join(dir, 'march.csv');
    fs.writeFileSync(good, [ORDER_HEADER, 'C9,1,2025-03-07,C1,R2,1,33,0,33.00,completed'].join('\n'));
    const args = { dataset: 'orders' as const, mode: 'append' as const, maxErrorRate: 0.05, dryRun: false, json: true, db: '', help: false, server: url, token: created.json().secret };
    const report = await ingestRemote({ ...args, file: good, headerRow: 1, encoding: 'auto', mapping: { customer_id: 'Customer ID' } });
    expect(report).toMatchObject({ status: 'committed', file: 'march.csv', rowsLoaded: 1 });
    expect(await t.db.read((c) => one(c, "SELECT amount::DOUBLE AS amount, batch_id FROM orders WHERE order_id = 'C9'"))).toEqual({ amount: 33, batch_id: report.batchId });
    // A refused file comes back as its report (from error.details), as the local import answers it.
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, [ORDER_HEADER, 'C10,1,someday,C1,R2,1,33,0,33.00,completed'].join('\n'));
    expect(await ingestRemote({ ...args, file: bad })).toMatchObject({ status: 'refused', rowsRejected: 1, errors: [{ row: 2, column: 'Order Date', value: 'someday' }] });
  });

  it('needs x-csrf-token on a cookie request, and none with a Bearer token', async () => {
    const noToken = await post(t.app, '/api/imports?dryRun=1', [...fields({ dataset: 'orders', mode: 'append' }), file(ORDERS_CSV)], { cookie: as.manager!.cookie });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error.code).toBe('csrf_failed');
    const undo = await t.app.inject({ method: 'DELETE', url: '/api/imports/b20990101_000000_abcdef', headers: { cookie: as.manager!.cookie } });
    expect(undo.statusCode).toBe(403);

    const created = await t.app.inject({ method: 'POST', url: '/api/tokens', headers: as.manager!.headers, payload: { name: 'ingest' } });
    expect(created.statusCode).toBe(201);
    const viaToken = await post(t.app, '/api/imports?dryRun=1', [...fields({ dataset: 'orders', mode: 'append' }), file(ORDERS_CSV)], bearer(created.json().secret));
    expect(viaToken.statusCode).toBe(200);
    expect(viaToken.json()).toMatchObject({ status: 'dry-run', rowsLoaded: 4 });
  });
});
