// Demo accounts: one per roster role, linked to sample reps, listed for the login page while demo
// data exists, and removed with their sessions and tokens.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDemoAccounts, removeDemoAccounts } from '../../server/auth/demo.ts';
import { one, rows, run } from '../../server/db/query.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { bearer, createUser, loginAs } from '../helpers/auth.ts';

// The picks, by hand: S1 (S0's team has no reps), R2 (same team as S1 and still employed; R1 left),
// K2 (same team as S1), A1 (the only assistant).
const ROSTER = `
INSERT INTO reps (rep_id, name, role, team, manager_id, leave_date, batch_id) VALUES
  ('M1', '王经理', 'manager', NULL, NULL, NULL, 'demo'),
  ('S0', '空主管', 'supervisor', '空组', 'M1', NULL, 'demo'),
  ('S1', '李主管', 'supervisor', '华东一组', 'M1', NULL, 'demo'),
  ('S2', '赵主管', 'supervisor', '华东二组', 'M1', NULL, 'demo'),
  ('R0', '钱代表', 'rep', '华东二组', 'S2', NULL, 'demo'),
  ('R1', '孙代表', 'rep', '华东一组', 'S1', DATE '2024-06-30', 'demo'),
  ('R2', '周代表', 'rep', '华东一组', 'S1', NULL, 'demo'),
  ('K1', '吴客户经理', 'account_manager', '华东二组', 'S2', NULL, 'demo'),
  ('K2', '郑客户经理', 'account_manager', '华东一组', 'S1', NULL, 'demo'),
  ('A1', '冯助理', 'assistant', '华东二组', 'S2', NULL, 'demo')`;

describe('demo accounts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await t.db.write((c) => run(c, ROSTER));
    await createUser(t.db, { username: 'admin', role: 'admin' });
  });
  afterAll(async () => t.close());

  const listed = async () => (await t.app.inject({ method: 'GET', url: '/api/auth/demo-accounts' })).json();
  const setDemo = (value: 'true' | 'false') => t.db.write((c) => run(c, "UPDATE meta SET value = $value WHERE key = 'demo'", { value }));

  it('creates none and lists none without demo data', async () => {
    expect(await ensureDemoAccounts(t.db)).toEqual([]);
    expect(await listed()).toEqual([]);
  });

  it('creates one account per role while demo data exists, once', async () => {
    await setDemo('true');
    expect(await ensureDemoAccounts(t.db)).toEqual(['demo.manager', 'demo.supervisor', 'demo.rep', 'demo.account_manager', 'demo.assistant']);
    expect(await ensureDemoAccounts(t.db)).toEqual([]);
    expect(await listed()).toEqual([
      { username: 'demo.manager', role: 'manager', displayName: '王经理', passwordHint: 'demo' },
      { username: 'demo.supervisor', role: 'supervisor', displayName: '李主管', passwordHint: 'demo' },
      { username: 'demo.rep', role: 'rep', displayName: '周代表', passwordHint: 'demo' },
      { username: 'demo.account_manager', role: 'account_manager', displayName: '郑客户经理', passwordHint: 'demo' },
      { username: 'demo.assistant', role: 'assistant', displayName: '冯助理', passwordHint: 'demo' },
    ]);
    const links = await t.db.read((c) => rows(c, 'SELECT username, rep_id, is_demo FROM users WHERE is_demo ORDER BY username'));
    expect(links).toEqual([
      { username: 'demo.account_manager', rep_id: 'K2', is_demo: true },
      { username: 'demo.assistant', rep_id: 'A1', is_demo: true },
      { username: 'demo.manager', rep_id: 'M1', is_demo: true },
      { username: 'demo.rep', rep_id: 'R2', is_demo: true },
      { username: 'demo.supervisor', rep_id: 'S1', is_demo: true },
    ]);
  });

  it('signs in with the demo password', async () => {
    const s = await loginAs(t.app, 'demo.rep', 'demo');
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: s.headers });
    expect(me.json()).toMatchObject({ username: 'demo.rep', role: 'rep', repId: 'R2', displayName: '周代表' });
  });

  it('removes demo accounts with their sessions and tokens, keeping real accounts', async () => {
    const s = await loginAs(t.app, 'demo.supervisor', 'demo');
    const token = (await t.app.inject({ method: 'POST', url: '/api/tokens', headers: s.headers, payload: { name: 'demo token' } })).json().secret;
    expect(await removeDemoAccounts(t.db)).toBe(5);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: s.headers })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) })).statusCode).toBe(401);
    const left = await t.db.read((c) =>
      one(c, 'SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM sessions) AS sessions, (SELECT count(*) FROM api_tokens) AS tokens'),
    );
    expect(left).toEqual({ users: 1, sessions: 0, tokens: 0 });
    await setDemo('false');
    expect(await listed()).toEqual([]);
  });
});
