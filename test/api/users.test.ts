// Admin account management (/api/users), own password change, and the audit log route.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../server/db/query.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createUser, loginAs, type LoggedIn } from '../helpers/auth.ts';

describe('account management', () => {
  let t: TestApp;
  let admin: LoggedIn;
  let rep: LoggedIn;
  beforeAll(async () => {
    t = await createTestApp();
    await t.db.write((c) =>
      run(c, `INSERT INTO reps (rep_id, name, role, team, batch_id) VALUES ('R1', '李雷', 'rep', '华东一组', 'b0'), ('S1', '韩梅', 'supervisor', '华东一组', 'b0')`),
    );
    await createUser(t.db, { username: 'admin', role: 'admin', password: 'admin-password' });
    await createUser(t.db, { username: 'lilei', role: 'rep', repId: 'R1', password: 'lilei-password' });
    admin = await loginAs(t.app, 'admin', 'admin-password');
    rep = await loginAs(t.app, 'lilei', 'lilei-password');
  });
  afterAll(async () => t.close());

  const create = (payload: Record<string, unknown>, headers = admin.headers) => t.app.inject({ method: 'POST', url: '/api/users', headers, payload });
  const patch = (id: string, payload: Record<string, unknown>, headers = admin.headers) =>
    t.app.inject({ method: 'PATCH', url: `/api/users/${id}`, headers, payload });

  it('keeps account routes for admins: 401 signed out, 403 for other roles', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/users' })).statusCode).toBe(401);
    const list = await t.app.inject({ method: 'GET', url: '/api/users', headers: rep.headers });
    expect(list.statusCode).toBe(403);
    expect(list.json().error.code).toBe('forbidden');
    expect((await create({ username: 'x1', displayName: 'X', password: 'long-enough', role: 'admin' }, rep.headers)).statusCode).toBe(403);
    expect((await patch('whatever', { role: 'admin' }, rep.headers)).statusCode).toBe(403);
  });

  it('creates an account linked to a roster rep, and lists it', async () => {
    const res = await create({ username: 'HanMei', displayName: '韩梅', password: 'hanmei-password', role: 'supervisor', repId: 'S1' });
    expect(res.statusCode).toBe(201);
    const user = res.json();
    expect(user).toMatchObject({ username: 'hanmei', displayName: '韩梅', role: 'supervisor', repId: 'S1', active: true, isDemo: false });
    expect(user).not.toHaveProperty('password');
    expect(user).not.toHaveProperty('passwordHash');
    const list = await t.app.inject({ method: 'GET', url: '/api/users', headers: admin.headers });
    expect(list.json().rows.map((u: { username: string }) => u.username)).toEqual(['admin', 'hanmei', 'lilei']);
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: (await loginAs(t.app, 'hanmei', 'hanmei-password')).headers });
    expect(me.json()).toMatchObject({ username: 'hanmei', role: 'supervisor', repId: 'S1' });
  });

  it('refuses duplicates (in any case), unknown reps, bad roles, short passwords and unknown fields', async () => {
    const dup = await create({ username: 'LILEI', displayName: 'x', password: 'long-enough', role: 'rep' });
    expect(dup.statusCode).toBe(409);
    const unknownRep = await create({ username: 'ghost', displayName: 'x', password: 'long-enough', role: 'rep', repId: 'R404' });
    expect(unknownRep.statusCode).toBe(400);
    expect(unknownRep.json().error.details).toEqual([{ parameter: 'repId', message: 'unknown rep "R404"' }]);
    expect((await create({ username: 'x2', displayName: 'x', password: 'long-enough', role: 'boss' })).statusCode).toBe(400);
    const short = await create({ username: 'x3', displayName: 'x', password: 'short', role: 'rep' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.details[0].parameter).toBe('password');
    expect((await create({ username: 'x4', displayName: 'x', password: 'long-enough', role: 'rep', admin: true })).statusCode).toBe(400);
    expect((await create({ username: 'has space', displayName: 'x', password: 'long-enough', role: 'rep' })).statusCode).toBe(400);
  });

  it('changes role and rep link, effective on the next request of that user', async () => {
    const made = (await create({ username: 'wang', displayName: '王', password: 'wang-password', role: 'rep', repId: 'R1' })).json();
    const wang = await loginAs(t.app, 'wang', 'wang-password');
    const res = await patch(made.id, { role: 'assistant', repId: null, displayName: '王助理' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: made.id, role: 'assistant', repId: null, displayName: '王助理' });
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: wang.headers });
    expect(me.json()).toMatchObject({ role: 'assistant', repId: null, displayName: '王助理' });
    expect((await patch(made.id, {})).statusCode).toBe(400);
    expect((await patch('no-such-id', { role: 'rep' })).statusCode).toBe(404);
  });

  it('resets a password: the old one and the user\'s sessions stop working', async () => {
    const made = (await create({ username: 'zhao', displayName: '赵', password: 'zhao-password', role: 'rep', repId: 'R1' })).json();
    const zhao = await loginAs(t.app, 'zhao', 'zhao-password');
    expect((await patch(made.id, { password: 'zhao-new-password' })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: zhao.headers })).statusCode).toBe(401);
    await expect(loginAs(t.app, 'zhao', 'zhao-password')).rejects.toThrow(/401/);
    await expect(loginAs(t.app, 'zhao', 'zhao-new-password')).resolves.toBeTruthy();
  });

  it('disables an account: its sessions end and sign-in says it is disabled', async () => {
    const made = (await create({ username: 'qian', displayName: '钱', password: 'qian-password', role: 'rep', repId: 'R1' })).json();
    const qian = await loginAs(t.app, 'qian', 'qian-password');
    expect((await patch(made.id, { active: false })).json().active).toBe(false);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: qian.headers })).statusCode).toBe(401);
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'qian', password: 'qian-password' } });
    expect(login.statusCode).toBe(403);
    expect(login.json().error.code).toBe('account_disabled');
    // A wrong password still gets the generic answer, so disabled accounts cannot be discovered.
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'qian', password: 'wrong-password' } });
    expect(wrong.statusCode).toBe(401);
    expect((await patch(made.id, { active: true })).statusCode).toBe(200);
    await expect(loginAs(t.app, 'qian', 'qian-password')).resolves.toBeTruthy();
  });

  it('keeps at least one active admin', async () => {
    const list = (await t.app.inject({ method: 'GET', url: '/api/users', headers: admin.headers })).json();
    const adminId = list.rows.find((u: { username: string }) => u.username === 'admin').id;
    const demote = await patch(adminId, { role: 'manager' });
    expect(demote.statusCode).toBe(409);
    expect((await patch(adminId, { active: false })).statusCode).toBe(409);
  });

  it('lets users change their own password with the current one; other sessions end', async () => {
    await createUser(t.db, { username: 'sun', role: 'rep', repId: 'R1', password: 'sun-password' });
    const here = await loginAs(t.app, 'sun', 'sun-password');
    const elsewhere = await loginAs(t.app, 'sun', 'sun-password');
    const change = (payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/auth/password', headers: here.headers, payload });
    const wrong = await change({ currentPassword: 'not-it', newPassword: 'sun-new-password' });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error.code).toBe('wrong_password');
    expect((await change({ currentPassword: 'sun-password', newPassword: 'short' })).statusCode).toBe(400);
    expect((await change({ currentPassword: 'sun-password', newPassword: 'sun-new-password' })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: here.headers })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: elsewhere.headers })).statusCode).toBe(401);
    await expect(loginAs(t.app, 'sun', 'sun-password')).rejects.toThrow(/401/);
    await expect(loginAs(t.app, 'sun', 'sun-new-password')).resolves.toBeTruthy();
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/password', payload: { currentPassword: 'a', newPassword: 'bbbbbbbbbb' } })).statusCode).toBe(401);
  });

  it('lists the audit log for admins, newest first, paged and filtered', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/audit', headers: rep.headers })).statusCode).toBe(403);
    const res = await t.app.inject({ method: 'GET', url: '/api/audit?action=user_created&limit=2', headers: admin.headers });
    expect(res.statusCode).toBe(200);
    const page = res.json();
    // user_created so far, in order: hanmei, wang, zhao, qian (the failed attempts created none).
    expect(page.total).toBe(4);
    expect(page.rows.map((r: { detail: { username: string } }) => r.detail.username)).toEqual(['qian', 'zhao']);
    expect(page.rows[0]).toMatchObject({ username: 'admin', action: 'user_created', ip: '127.0.0.1', detail: { role: 'rep', repId: 'R1' } });
    expect(page.rows[0].loggedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const next = (await t.app.inject({ method: 'GET', url: '/api/audit?action=user_created&limit=2&offset=2', headers: admin.headers })).json();
    expect(next.rows.map((r: { detail: { username: string } }) => r.detail.username)).toEqual(['wang', 'hanmei']);
    const updates = (await t.app.inject({ method: 'GET', url: '/api/audit?action=user_updated&limit=500', headers: admin.headers })).json();
    const reset = updates.rows.find((r: { detail: { username: string; passwordReset: boolean } }) => r.detail.username === 'zhao');
    expect(reset.detail).toMatchObject({ changed: [], passwordReset: true });
    expect(JSON.stringify(updates.rows)).not.toContain('zhao-new-password');
    expect((await t.app.inject({ method: 'GET', url: '/api/audit?limit=0', headers: admin.headers })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/audit?sort=asc', headers: admin.headers })).statusCode).toBe(400);
  });
});
