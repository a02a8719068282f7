// DELETE /api/admin/demo: an admin removes the demo facts, their batches and the demo accounts in one
// action; real imports stay; /api/health reports whether demo data is loaded.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../pipelines/import.ts';
import { ensureDemoAccounts } from '../../server/auth/demo.ts';
import { one, rows, run } from '../../server/db/query.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createUser, loginAs, type LoggedIn } from '../helpers/auth.ts';

const REPS_CSV = [
  'Rep ID,Name,Role,Team,Region,Manager ID,Email,Hire Date',
  'M1,王经理,manager,华东一组,华东,,m1@example.cn,2020-01-06',
  'R1,张三,rep,华东一组,华东,M1,r1@example.cn,2021-03-01',
  'R2,李四,rep,华东一组,华东,M1,r2@example.cn,2022-05-09',
].join('\n');

const ORDERS_CSV = [
  'Order ID,Line No,Order Date,Customer ID,Rep ID,Amount',
  'O1,1,2025-03-03,C1,R1,200',
  'O1,2,2025-03-03,C1,R1,45.45',
  'O2,1,2025-03-10,C2,R2,300',
  'O3,1,2025-04-02,C1,R1,100',
].join('\n');

const PRODUCTS_CSV = ['SKU,Name,Category,List Price', 'P1,扳手,工具,9.90'].join('\n');

describe('DELETE /api/admin/demo', () => {
  let t: TestApp;
  let admin: LoggedIn;
  let manager: LoggedIn;
  let realBatch: string;
  const count = (sql: string) => t.db.read(async (c) => (await one<{ n: number }>(c, sql))!.n);
  const health = async () => (await t.app.inject({ method: 'GET', url: '/api/health' })).json();

  beforeAll(async () => {
    t = await createTestApp();
    // The demo data as the demo loader writes it: imported with isDemo, the meta flag set, demo accounts made.
    for (const [dataset, csv] of [['reps', REPS_CSV], ['orders', ORDERS_CSV]] as const) {
      const file = path.join(t.dir, `${dataset}.csv`);
      fs.writeFileSync(file, csv);
      const report = await importFile(t.db, { dataset, file, mode: 'append', user: 'demo', isDemo: true });
      expect(report.status).toBe('committed');
    }
    await t.db.transaction((c) => run(c, "UPDATE meta SET value = 'true' WHERE key = 'demo'"));
    expect(await ensureDemoAccounts(t.db)).toEqual(['demo.manager', 'demo.rep']);
    await createUser(t.db, { username: 'admin', role: 'admin' });
    await createUser(t.db, { username: 'boss', role: 'manager' });
    admin = await loginAs(t.app, 'admin');
    manager = await loginAs(t.app, 'boss');
    // A real import made while the demo is loaded survives its removal.
    const file = path.join(t.dir, 'products.csv');
    fs.writeFileSync(file, PRODUCTS_CSV);
    const real = await importFile(t.db, { dataset: 'products', file, mode: 'append', user: 'admin' });
    expect(real.status).toBe('committed');
    realBatch = real.batchId;
  });
  afterAll(async () => t.close());

  it('reports demo data in /api/health while it is loaded', async () => {
    expect(await health()).toMatchObject({ status: 'ok', demo: true });
  });

  it('is for admins only, and a cookie request needs the CSRF header', async () => {
    const res = await t.app.inject({ method: 'DELETE', url: '/api/admin/demo', headers: manager.headers });
    expect(res.statusCode).toBe(403);
    const demoRep = await loginAs(t.app, 'demo.rep', 'demo');
    expect((await t.app.inject({ method: 'DELETE', url: '/api/admin/demo', headers: demoRep.headers })).statusCode).toBe(403);
    const noCsrf = await t.app.inject({ method: 'DELETE', url: '/api/admin/demo', headers: { cookie: admin.cookie } });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.code).toBe('csrf_failed');
    expect(await count('SELECT count(*)::INTEGER AS n FROM orders')).toBe(4);
  });

  it('removes the demo facts, batches and accounts (with their sessions) and keeps real imports', async () => {
    const demoManager = await loginAs(t.app, 'demo.manager', 'demo');
    const res = await t.app.inject({ method: 'DELETE', url: '/api/admin/demo', headers: admin.headers });
    expect(res.statusCode).toBe(200);
    // 3 roster rows + 4 order lines, in 2 batches; 2 demo accounts.
    expect(res.json()).toEqual({ removed: true, batches: 2, rows: 7, accounts: 2 });

    expect(await count('SELECT count(*)::INTEGER AS n FROM orders')).toBe(0);
    expect(await count('SELECT count(*)::INTEGER AS n FROM reps')).toBe(0);
    expect(await count('SELECT count(*)::INTEGER AS n FROM products')).toBe(1);
    expect(await t.db.read((c) => rows(c, 'SELECT batch_id FROM import_batches'))).toEqual([{ batch_id: realBatch }]);
    expect(await count('SELECT count(*)::INTEGER AS n FROM users WHERE is_demo')).toBe(0);
    expect(await count("SELECT count(*)::INTEGER AS n FROM users WHERE username IN ('admin', 'boss')")).toBe(2);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: demoManager.headers })).statusCode).toBe(401);
    expect(await health()).toMatchObject({ demo: false });

    const audited = await t.db.read((c) => rows(c, "SELECT username, CAST(detail AS VARCHAR) AS detail FROM audit_log WHERE action = 'demo_removed'"));
    expect(audited).toHaveLength(1);
    expect(audited[0]!.username).toBe('admin');
    expect(JSON.parse(audited[0]!.detail as string)).toEqual({ batches: 2, rows: 7, accounts: 2 });
  });

  it('answers 409 when there is no demo data', async () => {
    const res = await t.app.inject({ method: 'DELETE', url: '/api/admin/demo', headers: admin.headers });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe('There is no demo data to remove.');
  });
});
