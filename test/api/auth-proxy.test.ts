// Behind a TLS-terminating proxy: the session cookie is Secure only when the proxy is trusted and
// says the user came over HTTPS; an untrusted X-Forwarded-Proto changes nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createUser } from '../helpers/auth.ts';

async function signIn(t: TestApp, headers: Record<string, string>) {
  await createUser(t.db, { username: 'alice', role: 'rep', repId: 'R1', password: 'alice-password', displayName: 'Alice Wang' });
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers, payload: { username: 'alice', password: 'alice-password' } });
  expect(res.statusCode).toBe(200);
  return res.cookies.find((c) => c.name === 'attain_session');
}

describe('session cookie behind a proxy', () => {
  let t: TestApp | null = null;
  afterEach(async () => {
    await t?.close();
    t = null;
  });

  it('is Secure when ATTAIN_TRUST_PROXY=1 and the proxy forwarded HTTPS', async () => {
    t = await createTestApp({ ATTAIN_TRUST_PROXY: '1' });
    const cookie = await signIn(t, { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9' });
    expect(cookie?.secure).toBe(true);
  });

  it('is not Secure when the proxy is trusted but forwarded plain HTTP', async () => {
    t = await createTestApp({ ATTAIN_TRUST_PROXY: '1' });
    const cookie = await signIn(t, { 'x-forwarded-proto': 'http' });
    expect(cookie?.secure).toBeUndefined();
  });

  it('ignores X-Forwarded-Proto from anyone when the proxy is not trusted (the default)', async () => {
    t = await createTestApp();
    const cookie = await signIn(t, { 'x-forwarded-proto': 'https' });
    expect(cookie?.secure).toBeUndefined();
  });

  it('refuses a malformed ATTAIN_TRUST_PROXY', () => {
    expect(() => loadConfig({ ATTAIN_TRUST_PROXY: 'yes' })).toThrow(ConfigError);
    expect(() => loadConfig({ ATTAIN_TRUST_PROXY: 'yes' })).toThrow(/ATTAIN_TRUST_PROXY must be 1 or 0/);
  });
});
