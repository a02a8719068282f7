// GET /api/orders on the extended fixture: keyset paging over (order_date, order_id, line_no), scope,
// drill filters, and the Arrow IPC stream read back with apache-arrow's tableFromIPC.
// March lines up to 2025-03-14, in key order (14; O308 is cancelled and listed with its status):
//   03-03 O301/1 12000, O301/2 2000.455 · 03-04 O304/1 8000, O304/2 2000 · 03-05 O307/1 11000 ·
//   03-06 O502/1 2000 · 03-07 O302/1 3000 · 03-09 O505/1 −800 · 03-10 O303/1 −1500 · 03-11 O305/1 5000 ·
//   03-12 O306/1 1000, O511/1 600 · 03-13 O308/1 4000 (cancelled) · 03-14 O309/1 5000.4
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomerTestApp, type CustomerTestApp } from '../fixtures/customer-fixture.ts';

const MARCH_KEYS = [
  'O301/1', 'O301/2', 'O304/1', 'O304/2', 'O307/1', 'O502/1', 'O302/1', 'O505/1', 'O303/1', 'O305/1', 'O306/1', 'O511/1', 'O308/1', 'O309/1',
];

const key = (r: { orderId: string; lineNo: number }) => `${r.orderId}/${r.lineNo}`;

describe('GET /api/orders', () => {
  let t: CustomerTestApp;
  beforeAll(async () => {
    t = await createCustomerTestApp();
  });
  afterAll(async () => t.close());

  it('pages through the period with a cursor until the last page', async () => {
    const seen: string[] = [];
    let url = '/api/orders?limit=5';
    const sizes: number[] = [];
    for (;;) {
      const { status, body } = await t.get(url);
      expect(status).toBe(200);
      sizes.push(body.rows.length);
      seen.push(...body.rows.map(key));
      if (!body.nextCursor) break;
      url = `/api/orders?limit=5&cursor=${body.nextCursor}`;
    }
    expect(sizes).toEqual([5, 5, 4]);
    expect(seen).toEqual(MARCH_KEYS);
  });

  it('pages through a quarter in either order as one large page lists it', async () => {
    // Small pages are cut from the first month after the cursor whenever it holds them.
    const whole: string[] = (await t.get('/api/orders?period=2025-Q1&limit=1000')).body.rows.map(key);
    expect(whole.length).toBeGreaterThan(MARCH_KEYS.length);
    for (const order of ['asc', 'desc'] as const) {
      const seen: string[] = [];
      let url = `/api/orders?period=2025-Q1&order=${order}&limit=2`;
      for (;;) {
        const { body } = await t.get(url);
        seen.push(...body.rows.map(key));
        if (!body.nextCursor) break;
        url = `/api/orders?period=2025-Q1&order=${order}&limit=2&cursor=${body.nextCursor}`;
      }
      expect(seen).toEqual(order === 'asc' ? whole : [...whole].reverse());
    }
  });

  it('answers numbers as numbers, money rounded to cents, with names, team and status', async () => {
    const { body } = await t.get('/api/orders?limit=2');
    expect(body.rows[1]).toEqual({
      orderId: 'O301',
      lineNo: 2,
      orderDate: '2025-03-03',
      customerId: 'C1',
      customerName: '甲公司',
      repId: 'R1',
      repName: 'Alice',
      team: '华东一组',
      region: '华东',
      sku: null,
      productName: null,
      category: 'B',
      channel: '直销',
      quantity: null,
      unitPrice: null,
      discount: null,
      amount: 2000.46,
      status: 'completed',
      originalOrderId: null,
    });
  });

  it('pages newest first too, and applies the filters, drill filters and scope', async () => {
    const desc = await t.get('/api/orders?order=desc&limit=3');
    expect(desc.body.rows.map(key)).toEqual(['O309/1', 'O308/1', 'O511/1']);
    const next = await t.get(`/api/orders?order=desc&limit=3&cursor=${desc.body.nextCursor}`);
    expect(next.body.rows.map(key)).toEqual(['O306/1', 'O305/1', 'O303/1']);
    // Alice's March lines: O301 ×2, O502, O302, O505, O303, O511.
    const alice = await t.get('/api/orders?limit=100', 'rep');
    expect(alice.body.rows.map(key)).toEqual(['O301/1', 'O301/2', 'O502/1', 'O302/1', 'O505/1', 'O303/1', 'O511/1']);
    expect((await t.get('/api/orders?rep=R1')).body.rows.map(key)).toEqual(alice.body.rows.map(key));
    // C7's lines in the quarter: Bob's in January, Alice's in March; Alice sees only her own.
    const c7 = await t.get('/api/orders?period=2025-Q1&customer=C7');
    expect(c7.body.rows.map(key)).toEqual(['O501/1', 'O502/1']);
    expect((await t.get('/api/orders?period=2025-Q1&customer=C7', 'rep')).body.rows.map(key)).toEqual(['O502/1']);
    // Category B through dealers (经销商) in March: O304/1 and O309/1.
    expect((await t.get('/api/orders?category=B&channel=' + encodeURIComponent('经销商'))).body.rows.map(key)).toEqual(['O304/1', 'O309/1']);
  });

  it('refuses what is outside the scope (403) and malformed paging (400)', async () => {
    expect((await t.get('/api/orders?customer=C5', 'rep')).status).toBe(403);
    expect((await t.get('/api/orders?rep=R2', 'rep')).status).toBe(403);
    const bad = await t.get('/api/orders?cursor=not-a-cursor');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].parameter).toBe('cursor');
    expect((await t.get('/api/orders?limit=5000')).status).toBe(400);
    expect((await t.get('/api/orders?limit=0')).status).toBe(400);
  });

  it('streams Arrow IPC with dictionary-encoded strings that reads back to the JSON rows', async () => {
    const json = await t.get('/api/orders?period=2025-Q1&limit=1000');
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/orders?period=2025-Q1',
      headers: { ...t.as.admin, accept: 'application/vnd.apache.arrow.stream' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/vnd.apache.arrow.stream');
    const table = tableFromIPC(res.rawPayload);
    // Q1 up to 03-14: January 5 + O501, O503; February 7 + O504; March 14.
    expect(table.numRows).toBe(json.body.rows.length);
    expect(table.numRows).toBe(5 + 2 + 7 + 1 + 14);
    expect(String(table.schema.fields.find((f) => f.name === 'repId')!.type)).toBe('Dictionary<Int32, Utf8>');
    expect(String(table.schema.fields.find((f) => f.name === 'orderDate')!.type)).toBe('Date32<DAY>');
    const rows = table.toArray().map((r) => r.toJSON());
    const asJson = rows.map((r) => ({ ...r, orderDate: new Date(r.orderDate as number).toISOString().slice(0, 10) }));
    expect(asJson).toEqual(json.body.rows);
    // Net revenue of the quarter's non-cancelled lines from the Arrow column (each line in cents):
    // January 24000 + 3000 + 5000 = 32000; February 29500 + 1500 = 31000; March 12000 + 2000.46 (2000.455
    // in cents) + 3000 − 1500 + 8000 + 2000 + 5000 + 1000 + 11000 + 5000.4 = 47500.86, + 2000 − 800 + 600 → 49300.86.
    const total = rows.filter((r) => r.status !== 'cancelled').reduce((s, r) => s + (r.amount as number), 0);
    expect(total).toBeCloseTo(32000 + 31000 + 49300.86, 2);
  });

  it('streams one Arrow page with the next cursor in a header, and an empty result with its schema', async () => {
    const headers = { ...t.as.admin, accept: 'application/vnd.apache.arrow.stream' };
    const page = await t.app.inject({ method: 'GET', url: '/api/orders?limit=4', headers });
    const first = tableFromIPC(page.rawPayload);
    expect(first.toArray().map((r) => `${r.orderId}/${r.lineNo}`)).toEqual(MARCH_KEYS.slice(0, 4));
    const cursor = page.headers['x-next-cursor'];
    expect(typeof cursor).toBe('string');
    const second = tableFromIPC((await t.app.inject({ method: 'GET', url: `/api/orders?limit=4&cursor=${cursor}`, headers })).rawPayload);
    expect(second.toArray().map((r) => `${r.orderId}/${r.lineNo}`)).toEqual(MARCH_KEYS.slice(4, 8));
    const empty = await t.app.inject({ method: 'GET', url: '/api/orders?period=2020-01', headers });
    const none = tableFromIPC(empty.rawPayload);
    expect(none.numRows).toBe(0);
    expect(none.schema.fields.map((f) => f.name)).toContain('amount');
  });

  it('is documented with both answer types, next to the other routes of this module', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths['/api/orders'].get.responses['200'].content).sort()).toEqual(['application/json', 'application/vnd.apache.arrow.stream']);
    for (const path of ['/api/kpi/retention', '/api/kpi/retention/customers', '/api/kpi/visits', '/api/kpi/visits/weekly', '/api/reps', '/api/reps/{id}/evaluation', '/api/customers', '/api/customers/{id}']) {
      expect(doc.paths[path]?.get, path).toBeDefined();
    }
    expect(doc.paths['/api/reps/{id}/review'].put).toBeDefined();
  });
});
