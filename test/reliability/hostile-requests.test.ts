// Hostile requests: SQL injection in every filter and path parameter is either a 400 or treated as a plain
// value (the same answer as any unknown value), never executed; path traversal in an upload's file name
// writes nowhere but the upload's own folder; over-long query strings are a 414; and no error body, not
// even a 500's, carries a stack trace or the internal message.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { rows } from '../../server/db/query.ts';
import { openTempDb } from '../helpers/app.ts';
import { createKpiTestApp, type KpiTestApp } from '../fixtures/kpi-fixture.ts';
import { changedTables, tableChecksums, type TableSum } from './support.ts';

const INJECTIONS = [
  "' OR 1=1 --",
  "x'); DROP TABLE orders; --",
  "R1' OR '1'='1",
  '华东一组" OR ""="',
  '1; SELECT * FROM users --',
  "') UNION SELECT username, password_hash FROM users --",
];

/** Tables a read-only request may touch: sign-in bookkeeping and the audit log. */
const BOOKKEEPING = new Set(['audit_log', 'sessions', 'login_failures', 'api_tokens']);

let t: KpiTestApp;
let before: Record<string, TableSum>;

beforeAll(async () => {
  t = await createKpiTestApp();
  before = await tableChecksums(t.db);
});
afterAll(async () => {
  await t?.close();
});

const q = (params: Record<string, string>) => new URLSearchParams(params).toString();
const BASE = { period: '2025-03', asOf: '2025-03-14' };

/** KPI and list routes that take the common filters, with the parameters each needs. */
const FILTERED: Array<[string, Record<string, string>]> = [
  ['/api/kpi/overview', {}],
  ['/api/kpi/attainment', { by: 'rep', metric: 'revenue' }],
  ['/api/kpi/rankings', { metric: 'revenue' }],
  ['/api/kpi/trend', {}],
  ['/api/kpi/retention', { basis: 'logo' }],
  ['/api/kpi/retention/customers', { kind: 'churned' }],
  ['/api/kpi/visits', {}],
  ['/api/reps', {}],
  ['/api/customers', {}],
  ['/api/orders', {}],
];
const DIMENSIONS = ['team', 'region', 'rep', 'category', 'channel'];

async function expectOnlyBookkeepingChanged(): Promise<void> {
  const changed = changedTables(before, await tableChecksums(t.db));
  expect(changed.filter((n) => !BOOKKEEPING.has(n))).toEqual([]);
  const orders = await t.db.read((c) => rows<{ n: number }>(c, 'SELECT count(*)::INT AS n FROM orders'));
  expect(orders[0]!.n).toBe(26);
}

describe('SQL injection', () => {
  it('in every dimension filter of every KPI route: the same answer as an unknown plain value, or a 400', async () => {
    const answer = async (route: string, params: URLSearchParams) => t.get(`${route}?${params.toString()}`);
    let compared = 0;
    for (const [route, extra] of FILTERED) {
      for (const dim of DIMENSIONS) {
        const params = (values: string[]) => {
          const p = new URLSearchParams({ ...BASE, ...extra });
          for (const v of values) p.append(dim, v);
          return p;
        };
        const plain = await answer(route, params(['no-such-value']));
        expect(plain.status, `${route} ${dim}`).toBe(200);
        // Every payload at once (the filter is a list, bound as one parameter), and on the overview each alone.
        const tries = [INJECTIONS, ...(route === '/api/kpi/overview' ? INJECTIONS.map((e) => [e]) : [])];
        for (const values of tries) {
          const res = await answer(route, params(values));
          if (res.status === 400) {
            expect(res.body.error.code).toBeTypeOf('string');
            continue;
          }
          expect(res.status, `${route} ${dim}=${values.join(' | ')}`).toBe(200);
          // Treated as values no row has: exactly the answer for "no-such-value".
          expect(res.body, `${route} ${dim}=${values.join(' | ')}`).toEqual(plain.body);
          compared++;
        }
      }
    }
    // The filters take any text: every payload was answered as a plain value, none merely refused.
    expect(compared).toBe(FILTERED.length * DIMENSIONS.length + DIMENSIONS.length * INJECTIONS.length);
    await expectOnlyBookkeepingChanged();
  });

  it('in the period, date, comparison and language parameters: a 400 naming the parameter', async () => {
    for (const name of ['period', 'from', 'to', 'asOf', 'compare', 'lang']) {
      for (const evil of INJECTIONS) {
        const params: Record<string, string> = name === 'from' || name === 'to' ? { from: '2025-03-01', to: '2025-03-14', [name]: evil } : { ...BASE, [name]: evil };
        const res = await t.get(`/api/kpi/overview?${q(params)}`);
        expect(res.status, `${name}=${evil}`).toBe(400);
        expect(JSON.stringify(res.body.error)).toContain(name);
      }
    }
    await expectOnlyBookkeepingChanged();
  });

  it("in the routes' own text parameters (customer search, order customer, cursor): a plain value or a 400", async () => {
    for (const evil of INJECTIONS) {
      const search = await t.get(`/api/customers?${q({ ...BASE, search: evil })}`);
      expect(search.status).toBe(200);
      expect(search.body.rows).toEqual([]);
      // An unknown customer is refused as outside the caller's scope: the payload gets the very same answer.
      const unknown = await t.get(`/api/orders?${q({ ...BASE, customer: 'no-such-customer' })}`);
      const customer = await t.get(`/api/orders?${q({ ...BASE, customer: evil })}`);
      expect(customer.status).toBe(unknown.status);
      expect(customer.body.error.message).toBe(unknown.body.error.message.replace('no-such-customer', evil));
      const cursor = await t.get(`/api/orders?${q({ ...BASE, cursor: evil })}`);
      expect(cursor.status).toBe(400);
    }
    await expectOnlyBookkeepingChanged();
  });

  it('in every path parameter: 400, 403 or 404, never data and never a 500', async () => {
    for (const evil of INJECTIONS) {
      const id = encodeURIComponent(evil);
      const requests: Array<[string, string, unknown?]> = [
        ['GET', `/api/reps/${id}/evaluation?${q(BASE)}`],
        ['PUT', `/api/reps/${id}/review?period=2025-03`, { comment: 'x', rating: 3 }],
        ['GET', `/api/customers/${id}?${q(BASE)}`],
        ['GET', `/api/imports/${id}`],
        ['DELETE', `/api/imports/${id}`],
        ['GET', `/api/exports/table/${id}?format=csv`],
        ['PATCH', `/api/users/${id}`, { displayName: 'x' }],
        ['DELETE', `/api/tokens/${id}`],
      ];
      for (const [method, url, payload] of requests) {
        const res = await t.app.inject({ method: method as 'GET', url, headers: t.as.admin, ...(payload ? { payload: payload as object } : {}) });
        expect([400, 403, 404], `${method} ${url}: ${res.body.slice(0, 200)}`).toContain(res.statusCode);
        expect(res.json().error.code).toBeTypeOf('string');
      }
    }
    await expectOnlyBookkeepingChanged();
  });
});

describe('path traversal in an upload file name', () => {
  it('imports under the base name only and writes no file outside the upload folder', async () => {
    const marker = `attain-traversal-${process.pid}-${Date.now()}`;
    const csv = 'Order ID,Line No,Order Date,Customer ID,Rep ID,Amount\nT1,1,2025-03-20,C1,R1,10\n';
    const names = [`../../../../../../tmp/${marker}.csv`, `..\\..\\..\\${marker}.csv`, `/etc/${marker}.csv`, `${marker}/../../${marker}.csv`];
    for (const [i, name] of names.entries()) {
      const form = new FormData();
      form.append('dataset', 'orders');
      form.append('mode', 'upsert');
      form.append('file', new Blob([csv.replace('T1', `T${i}`)]), name);
      const res = new Response(form);
      const reply = await t.app.inject({
        method: 'POST',
        url: '/api/imports',
        headers: { ...t.as.admin, 'content-type': res.headers.get('content-type')! },
        payload: Buffer.from(await res.arrayBuffer()),
      });
      expect(reply.statusCode, reply.body).toBe(200);
      expect(reply.json().file).toBe(`${marker}.csv`);
    }
    const fileNames = await t.db.read((c) => rows<{ f: string }>(c, "SELECT DISTINCT file_name AS f FROM import_batches WHERE file_name LIKE 'attain-traversal-%'"));
    expect(fileNames).toEqual([{ f: `${marker}.csv` }]);
    for (const where of [os.tmpdir(), path.dirname(os.tmpdir()), '/etc', process.cwd(), path.dirname(t.db.path), path.dirname(path.dirname(t.db.path))]) {
      expect(fs.existsSync(path.join(where, `${marker}.csv`)), where).toBe(false);
    }
  });
});

describe('over-long query strings', () => {
  it('are a 414 in the one error shape; a long but reasonable one still answers', async () => {
    const long = await t.get(`/api/kpi/overview?${q({ ...BASE })}&${'team=' + 'x'.repeat(9000)}`);
    expect(long.status).toBe(414);
    expect(long.body).toEqual({ error: { code: 'query_too_long', message: 'The query string is longer than 8 KB; use fewer or shorter filters.' } });
    // 40 team names of 190 characters: about 7.8 KB.
    const teams = Array.from({ length: 40 }, (_, i) => `team=${String(i).padStart(190, 'y')}`).join('&');
    const fine = await t.get(`/api/kpi/overview?${q(BASE)}&${teams}`);
    expect(fine.status).toBe(200);
    // Before sign-in is checked, too: the refusal costs nothing.
    const anonymous = await t.app.inject({ method: 'GET', url: `/api/health?${'a'.repeat(8193)}` });
    expect(anonymous.statusCode).toBe(414);
  });
});

describe('error bodies', () => {
  it('never carry a stack trace or the internal message, for a 500 or anything else', async () => {
    const { db, dir } = await openTempDb();
    const app = await buildApp({ config: loadConfig({ ATTAIN_DEMO: '0', ATTAIN_DB: db.path }, process.cwd()), db, closeDb: true });
    const secret = `internal detail ${path.join(dir, 'secret.duckdb')}`;
    app.get('/api/test-throws', async () => {
      throw new Error(secret);
    });
    app.get('/api/test-sql-fails', async () => app.db.read((c) => rows(c, 'SELECT * FROM no_such_table')));
    await app.ready();
    try {
      for (const url of ['/api/test-throws', '/api/test-sql-fails']) {
        const res = await app.inject({ method: 'GET', url });
        expect(res.statusCode).toBe(500);
        expect(res.json()).toEqual({ error: { code: 'internal', message: 'Something went wrong on the server; it has been logged.' } });
      }
      const others = [
        await app.inject({ method: 'GET', url: '/api/no-such-route' }),
        await app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username": ' }),
        await app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'text/xml' }, payload: '<a/>' }),
        await app.inject({ method: 'GET', url: '/api/kpi/overview?period=2025-13' }),
      ];
      for (const res of others) {
        expect(res.statusCode).toBeGreaterThanOrEqual(400);
        expect(res.statusCode).toBeLessThan(500);
        const body = res.json();
        expect(Object.keys(body)).toEqual(['error']);
        expect(res.body).not.toMatch(/\bat .+\.(ts|js):\d+|node_modules|"stack"/);
      }
    } finally {
      await app.close();
      await fs.promises.rm(dir, { recursive: true, force: true });
    }
  });
});
