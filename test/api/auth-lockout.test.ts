// Failed sign-ins: per-account lockout (5 failures → 15 minutes), per-address limit (20 failures),
// and the audit entries they leave; plus creation of the first admin account.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureFirstAdmin } from '../../server/auth/bootstrap.ts';
import { rows } from '../../server/db/query.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createUser, loginAs, useManualClock, type ManualClock } from '../helpers/auth.ts';

const MINUTE = 60_000;

describe('lockout', () => {
  let t: TestApp;
  let clock: ManualClock;
  beforeEach(async () => {
    t = await createTestApp();
    clock = useManualClock(t.app);
    await createUser(t.db, { username: 'carol', role: 'rep', repId: 'R1', password: 'carol-password' });
    await createUser(t.db, { username: 'dave', role: 'rep', repId: 'R2', password: 'dave-password' });
  });
  afterEach(async () => t.close());

  const attempt = (username: string, password: string, remoteAddress = '10.0.0.1') =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, payload: { username, password } });

  it('locks an account for 15 minutes after 5 failures, even against the right password', async () => {
    for (let i = 1; i <= 4; i++) {
      clock.advance(MINUTE);
      expect((await attempt('carol', `wrong-${i}`)).statusCode).toBe(401);
    }
    clock.advance(MINUTE);
    const fifth = await attempt('carol', 'wrong-5');
    expect(fifth.statusCode).toBe(429);
    expect(fifth.json().error.code).toBe('account_locked');
    expect(fifth.json().error.message).toBe(
      'This account is locked for 15 more minutes after 5 failed sign-ins; try again later or ask an administrator to reset the password.',
    );
    expect(fifth.headers['retry-after']).toBe('900');

    clock.advance(10 * MINUTE);
    const during = await attempt('carol', 'carol-password', '10.0.0.2');
    expect(during.statusCode).toBe(429);
    expect(during.json().error.details).toEqual({ retryAfterSeconds: 300 });
    // Other accounts are unaffected.
    expect((await attempt('dave', 'dave-password')).statusCode).toBe(200);

    clock.advance(5 * MINUTE);
    expect((await attempt('carol', 'carol-password')).statusCode).toBe(200);
  });

  it('counts only failures within 15 minutes of each other, and a success starts afresh', async () => {
    for (let i = 0; i < 4; i++) expect((await attempt('carol', 'wrong')).statusCode).toBe(401);
    clock.advance(16 * MINUTE);
    // The fifth failure is too late to join the first four.
    expect((await attempt('carol', 'wrong')).statusCode).toBe(401);
    for (let i = 0; i < 3; i++) expect((await attempt('carol', 'wrong')).statusCode).toBe(401);
    expect((await attempt('carol', 'carol-password')).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) expect((await attempt('carol', 'wrong')).statusCode).toBe(401);
    expect((await attempt('carol', 'wrong')).statusCode).toBe(429);
  });

  it('blocks an address after 20 failures across accounts, not other addresses', async () => {
    for (let i = 1; i <= 19; i++) expect((await attempt(`guess${i}`, 'wrong', '192.0.2.7')).statusCode).toBe(401);
    const twentieth = await attempt('guess20', 'wrong', '192.0.2.7');
    expect(twentieth.statusCode).toBe(429);
    expect(twentieth.json().error).toMatchObject({ code: 'too_many_attempts', message: 'Too many failed sign-ins from this address; try again in 15 minutes.' });
    expect((await attempt('carol', 'carol-password', '192.0.2.7')).statusCode).toBe(429);
    expect((await attempt('carol', 'carol-password', '192.0.2.8')).statusCode).toBe(200);
    clock.advance(15 * MINUTE);
    expect((await attempt('dave', 'dave-password', '192.0.2.7')).statusCode).toBe(200);
  });

  it('audits successes, failures and refusals', async () => {
    await attempt('carol', 'wrong', '10.9.9.9');
    await attempt('ghost', 'wrong', '10.9.9.9');
    await attempt('carol', 'carol-password', '10.9.9.9');
    const found = await t.db.read((c) =>
      rows(c, "SELECT username, action, CAST(detail AS VARCHAR) AS detail, ip FROM audit_log WHERE ip = '10.9.9.9' ORDER BY rowid"),
    );
    expect(found).toEqual([
      { username: 'carol', action: 'login_failed', detail: '{"reason":"wrong_password"}', ip: '10.9.9.9' },
      { username: 'ghost', action: 'login_failed', detail: '{"reason":"unknown_user"}', ip: '10.9.9.9' },
      { username: 'carol', action: 'login', detail: '{"via":"password"}', ip: '10.9.9.9' },
    ]);
  });
});

describe('first admin', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => t.close());

  it('creates admin with the given password, once', async () => {
    expect(await ensureFirstAdmin(t.db, 'given-admin-pass')).toEqual({ created: true, generatedPassword: null });
    expect(await ensureFirstAdmin(t.db, 'another-password')).toEqual({ created: false, generatedPassword: null });
    const s = await loginAs(t.app, 'admin', 'given-admin-pass');
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: s.cookie } });
    expect(me.json()).toMatchObject({ username: 'admin', role: 'admin', repId: null });
    const users = await t.db.read((c) => rows(c, 'SELECT username, role, is_demo FROM users'));
    expect(users).toEqual([{ username: 'admin', role: 'admin', is_demo: false }]);
  });

  it('generates a password when none is configured, and it signs in', async () => {
    const result = await ensureFirstAdmin(t.db, null);
    expect(result.created).toBe(true);
    expect(result.generatedPassword).toMatch(/^[A-Za-z0-9]{16}$/);
    await expect(loginAs(t.app, 'admin', result.generatedPassword!)).resolves.toMatchObject({ csrfToken: expect.any(String) });
    expect(await ensureFirstAdmin(t.db, null)).toEqual({ created: false, generatedPassword: null });
  });

  it('creates none when an admin already exists under another name', async () => {
    await createUser(t.db, { username: 'root', role: 'admin' });
    expect(await ensureFirstAdmin(t.db, 'x-password')).toEqual({ created: false, generatedPassword: null });
  });
});
