// Sign-in over the API: login, me, logout, cookie flags, session rotation, idle expiry, CSRF.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyRequest } from 'fastify';
import { one } from '../../server/db/query.ts';
import { sessionCookieOptions } from '../../server/auth/plugin.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createUser, loginAs, useManualClock } from '../helpers/auth.ts';

const HOUR = 3600_000;

describe('sign-in', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await createUser(t.db, { username: 'alice', role: 'rep', repId: 'R1', password: 'alice-password', displayName: 'Alice Wang' });
  });
  afterAll(async () => t.close());

  it('signs in with the right password, answering the user and a session cookie', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'alice', password: 'alice-password' } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toEqual({ username: 'alice', displayName: 'Alice Wang', role: 'rep', repId: 'R1', csrfToken: expect.any(String) });
    expect(body.csrfToken.length).toBeGreaterThanOrEqual(40);
    const cookie = res.cookies.find((c) => c.name === 'attain_session');
    expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    expect(cookie?.path).toBe('/');
    expect(cookie?.secure).toBeUndefined();
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('marks the cookie Secure when the request came over HTTPS', () => {
    expect(sessionCookieOptions({ protocol: 'https' } as FastifyRequest)).toMatchObject({ secure: true, httpOnly: true, sameSite: 'lax' });
    expect(sessionCookieOptions({ protocol: 'http' } as FastifyRequest)).toMatchObject({ secure: false });
  });

  it('accepts the username in any case', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'ALICE', password: 'alice-password' } });
    expect(res.statusCode).toBe(200);
  });

  it('refuses a wrong password and an unknown user with the same answer', async () => {
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '10.1.0.1', payload: { username: 'alice', password: 'nope-nope' } });
    const unknown = await t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '10.1.0.1', payload: { username: 'nobody', password: 'nope-nope' } });
    for (const res of [wrong, unknown]) {
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({ error: { code: 'invalid_credentials', message: 'Wrong username or password.' } });
      expect(res.cookies.find((c) => c.name === 'attain_session')).toBeUndefined();
    }
  });

  it('refuses a login body with unknown fields or missing password', async () => {
    const extra = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'alice', password: 'x', remember: true } });
    expect(extra.statusCode).toBe(400);
    const missing = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'alice' } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toContain('password');
  });

  it('answers me for the session and 401 without one', async () => {
    const s = await loginAs(t.app, 'alice', 'alice-password');
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: s.cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual({ username: 'alice', displayName: 'Alice Wang', role: 'rep', repId: 'R1', csrfToken: s.csrfToken });
    const anon = await t.app.inject({ method: 'GET', url: '/api/auth/me' });
    expect(anon.statusCode).toBe(401);
    expect(anon.json().error.code).toBe('unauthenticated');
    const forged = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: 'attain_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' } });
    expect(forged.statusCode).toBe(401);
  });

  it('stores only a hash of the session id', async () => {
    const s = await loginAs(t.app, 'alice', 'alice-password');
    const raw = s.cookie.slice('attain_session='.length);
    const { createHash } = await import('node:crypto');
    const hash = createHash('sha256').update(raw).digest('hex');
    const found = await t.db.read((c) => one(c, 'SELECT count(*) FILTER (WHERE session_hash = $raw) AS plain, count(*) FILTER (WHERE session_hash = $hash) AS hashed FROM sessions', { raw, hash }));
    expect(found).toEqual({ plain: 0, hashed: 1 });
  });

  it('logs out: needs the CSRF header, ends the session and clears the cookie', async () => {
    const s = await loginAs(t.app, 'alice', 'alice-password');
    const noCsrf = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: s.cookie } });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.code).toBe('csrf_failed');
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: s.headers });
    expect(out.statusCode).toBe(204);
    const cleared = out.cookies.find((c) => c.name === 'attain_session');
    expect(cleared?.value).toBe('');
    expect(cleared?.expires?.getTime()).toBeLessThan(Date.now());
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: s.cookie } });
    expect(me.statusCode).toBe(401);
  });

  it('rotates the session on login: a new id each time, and the one sent along is ended', async () => {
    const first = await loginAs(t.app, 'alice', 'alice-password');
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { cookie: first.cookie }, payload: { username: 'alice', password: 'alice-password' } });
    expect(res.statusCode).toBe(200);
    const second = res.cookies.find((c) => c.name === 'attain_session')!.value;
    expect(`attain_session=${second}`).not.toBe(first.cookie);
    expect(res.json().csrfToken).not.toBe(first.csrfToken);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: first.cookie } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `attain_session=${second}` } })).statusCode).toBe(200);
  });

  it('refuses state-changing cookie requests without the right x-csrf-token', async () => {
    const s = await loginAs(t.app, 'alice', 'alice-password');
    const body = { name: 'laptop' };
    const missing = await t.app.inject({ method: 'POST', url: '/api/tokens', headers: { cookie: s.cookie }, payload: body });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().error.code).toBe('csrf_failed');
    const wrong = await t.app.inject({ method: 'POST', url: '/api/tokens', headers: { cookie: s.cookie, 'x-csrf-token': 'x'.repeat(43) }, payload: body });
    expect(wrong.statusCode).toBe(403);
    const other = await loginAs(t.app, 'alice', 'alice-password');
    const otherSessionsToken = await t.app.inject({ method: 'POST', url: '/api/tokens', headers: { cookie: s.cookie, 'x-csrf-token': other.csrfToken }, payload: body });
    expect(otherSessionsToken.statusCode).toBe(403);
    const right = await t.app.inject({ method: 'POST', url: '/api/tokens', headers: s.headers, payload: body });
    expect(right.statusCode).toBe(201);
    // Reads need no token.
    expect((await t.app.inject({ method: 'GET', url: '/api/tokens', headers: { cookie: s.cookie } })).statusCode).toBe(200);
  });
});

describe('idle expiry', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await createUser(t.db, { username: 'bob', role: 'manager', password: 'bob-password' });
  });
  afterAll(async () => t.close());

  it('keeps a session alive while used and ends it after 8 idle hours', async () => {
    const clock = useManualClock(t.app);
    const s = await loginAs(t.app, 'bob', 'bob-password');
    const me = () => t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: s.cookie } });
    clock.advance(7 * HOUR + 59 * 60_000);
    expect((await me()).statusCode).toBe(200);
    // Sliding: 7 h 59 min after that last use is still within the limit.
    clock.advance(7 * HOUR + 59 * 60_000);
    expect((await me()).statusCode).toBe(200);
    clock.advance(8 * HOUR + 1000);
    expect((await me()).statusCode).toBe(401);
    // Signing in again works at once.
    expect((await loginAs(t.app, 'bob', 'bob-password')).csrfToken).toBeTruthy();
  });

  it('writes the last activity to the database, so the limit survives a restart', async () => {
    const clock = useManualClock(t.app, Date.parse('2025-04-01T08:00:00Z'));
    const s = await loginAs(t.app, 'bob', 'bob-password');
    clock.advance(2 * HOUR);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: s.cookie } })).statusCode).toBe(200);
    await t.db.write(async () => undefined); // the activity write is queued behind the request
    const { createHash } = await import('node:crypto');
    const hash = createHash('sha256').update(s.cookie.slice('attain_session='.length)).digest('hex');
    const row = await t.db.read((c) =>
      one(c, "SELECT strftime(last_seen_at, '%Y-%m-%dT%H:%M:%SZ') AS seen, strftime(expires_at, '%Y-%m-%dT%H:%M:%SZ') AS expires FROM sessions WHERE session_hash = $hash", { hash }),
    );
    expect(row).toEqual({ seen: '2025-04-01T10:00:00Z', expires: '2025-04-01T18:00:00Z' });
  });
});
