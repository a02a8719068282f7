// The admin and account pages in a real browser against the real server with the demo company:
// an admin creates an account linked to a rep, changes its role, resets its password, disables and
// enables it, filters the audit log; the new user changes their own password and creates and revokes
// an API token; finally the admin removes the demo data and the banner goes. Each step is checked
// through the API as well. Screenshots go to test-artifacts/screenshots/admin-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIRequestContext, Page } from 'playwright-core';
import { launchBrowser, type TestBrowser, type TestPage } from '../helpers/browser.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';

let server: RunningServer;
let browser: TestBrowser;
let tp: TestPage;
let page: Page;

interface User {
  id: string;
  username: string;
  role: string;
  repId: string | null;
  active: boolean;
  isDemo: boolean;
}

async function getJson<T>(request: APIRequestContext, url: string): Promise<T> {
  const res = await request.get(url);
  expect(res.ok(), `${url} answered ${res.status()}`).toBe(true);
  return (await res.json()) as T;
}

/** The status of a sign-in attempt from a fresh browser context (no cookies shared). */
async function signInStatus(username: string, password: string): Promise<number> {
  const other = await browser.newPage({ baseURL: server.url });
  const res = await other.context.request.post('/api/auth/login', { data: { username, password } });
  await other.context.close();
  return res.status();
}

const userRow = (username: string) => page.locator(`[data-testid="users-table"] tr[data-username="${username}"]`);

beforeAll(async () => {
  server = await startServer({ env: { ATTAIN_DEMO: '1' } });
  browser = await launchBrowser();
  tp = await browser.newPage({ baseURL: server.url, locale: 'zh-CN' });
  page = tp.page;
  const login = await tp.context.request.post('/api/auth/login', { data: { username: 'admin', password: server.adminPassword } });
  expect(login.ok()).toBe(true);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('administration', () => {
  let repId = '';

  it('creates an account linked to a rep, after refusing an incomplete one', async () => {
    await page.goto('/admin');
    await page.locator('[data-testid="users-table"]').waitFor();
    expect(await page.locator('[data-testid="nav-admin"]').count()).toBe(1);
    await tp.screenshot('admin-page-zh');

    const reps = await getJson<{ rows: { repId: string; role: string }[] }>(tp.context.request, '/api/reps');
    repId = reps.rows.find((r) => r.role === 'rep')!.repId;

    await page.locator('[data-testid="user-create"]').click();
    await page.locator('[data-testid="user-username"]').fill('li.lei');
    await page.locator('[data-testid="user-password"]').fill('short');
    await page.locator('[data-testid="user-save"]').click();
    // Refused in the form: no display name, a short password; nothing was sent.
    expect(await page.locator('[data-testid="user-dialog"] [data-testid="field-problem"]').count()).toBe(2);
    await page.locator('[data-testid="rep-picker"]').selectOption(repId);
    expect(await page.locator('[data-testid="user-display-name"]').inputValue()).not.toBe('');
    await page.locator('[data-testid="user-password"]').fill('first-pass-1');
    await tp.screenshot('admin-create-dialog-zh');
    await page.locator('[data-testid="user-save"]').click();
    await page.locator('[data-testid="users-done"]').waitFor();
    await userRow('li.lei').waitFor();

    const users = await getJson<{ rows: User[] }>(tp.context.request, '/api/users');
    expect(users.rows.find((u) => u.username === 'li.lei')).toMatchObject({ role: 'rep', repId, active: true, isDemo: false });
    expect(await signInStatus('li.lei', 'first-pass-1')).toBe(200);
  });

  it('changes the role, resets the password, disables and enables the account', async () => {
    await userRow('li.lei').locator('[data-testid="user-edit"]').click();
    await page.locator('[data-testid="user-role"]').selectOption('account_manager');
    await page.locator('[data-testid="user-save"]').click();
    await expect.poll(async () => (await userRow('li.lei').textContent()) ?? '').toContain('客户经理');

    await userRow('li.lei').locator('[data-testid="user-reset"]').click();
    await page.locator('[data-testid="reset-password"]').fill('second-pass-2');
    await page.locator('[data-testid="reset-repeat"]').fill('second-pass-2');
    await page.locator('[data-testid="reset-save"]').click();
    await page.locator('[data-testid="reset-dialog"]').waitFor({ state: 'hidden' });
    expect(await signInStatus('li.lei', 'first-pass-1')).toBe(401);
    expect(await signInStatus('li.lei', 'second-pass-2')).toBe(200);

    await userRow('li.lei').locator('[data-testid="user-toggle"]').click();
    await expect.poll(async () => (await userRow('li.lei').locator('[data-testid="user-status"]').textContent())?.trim()).toBe('已停用');
    expect(await signInStatus('li.lei', 'second-pass-2')).toBe(403);
    await tp.screenshot('admin-disabled-zh');
    await userRow('li.lei').locator('[data-testid="user-toggle"]').click();
    await expect.poll(async () => (await userRow('li.lei').locator('[data-testid="user-status"]').textContent())?.trim()).toBe('启用');
    expect(await signInStatus('li.lei', 'second-pass-2')).toBe(200);

    const user = (await getJson<{ rows: User[] }>(tp.context.request, '/api/users')).rows.find((u) => u.username === 'li.lei');
    expect(user).toMatchObject({ role: 'account_manager', repId, active: true });
  });

  it('filters the audit log by action, with the filter in the URL', async () => {
    await page.locator('[data-testid="audit-action"]').selectOption('user_updated');
    await page.locator('[data-testid="audit-apply"]').click();
    await page.waitForURL((url) => url.searchParams.get('action') === 'user_updated');
    const expected = await getJson<{ total: number; rows: unknown[] }>(tp.context.request, '/api/audit?action=user_updated&limit=50');
    // Role change, password reset, disable, enable.
    expect(expected.total).toBe(4);
    await expect.poll(() => page.locator('[data-testid="audit-table"] tbody tr').count()).toBe(expected.total);
    const actions = await page.locator('[data-testid="audit-table"] tbody tr td:nth-child(3)').allTextContents();
    expect(new Set(actions.map((a) => a.trim()))).toEqual(new Set(['修改账号']));
    await tp.screenshot('admin-audit-zh');
  });
});

describe('my account', () => {
  it('changes the own password and creates and revokes an API token', async () => {
    const mine = await browser.newPage({ baseURL: server.url, locale: 'en-US' });
    await mine.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const login = await mine.context.request.post('/api/auth/login', { data: { username: 'li.lei', password: 'second-pass-2' } });
    expect(login.ok()).toBe(true);
    const p = mine.page;
    await p.goto('/');
    await p.locator('[data-testid="user-menu"]').click();
    await p.locator('[data-testid="my-account"]').click();
    await p.waitForURL((url) => url.pathname === '/account');

    await p.locator('[data-testid="password-current"]').fill('second-pass-2');
    await p.locator('[data-testid="password-new"]').fill('third-pass-3');
    await p.locator('[data-testid="password-repeat"]').fill('third-pass-3x');
    await p.locator('[data-testid="password-save"]').click();
    await p.locator('[data-testid="password-panel"] [data-testid="field-problem"]').waitFor();
    await p.locator('[data-testid="password-repeat"]').fill('third-pass-3');
    await p.locator('[data-testid="password-save"]').click();
    await p.locator('[data-testid="password-done"]').waitFor();
    expect(await signInStatus('li.lei', 'third-pass-3')).toBe(200);

    await p.locator('[data-testid="token-name"]').fill('nightly import');
    await p.locator('[data-testid="token-create"]').click();
    const secret = await p.locator('[data-testid="token-secret-value"]').inputValue();
    await p.locator('[data-testid="token-copy"]').click();
    // The page's own clipboard (the test runs in Node, where there is none).
    await expect.poll(() => p.evaluate('navigator.clipboard.readText()')).toBe(secret);
    const asToken = await mine.context.request.get('/api/auth/me', { headers: { authorization: `Bearer ${secret}` } });
    expect((await asToken.json()).username).toBe('li.lei');
    await mine.screenshot('account-token-en');

    await p.locator('[data-testid="token-done"]').click();
    expect(await p.locator('[data-testid="token-secret"]').count()).toBe(0);
    await p.locator('[data-testid="token-revoke"]').click();
    await p.locator('[data-testid="token-revoke-confirm"]').click();
    await p.locator('[data-testid="tokens-empty"]').waitFor();
    const revoked = await mine.context.request.get('/api/auth/me', { headers: { authorization: `Bearer ${secret}` } });
    expect(revoked.status()).toBe(401);
    expect(mine.consoleErrors).toEqual([]);
    await mine.context.close();
  });
});

describe('removing the demo data', () => {
  it('says what goes, removes it in one action, and the banner disappears', async () => {
    await page.goto('/admin');
    await page.locator('[data-testid="demo-banner"]').waitFor();
    await page.locator('[data-testid="demo-remove"]').click();
    const goes = (await page.locator('[data-testid="demo-goes"]').textContent()) ?? '';
    for (const name of ['demo.manager', 'demo.supervisor', 'demo.rep', 'demo.account_manager', 'demo.assistant']) expect(goes).toContain(name);
    await tp.screenshot('admin-demo-confirm-zh');
    await page.locator('[data-testid="demo-confirm-remove"]').click();
    await page.locator('[data-testid="demo-removed"]').waitFor();
    await page.locator('[data-testid="demo-banner"]').waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('[data-testid="users-table"] tbody tr').count()).toBe(2);
    await tp.screenshot('admin-demo-removed-zh');

    const health = await getJson<{ demo: boolean }>(tp.context.request, '/api/health');
    expect(health.demo).toBe(false);
    expect(await signInStatus('demo.rep', 'demo')).toBe(401);
    // The banner stays away on other pages too.
    await page.goto('/settings');
    await page.locator('[data-testid="settings-form"]').waitFor();
    expect(await page.locator('[data-testid="demo-banner"]').count()).toBe(0);
    expect(tp.consoleErrors).toEqual([]);
  });
});
