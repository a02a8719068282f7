// The overview in a real browser against the real server with the demo company: sign in as admin,
// wait for the chart to report it has drawn, compare the revenue tile with the API, in zh and en.
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type TestBrowser, type TestPage } from '../helpers/browser.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';
import { formatMoneyCompact } from '../../web/lib/i18n/format.ts';

const CHART_READY = '[data-testid="revenue-target-chart"] [data-chart-ready="true"]';
const REVENUE_TILE = '[data-testid="tile-revenue"] [data-testid="tile-value"]';
const JS_BUDGET_BYTES = 350 * 1024;

interface OverviewAnswer {
  tiles: { revenue: { value: number | null } };
}

let server: RunningServer;
let browser: TestBrowser;

beforeAll(async () => {
  server = await startServer({ env: { ATTAIN_DEMO: '1' } });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signIn(tp: TestPage): Promise<void> {
  const { page } = tp;
  await page.goto('/login');
  await page.locator('input[name="username"]').fill('admin');
  await page.locator('input[name="password"]').fill(server.adminPassword);
  await page.locator('[data-testid="login-form"] button[type="submit"]').click();
  await page.waitForURL((url) => url.pathname === '/');
}

describe('overview', () => {
  it('draws the chart and shows the API revenue in Chinese and English, without console errors', async () => {
    const tp = await browser.newPage({ baseURL: server.url, locale: 'zh-CN' });
    const { page } = tp;
    await page.goto('/login');
    await page.locator('[data-testid="login-form"]').waitFor();
    await tp.screenshot('login-zh');
    await signIn(tp);

    await page.locator(CHART_READY).waitFor();
    const answer = await page.request.get('/api/kpi/overview');
    expect(answer.ok()).toBe(true);
    const revenue = ((await answer.json()) as OverviewAnswer).tiles.revenue.value;
    expect(revenue, 'the demo company has revenue in its latest month').toBeGreaterThan(0);

    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect((await page.locator(REVENUE_TILE).textContent())?.trim()).toBe(formatMoneyCompact(revenue, 'zh'));
    await tp.screenshot('overview-zh');

    await page.locator('[data-testid="lang-en"]').click();
    await page.locator('html[lang="en"]').waitFor();
    await page.locator(CHART_READY).waitFor();
    expect((await page.locator(REVENUE_TILE).textContent())?.trim()).toBe(formatMoneyCompact(revenue, 'en'));
    await tp.screenshot('overview-en');

    // The choice survives a reload.
    await page.reload();
    await page.locator(CHART_READY).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    expect(tp.consoleErrors).toEqual([]);
    await tp.context.close();
  });

  it('keeps the first page within the JavaScript budget', async () => {
    // Signed in through the API so the page itself starts with an empty cache.
    const tp = await browser.newPage({ baseURL: server.url });
    const { page, context } = tp;
    const login = await context.request.post('/api/auth/login', { data: { username: 'admin', password: server.adminPassword } });
    expect(login.ok()).toBe(true);
    const pending: Promise<[string, number]>[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() !== 'script') return;
      expect(response.status(), response.url()).toBe(200);
      pending.push(response.body().then((body) => [response.url(), zlib.gzipSync(body).length]));
    });
    await page.goto('/');
    await page.locator(CHART_READY).waitFor();
    await page.waitForLoadState('networkidle');
    const scripts = new Map(await Promise.all(pending));
    const total = [...scripts.values()].reduce((a, b) => a + b, 0);
    console.log(`first page: ${scripts.size} scripts, ${(total / 1024).toFixed(1)} KB gzipped`);
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThanOrEqual(JS_BUDGET_BYTES);
    await context.close();
  });

  it('sends a visitor without a session to the login page and returns them after signing in', async () => {
    const tp = await browser.newPage({ baseURL: server.url, locale: 'en-US' });
    const { page } = tp;
    await page.goto('/rankings?period=2025-03');
    await page.waitForURL((url) => url.pathname === '/login');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/rankings?period=2025-03');

    await page.locator('input[name="username"]').fill('admin');
    await page.locator('input[name="password"]').fill('not-the-password');
    await page.locator('[data-testid="login-form"] button[type="submit"]').click();
    await expect.poll(() => page.locator('[data-testid="login-error"]').textContent()).toContain('Wrong username or password');

    await page.locator('input[name="password"]').fill(server.adminPassword);
    await page.locator('[data-testid="login-form"] button[type="submit"]').click();
    await page.waitForURL((url) => url.pathname === '/rankings' && url.searchParams.get('period') === '2025-03');
    await page.locator('nav [aria-current="page"]').waitFor();
    await tp.context.close();
  });
});
