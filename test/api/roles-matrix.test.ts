// Every API route × every role with the status code each must answer, written out by hand from
// the role rules (server/auth/roles.ts CAN, the scope of each role), plus attempts to reach other
// people's data by id or filter. A route registered without a row here fails the coverage check.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../server/auth/clock.ts';
import { hashPassword } from '../../server/auth/crypto.ts';
import { createToken } from '../../server/auth/tokens.ts';
import { findUserByUsername, updateUser } from '../../server/auth/users.ts';
import { run } from '../../server/db/query.ts';
import { createKpiTestApp, EAST, T1, T2, type KpiTestApp } from '../fixtures/kpi-fixture.ts';
import { DEFAULT_TEST_PASSWORD, createUser, loginAs } from '../helpers/auth.ts';

/** The callers, in the column order of the matrix below. */
const WHO = ['anonymous', 'admin', 'manager', 'supervisor', 'rep', 'account_manager', 'assistant'] as const;
type Who = (typeof WHO)[number];
type Statuses = [number, number, number, number, number, number, number];

/** The account of each role: Sam supervises T1 (Alice R1, Bob R2); Carol (R3) is an account manager in T2; Ann assists T1. */
const USERNAME: Record<Exclude<Who, 'anonymous'>, string> = {
  admin: 'boss',
  manager: 'mona',
  supervisor: 'sam',
  rep: 'alice',
  account_manager: 'carol',
  assistant: 'ann',
};

const NEW_PASSWORD = 'changed-Pass-77';

interface RouteCase {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The route as registered (the coverage check compares these with the app's routes). */
  route: string;
  /** The URL asked; the route itself when absent. */
  url?: string;
  body?: unknown;
  /** Sent as multipart/form-data: an order-lines CSV to preview or dry-run. */
  upload?: Record<string, string>;
  /** Sign in anew for this request (logout ends the session it is sent with). */
  fresh?: boolean;
  /** anonymous, admin, manager, supervisor, rep, account_manager, assistant. */
  expect: Statuses;
}

const ORDERS_CSV = ['Order ID,Line No,Order Date,Customer ID,Rep ID,Amount,Status', 'X1,1,2025-03-14,C1,R1,100.00,completed'].join('\n') + '\n';

// Placeholders filled in beforeAll: an account only the admin may change, another user's API token.
let targetUserId = '';
let othersTokenId = '';

// prettier-ignore
const MATRIX: RouteCase[] = [
  //                                                                                anon admin mgr  sup  rep  am   asst
  // Public: health, the API reference, demo accounts for the login page.
  { method: 'GET', route: '/api/health',                                    expect: [200, 200, 200, 200, 200, 200, 200] },
  { method: 'GET', route: '/api/openapi.json',                              expect: [200, 200, 200, 200, 200, 200, 200] },
  { method: 'GET', route: '/api/docs',                                      expect: [200, 200, 200, 200, 200, 200, 200] },
  { method: 'GET', route: '/api/docs/',                                     expect: [200, 200, 200, 200, 200, 200, 200] },
  { method: 'GET', route: '/api/docs/json',                                 expect: [200, 200, 200, 200, 200, 200, 200] },
  { method: 'GET', route: '/api/docs/yaml',                                 expect: [200, 200, 200, 200, 200, 200, 200] },
  { method: 'GET', route: '/api/docs/static/index.html',                    expect: [302, 302, 302, 302, 302, 302, 302] },
  { method: 'GET', route: '/api/docs/static/swagger-initializer.js',        expect: [200, 200, 200, 200, 200, 200, 200] },
  { method: 'GET', route: '/api/docs/*', url: '/api/docs/static/swagger-ui.css', expect: [200, 200, 200, 200, 200, 200, 200] },
  { method: 'GET', route: '/api/auth/demo-accounts',                        expect: [200, 200, 200, 200, 200, 200, 200] },
  // Sign-in: an empty body is refused before anything else; logout always succeeds.
  { method: 'POST', route: '/api/auth/login', body: {},                     expect: [400, 400, 400, 400, 400, 400, 400] },
  { method: 'POST', route: '/api/auth/logout', fresh: true,                 expect: [204, 204, 204, 204, 204, 204, 204] },
  { method: 'GET', route: '/api/auth/me',                                   expect: [401, 200, 200, 200, 200, 200, 200] },
  { method: 'POST', route: '/api/auth/password',
    body: { currentPassword: DEFAULT_TEST_PASSWORD, newPassword: NEW_PASSWORD }, expect: [401, 204, 204, 204, 204, 204, 204] },
  // Administration: admins only (no demo data here, so removing it is a 409 once allowed).
  { method: 'GET', route: '/api/users',                                     expect: [401, 200, 403, 403, 403, 403, 403] },
  { method: 'POST', route: '/api/users',
    body: { username: 'made.by.admin', displayName: 'Made', password: 'long-enough-1', role: 'rep', repId: 'R2' },
                                                                            expect: [401, 201, 403, 403, 403, 403, 403] },
  { method: 'PATCH', route: '/api/users/:id', url: '/api/users/{target}', body: { displayName: 'Renamed' },
                                                                            expect: [401, 200, 403, 403, 403, 403, 403] },
  { method: 'GET', route: '/api/audit',                                     expect: [401, 200, 403, 403, 403, 403, 403] },
  { method: 'DELETE', route: '/api/admin/demo',                             expect: [401, 409, 403, 403, 403, 403, 403] },
  { method: 'POST', route: '/api/admin/backup',                             expect: [401, 200, 403, 403, 403, 403, 403] },
  // Own API tokens: everyone signed in; another user's token does not exist for the caller.
  { method: 'POST', route: '/api/tokens', body: { name: 'matrix' },         expect: [401, 201, 201, 201, 201, 201, 201] },
  { method: 'GET', route: '/api/tokens',                                    expect: [401, 200, 200, 200, 200, 200, 200] },
  { method: 'DELETE', route: '/api/tokens/:id', url: '/api/tokens/{othersToken}', expect: [401, 404, 404, 404, 404, 404, 404] },
  // Dashboards: every role, within its scope.
  { method: 'GET', route: '/api/kpi/overview',                              expect: [401, 200, 200, 200, 200, 200, 200] },
  { method: 'GET', route: '/api/kpi/attainment',                            expect: [401, 200, 200, 200, 200, 200, 200] },
  { method: 'GET', route: '/api/kpi/rankings',                              expect: [401, 200, 200, 200, 200, 200, 200] },
  { method: 'GET', route: '/api/kpi/trend',                                 expect: [401, 200, 200, 200, 200, 200, 200] },
  { method: 'GET', route: '/api/kpi/retention',                             expect: [401, 200, 200, 200, 200, 200, 200] },
  { method: 'GET', route: '/api/kpi/retention/customers', url: '/api/kpi/retention/customers?kind=churned',
                                                                            expect: [401, 200, 200, 200, 200, 200, 200] },
  { method: 'GET', route: '/api/kpi/visits',                                expect: [401, 200, 200, 200, 200, 200, 200] },
  { method: 'GET', route: '/api/kpi/visits/weekly',                         expect: [401, 200, 200, 200, 200, 200, 200] },
  { method: 'GET', route: '/api/metrics/definitions',                       expect: [401, 200, 200, 200, 200, 200, 200] },
  { method: 'GET', route: '/api/filters/options',                           expect: [401, 200, 200, 200, 200, 200, 200] },
  // People: Alice's (R1) evaluation — not for assistants; outside Carol's scope it does not exist.
  { method: 'GET', route: '/api/reps',                                      expect: [401, 200, 200, 200, 200, 200, 200] },
  { method: 'GET', route: '/api/reps/:id/evaluation', url: '/api/reps/R1/evaluation',
                                                                            expect: [401, 200, 200, 200, 200, 404, 403] },
  { method: 'GET', route: '/api/reps/:id/review', url: '/api/reps/R1/review?period=2025-03',
                                                                            expect: [401, 200, 200, 200, 200, 404, 403] },
  { method: 'PUT', route: '/api/reps/:id/review', url: '/api/reps/R1/review?period=2025-03', body: { comment: 'Keep going', rating: 4 },
                                                                            expect: [401, 200, 200, 200, 403, 403, 403] },
  // Customers and order lines: C1 belongs to Alice (T1), outside Carol's scope.
  { method: 'GET', route: '/api/customers',                                 expect: [401, 200, 200, 200, 200, 200, 200] },
  { method: 'GET', route: '/api/customers/:id', url: '/api/customers/C1',   expect: [401, 200, 200, 200, 200, 404, 200] },
  { method: 'GET', route: '/api/orders',                                    expect: [401, 200, 200, 200, 200, 200, 200] },
  // Settings: everyone reads, admins and managers change.
  { method: 'GET', route: '/api/settings',                                  expect: [401, 200, 200, 200, 200, 200, 200] },
  { method: 'PUT', route: '/api/settings', body: { reportingCurrency: 'CNY' }, expect: [401, 200, 200, 403, 403, 403, 403] },
  // Imports, undo and data quality: admins, managers and assistants (no batch "nope": 404 once allowed).
  { method: 'POST', route: '/api/imports/preview', upload: {},              expect: [401, 200, 200, 403, 403, 403, 200] },
  { method: 'POST', route: '/api/imports', url: '/api/imports?dryRun=1', upload: { dataset: 'orders', mode: 'append' },
                                                                            expect: [401, 200, 200, 403, 403, 403, 200] },
  { method: 'GET', route: '/api/imports/active',                            expect: [401, 200, 200, 403, 403, 403, 200] },
  { method: 'GET', route: '/api/imports',                                   expect: [401, 200, 200, 403, 403, 403, 200] },
  { method: 'GET', route: '/api/imports/:id', url: '/api/imports/nope',     expect: [401, 404, 404, 403, 403, 403, 404] },
  { method: 'DELETE', route: '/api/imports/:id', url: '/api/imports/nope',  expect: [401, 404, 404, 403, 403, 403, 404] },
  { method: 'GET', route: '/api/data-quality',                              expect: [401, 200, 200, 403, 403, 403, 200] },
  // Exports: Alice's own review pack (she may export it, Carol may not); tables for admin, manager, supervisor.
  { method: 'GET', route: '/api/exports/review-pack', url: '/api/exports/review-pack?rep=R1&period=2025-03&format=xlsx',
                                                                            expect: [401, 200, 200, 200, 200, 403, 403] },
  { method: 'GET', route: '/api/exports/table/:name', url: '/api/exports/table/orders?period=2025-03',
                                                                            expect: [401, 200, 200, 200, 403, 403, 403] },
];

/** The app's own /api routes as "METHOD /path", read from its route tree (HEAD mirrors GET). */
function registeredApiRoutes(tree: string): string[] {
  const found: string[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^((?:│ {3}| {4})*)[├└]── (\S+)(?: \(([^)]*)\))?\s*$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    const full = stack.join('') + m[2]!;
    stack.push(m[2]!);
    if (!full.startsWith('/api')) continue;
    for (const method of (m[3] ?? '').split(',').map((s) => s.trim())) {
      if (method && method !== 'HEAD') found.push(`${method} ${full}`);
    }
  }
  return found.sort();
}

async function multipart(fields: Record<string, string>): Promise<{ payload: Buffer; contentType: string }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([ORDERS_CSV]), 'orders.csv');
  const res = new Response(form);
  return { payload: Buffer.from(await res.arrayBuffer()), contentType: res.headers.get('content-type')! };
}

describe('roles × routes', () => {
  let t: KpiTestApp;
  const headers = {} as Record<Who, Record<string, string>>;

  const request = async (who: Who, c: RouteCase): Promise<number> => {
    const url = (c.url ?? c.route).replace('{target}', targetUserId).replace('{othersToken}', othersTokenId);
    let h: Record<string, string> = headers[who];
    if (c.fresh && who !== 'anonymous') h = (await loginAs(t.app, USERNAME[who])).headers;
    if (c.upload) {
      const body = await multipart(c.upload);
      const res = await t.app.inject({ method: c.method, url, payload: body.payload, headers: { ...h, 'content-type': body.contentType } });
      return res.statusCode;
    }
    const res = await t.app.inject({ method: c.method, url, headers: h, ...(c.body === undefined ? {} : { payload: c.body as object }) });
    return res.statusCode;
  };

  beforeAll(async () => {
    t = await createKpiTestApp();
    // Ann, an assistant on team T1's roster (her scope: the team she belongs to).
    await t.db.transaction((conn) =>
      run(
        conn,
        `INSERT INTO reps (rep_id, valid_from, name, role, team, region, manager_id, hire_date, batch_id)
         VALUES ('A1', DATE '1900-01-01', 'Ann', 'assistant', $team, $region, 'S1', DATE '2024-01-01', 'fx')`,
        { team: T1, region: EAST },
      ),
    );
    await createUser(t.db, { username: 'mona', role: 'manager' });
    await createUser(t.db, { username: 'carol', role: 'account_manager', repId: 'R3' });
    await createUser(t.db, { username: 'ann', role: 'assistant', repId: 'A1' });
    targetUserId = (await createUser(t.db, { username: 'target.user', role: 'rep', repId: 'R2' })).userId;
    const outsider = await createUser(t.db, { username: 'outsider', role: 'manager' });
    othersTokenId = (await createToken(t.db, systemClock, outsider.userId, 'not yours')).id;
    headers.anonymous = {};
    headers.admin = t.as.admin;
    headers.supervisor = t.as.supervisor;
    headers.rep = t.as.rep;
    for (const who of ['manager', 'account_manager', 'assistant'] as const) headers[who] = (await loginAs(t.app, USERNAME[who])).headers;
  });
  afterAll(async () => t?.close());

  it('has a row for every registered /api route, and no row for a route that does not exist', () => {
    const listed = [...new Set(MATRIX.map((c) => `${c.method} ${c.route}`))].sort();
    expect(listed).toEqual(registeredApiRoutes(t.app.printRoutes({ commonPrefix: false })));
  });

  for (const c of MATRIX) {
    it(`${c.method} ${c.url ?? c.route}`, { timeout: 60_000 }, async () => {
      const actual: Record<string, number> = {};
      for (const who of WHO) {
        actual[who] = await request(who, c);
        // Put the changed password back, so later sign-ins still work.
        if (c.route === '/api/auth/password' && who !== 'anonymous') {
          const user = await findUserByUsername(t.db, USERNAME[who]);
          await updateUser(t.db, user!.userId, { passwordHash: await hashPassword(DEFAULT_TEST_PASSWORD) });
        }
      }
      expect(actual).toEqual(Object.fromEntries(WHO.map((who, i) => [who, c.expect[i]])));
    });
  }

  describe('reaching other people’s data', () => {
    const get = async (who: Who, url: string) => {
      const res = await t.app.inject({ method: 'GET', url, headers: headers[who] });
      return { status: res.statusCode, body: String(res.headers['content-type'] ?? '').includes('json') ? res.json() : null };
    };

    it("refuses a rep another rep's evaluation, review, customer, order lines and exports", async () => {
      // Bob (R2) is Alice's teammate; C5 is Bob's customer, never sold to by Alice.
      const tries: Array<[string, number]> = [
        ['/api/reps/R2/evaluation', 404],
        ['/api/reps/R2/review?period=2025-03', 404],
        ['/api/customers/C5', 404],
        ['/api/orders?rep=R2', 403],
        ['/api/orders?customer=C5', 403],
        ['/api/kpi/attainment?rep=R2', 403],
        ['/api/exports/review-pack?rep=R2&format=xlsx', 403],
        ['/api/exports/review-pack?rep=R1&rep=R2&format=xlsx', 403],
        ['/api/exports/review-pack?format=xlsx', 403],
        ['/api/exports/table/orders?rep=R2', 403],
      ];
      const statuses = [];
      for (const [url] of tries) statuses.push([url, (await get('rep', url)).status]);
      expect(statuses).toEqual(tries);
    });

    it('gives a rep only their own customers and order lines without a filter', async () => {
      // Alice owns C1 and C2 and sells only to them; her March lines: O301 (2 lines), O302, O303 (a return).
      const customers = await get('rep', '/api/customers');
      expect(customers.body.rows.map((r: { customerId: string }) => r.customerId).sort()).toEqual(['C1', 'C2']);
      const orders = await get('rep', '/api/orders?period=2025-03');
      expect(orders.body.rows.map((r: { orderId: string; lineNo: number; repId: string }) => `${r.orderId}-${r.lineNo}-${r.repId}`).sort()).toEqual([
        'O301-1-R1',
        'O301-2-R1',
        'O302-1-R1',
        'O303-1-R1',
      ]);
      const reps = await get('rep', '/api/reps');
      expect(reps.body.rows.map((r: { repId: string }) => r.repId)).toEqual(['R1']);
    });

    it("refuses an account manager a rep's evaluation and customer", async () => {
      expect((await get('account_manager', '/api/reps/R1/evaluation')).status).toBe(404);
      expect((await get('account_manager', '/api/customers/C1')).status).toBe(404);
      expect((await get('account_manager', '/api/orders?customer=C1')).status).toBe(403);
      expect((await get('account_manager', '/api/exports/review-pack?rep=R1&format=xlsx')).status).toBe(403);
    });

    it("refuses a supervisor another team's reps, customers, order lines and exports", async () => {
      // Team T2: Carol (R3) with key accounts C3 and C4, and Dave (R4).
      const tries: Array<[string, number]> = [
        ['/api/reps/R3/evaluation', 404],
        ['/api/reps/R4/evaluation', 404],
        ['/api/reps/R3/review?period=2025-03', 404],
        ['/api/customers/C3', 404],
        ['/api/customers/C4', 404],
        ['/api/orders?rep=R3', 403],
        ['/api/orders?customer=C4', 403],
        ['/api/kpi/overview?rep=R3', 403],
        ['/api/exports/review-pack?rep=R3&format=xlsx', 403],
        [`/api/exports/review-pack?team=${encodeURIComponent(T2)}&format=xlsx`, 403],
        ['/api/exports/table/orders?rep=R3', 403],
      ];
      const statuses = [];
      for (const [url] of tries) statuses.push([url, (await get('supervisor', url)).status]);
      expect(statuses).toEqual(tries);
      const review = await t.app.inject({
        method: 'PUT',
        url: '/api/reps/R3/review?period=2025-03',
        headers: headers.supervisor,
        payload: { comment: 'not mine', rating: 1 },
      });
      expect(review.statusCode).toBe(404);
    });

    it("shows a supervisor nothing of another team when filtering by it", async () => {
      const team = encodeURIComponent(T2);
      const attainment = await get('supervisor', `/api/kpi/attainment?team=${team}`);
      expect(attainment.status).toBe(200);
      expect(attainment.body.rows).toEqual([]);
      const orders = await get('supervisor', `/api/orders?team=${team}&period=2025-03`);
      expect(orders.body.rows).toEqual([]);
      // Without a filter: only T1's lines (Alice's 4 and Bob's 4 in March).
      const all = await get('supervisor', '/api/orders?period=2025-03');
      const repsSeen = new Set(all.body.rows.map((r: { repId: string }) => r.repId));
      expect([...repsSeen].sort()).toEqual(['R1', 'R2']);
      expect(all.body.rows).toHaveLength(8);
    });

    it('lets an assistant see the team it belongs to and nothing else', async () => {
      const reps = await get('assistant', '/api/reps');
      expect(reps.body.rows.map((r: { repId: string }) => r.repId).sort()).toEqual(['A1', 'R1', 'R2', 'S1']);
      expect((await get('assistant', '/api/orders?rep=R3')).status).toBe(403);
      expect((await get('assistant', '/api/customers/C3')).status).toBe(404);
    });

    it('revokes only the caller’s own tokens', async () => {
      const created = await t.app.inject({ method: 'POST', url: '/api/tokens', headers: headers.rep, payload: { name: 'mine' } });
      const id = created.json().id as string;
      const byOther = await t.app.inject({ method: 'DELETE', url: `/api/tokens/${id}`, headers: headers.account_manager });
      expect(byOther.statusCode).toBe(404);
      const byOwner = await t.app.inject({ method: 'DELETE', url: `/api/tokens/${id}`, headers: headers.rep });
      expect(byOwner.statusCode).toBe(204);
    });
  });
});
