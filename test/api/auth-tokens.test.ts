// API tokens: created with the secret shown once (only its sha256 stored), used as Bearer without
// CSRF, listed without secrets, revoked; and the audit entries they leave.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { one, rows } from '../../server/db/query.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { bearer, createUser, loginAs, type LoggedIn } from '../helpers/auth.ts';

describe('API tokens', () => {
  let t: TestApp;
  let zhou: LoggedIn;
  let wu: LoggedIn;
  const secrets: string[] = [];
  beforeAll(async () => {
    t = await createTestApp();
    await createUser(t.db, { username: 'zhou', role: 'supervisor', repId: 'S1', password: 'zhou-password', displayName: '周' });
    await createUser(t.db, { username: 'wu', role: 'rep', repId: 'R9', password: 'wu-password' });
    zhou = await loginAs(t.app, 'zhou', 'zhou-password');
    wu = await loginAs(t.app, 'wu', 'wu-password');
  });
  afterAll(async () => t.close());

  const newToken = async (name: string, headers = zhou.headers) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/tokens', headers, payload: { name } });
    expect(res.statusCode).toBe(201);
    secrets.push(res.json().secret);
    return res.json() as { id: string; name: string; prefix: string; secret: string; createdAt: string; lastUsedAt: null };
  };

  it('shows the secret once and stores only its sha256', async () => {
    const token = await newToken('pack export');
    expect(token).toMatchObject({ name: 'pack export', lastUsedAt: null });
    expect(token.secret).toMatch(/^attain_[A-Za-z0-9_-]{43}$/);
    expect(token.secret.startsWith(token.prefix)).toBe(true);
    const stored = await t.db.read((c) => one(c, 'SELECT token_hash, prefix FROM api_tokens WHERE token_id = $id', { id: token.id }));
    expect(stored).toEqual({ token_hash: createHash('sha256').update(token.secret).digest('hex'), prefix: token.prefix });
    const anywhere = await t.db.read((c) => rows(c, "SELECT * FROM api_tokens WHERE strpos(CAST(api_tokens AS VARCHAR), $secret) > 0", { secret: token.secret }));
    expect(anywhere).toEqual([]);
    const list = (await t.app.inject({ method: 'GET', url: '/api/tokens', headers: zhou.headers })).json();
    expect(list.rows).toEqual([{ id: token.id, name: 'pack export', prefix: token.prefix, createdAt: token.createdAt, lastUsedAt: null }]);
  });

  it('acts as its user with Bearer, needs no CSRF header, and records its use', async () => {
    const token = await newToken('cli');
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token.secret) });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual({ username: 'zhou', displayName: '周', role: 'supervisor', repId: 'S1', csrfToken: null });
    const write = await t.app.inject({ method: 'POST', url: '/api/tokens', headers: bearer(token.secret), payload: { name: 'made by cli' } });
    expect(write.statusCode).toBe(201);
    secrets.push(write.json().secret);
    await t.db.write(async () => undefined);
    const used = await t.db.read((c) => one(c, 'SELECT last_used_at IS NOT NULL AS used FROM api_tokens WHERE token_id = $id', { id: token.id }));
    expect(used).toEqual({ used: true });
  });

  it('refuses bad and malformed tokens without falling back to the cookie', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { ...bearer('attain_' + 'A'.repeat(43)), cookie: zhou.cookie } });
    expect(res.statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: 'Basic YWRtaW46YWRtaW4=' } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer('not-a-token') })).statusCode).toBe(401);
  });

  it('revokes: the token stops working at once; others cannot revoke it', async () => {
    const token = await newToken('to revoke');
    const byOther = await t.app.inject({ method: 'DELETE', url: `/api/tokens/${token.id}`, headers: wu.headers });
    expect(byOther.statusCode).toBe(404);
    const del = await t.app.inject({ method: 'DELETE', url: `/api/tokens/${token.id}`, headers: zhou.headers });
    expect(del.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token.secret) })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/tokens/${token.id}`, headers: zhou.headers })).statusCode).toBe(404);
    const list = (await t.app.inject({ method: 'GET', url: '/api/tokens', headers: zhou.headers })).json();
    expect(list.rows.map((r: { name: string }) => r.name)).not.toContain('to revoke');
  });

  it('stops a token when its user is disabled', async () => {
    const token = await newToken('mine', wu.headers);
    await t.db.write((c) => c.run("UPDATE users SET active = false WHERE username = 'wu'"));
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token.secret) })).statusCode).toBe(401);
  });

  it('audits creation and revocation with the token id, never the secret', async () => {
    const found = await t.db.read((c) =>
      rows<{ username: string; action: string; detail: string }>(
        c,
        "SELECT username, action, CAST(detail AS VARCHAR) AS detail FROM audit_log WHERE action LIKE 'token_%' ORDER BY rowid",
      ),
    );
    expect(found.map((r) => `${r.username} ${r.action} ${JSON.parse(r.detail).name}`)).toEqual([
      'zhou token_created pack export',
      'zhou token_created cli',
      'zhou token_created made by cli',
      'zhou token_created to revoke',
      'zhou token_revoked to revoke',
      'wu token_created mine',
    ]);
    expect(secrets).toHaveLength(5);
    for (const secret of secrets) expect(found.some((r) => r.detail.includes(secret))).toBe(false);
  });
});
