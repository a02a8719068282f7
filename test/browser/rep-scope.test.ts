// A sales rep in a real browser against the real server with the demo company: signs in as
// demo.rep through the login page and visits every page, seeing only their own data. Each figure
// is checked against the admin's answer for that rep's filter (the filter path, not the rep's own
// scope), the rankings show every name and rank but no one else's revenue, and the pages the role
// may not use say so. Screenshots go to test-artifacts/screenshots/rep-scope-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIRequestContext, Page } from 'playwright-core';
import { launchBrowser, type TestBrowser, type TestPage } from '../helpers/browser.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';
import { MISSING, formatMoney, formatMoneyCompact } from '../../web/lib/i18n/format.ts';

const READY = (testid: string) => `[data-testid="${testid}"] [data-chart-ready="true"]`;

interface RankingRow {
  rank: number;
  repId: string;
  name: string;
  value: number | null;
}
interface OrderLine {
  orderId: string;
  lineNo: number | null;
  repId: string;
  amount: number;
  status: string;
}

let server: RunningServer;
let browser: TestBrowser;
let admin: APIRequestContext;
let tp: TestPage;
let page: Page;
/** demo.rep's roster id and name, read through the admin's account list. */
let repId = '';
let repName = '';

async function getJson<T>(request: APIRequestContext, url: string): Promise<T> {
  const res = await request.get(url);
  expect(res.ok(), `${url} answered ${res.status()}`).toBe(true);
  return (await res.json()) as T;
}

/** Every order line of a query, paged through the JSON answer. */
async function allLines(request: APIRequestContext, search: string): Promise<OrderLine[]> {
  const lines: OrderLine[] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams(search);
    query.set('limit', '1000');
    if (cursor) query.set('cursor', cursor);
    const answer: { rows: OrderLine[]; nextCursor: string | null } = await getJson(request, `/api/orders?${query}`);
    lines.push(...answer.rows);
    cursor = answer.nextCursor;
  } while (cursor);
  return lines;
}

/** Opens a page and checks the demo banner and the navigation a rep gets. */
async function visit(path: string): Promise<void> {
  await page.goto(path);
  await page.locator('[data-testid="demo-banner"]').waitFor();
  for (const hidden of ['imports', 'settings', 'admin']) expect(await page.locator(`[data-testid="nav-${hidden}"]`).count(), `nav-${hidden}`).toBe(0);
  expect(await page.locator('[data-testid="nav-account"]').count()).toBe(1);
}

beforeAll(async () => {
  server = await startServer({ env: { ATTAIN_DEMO: '1' } });
  browser = await launchBrowser();
  const adminPage = await browser.newPage({ baseURL: server.url });
  admin = adminPage.context.request;
  const login = await admin.post('/api/auth/login', { data: { username: 'admin', password: server.adminPassword } });
  expect(login.ok()).toBe(true);
  const users = await getJson<{ rows: { username: string; repId: string | null; displayName: string }[] }>(admin, '/api/users');
  const demoRep = users.rows.find((u) => u.username === 'demo.rep');
  expect(demoRep?.repId, 'demo.rep is linked to a roster row').toBeTruthy();
  repId = demoRep!.repId!;
  repName = demoRep!.displayName;

  tp = await browser.newPage({ baseURL: server.url, locale: 'zh-CN' });
  page = tp.page;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a sales rep sees only their own data', () => {
  it('signs in through the login page, which lists the demo accounts', async () => {
    await page.goto('/login');
    await page.locator('[data-testid="demo-accounts"]').waitFor();
    expect(await page.locator('[data-testid="demo-accounts"]').textContent()).toContain('demo.rep');
    await page.locator('input[name="username"]').fill('demo.rep');
    await page.locator('input[name="password"]').fill('demo');
    await page.locator('[data-testid="login-form"] button[type="submit"]').click();
    await page.waitForURL((url) => url.pathname === '/');
  });

  it('overview: the revenue tile is the revenue of their own rep id', async () => {
    await visit('/');
    await page.locator(READY('revenue-target-chart')).waitFor();
    const mine = await getJson<{ tiles: { revenue: { value: number } } }>(admin, `/api/kpi/overview?rep=${repId}`);
    const everyone = await getJson<{ tiles: { revenue: { value: number } } }>(admin, '/api/kpi/overview');
    expect(mine.tiles.revenue.value).toBeGreaterThan(0);
    expect(everyone.tiles.revenue.value).toBeGreaterThan(mine.tiles.revenue.value);
    expect((await page.locator('[data-testid="tile-revenue"] [data-testid="tile-value"]').textContent())?.trim()).toBe(
      formatMoneyCompact(mine.tiles.revenue.value, 'zh'),
    );
    await tp.screenshot('rep-scope-overview');
  });

  it('attainment and visits list only them', async () => {
    await visit('/attainment');
    await page.locator('[data-testid="attainment-table"] tbody tr').first().waitFor();
    expect((await page.locator('[data-testid="attainment-table"] tbody tr th').allTextContents()).map((s) => s.trim())).toEqual([repName]);
    await tp.screenshot('rep-scope-attainment');

    await visit('/visits');
    await page.locator('[data-testid="visits-table"] tbody tr').first().waitFor();
    const rows = await page.locator('[data-testid="visits-table"] tbody tr').allTextContents();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain(repName);
    await tp.screenshot('rep-scope-visits');
  });

  it('retention: the cohorts of their own customers', async () => {
    await visit('/retention');
    await page.locator('[data-testid="retention-loading"]').waitFor({ state: 'detached' });
    const seen = await getJson<unknown>(tp.context.request, '/api/kpi/retention');
    expect(seen).toEqual(await getJson<unknown>(admin, `/api/kpi/retention?rep=${repId}`));
    await tp.screenshot('rep-scope-retention');
  });

  it('rankings: every name and rank, their own revenue, no one else’s', async () => {
    await visit('/rankings');
    await page.locator(READY('rankings-chart')).waitFor();
    const full = await getJson<{ rows: RankingRow[] }>(admin, '/api/kpi/rankings?metric=revenue');
    expect(full.rows.length).toBeGreaterThan(3);
    const shown = await page.locator('[data-testid="rankings-table"] tbody tr').evaluateAll((rows) =>
      rows.map((tr) => ({
        repId: tr.getAttribute('data-rep') ?? '',
        rank: Number(tr.querySelector('.badge')?.textContent?.trim()),
        value: tr.querySelector('[data-testid="ranking-value"]')?.textContent?.trim() ?? '',
      })),
    );
    expect(shown.map((r) => [r.rank, r.repId])).toEqual(full.rows.map((r) => [r.rank, r.repId]));
    const own = full.rows.find((r) => r.repId === repId)!;
    for (const row of shown) expect(row.value, row.repId).toBe(row.repId === repId ? formatMoneyCompact(own.value, 'zh') : MISSING);
    // No other rep's revenue anywhere on the page (table, chart labels, the chart's table).
    const text = (await page.locator('main').textContent()) ?? '';
    const ownText = formatMoneyCompact(own.value, 'zh');
    for (const other of full.rows.filter((r) => r.repId !== repId)) {
      const money = formatMoneyCompact(other.value, 'zh');
      if (money !== ownText) expect(text, `${other.repId}'s revenue`).not.toContain(money);
    }
    await tp.screenshot('rep-scope-rankings');
  });

  it('reps: only themselves; another rep’s evaluation does not open', async () => {
    await visit('/reps');
    await page.locator('[data-testid="rep-row"]').first().waitFor();
    expect(await page.locator('[data-testid="rep-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-rep-id')))).toEqual([repId]);
    await tp.screenshot('rep-scope-reps');

    const other = (await getJson<{ rows: RankingRow[] }>(admin, '/api/kpi/rankings?metric=revenue')).rows.find((r) => r.repId !== repId)!;
    await visit(`/reps/${encodeURIComponent(other.repId)}`);
    // Outside the rep's scope the other rep does not exist (404).
    await page.locator('[data-testid="eval-not-found"]').waitFor();
    expect(await page.locator('[data-testid="eval-score"]').count()).toBe(0);
    await tp.screenshot('rep-scope-other-evaluation');
  });

  it('customers: the customers of their own rep id only; another’s customer does not open', async () => {
    await visit('/customers');
    await page.locator('[data-testid="customer-row"]').first().waitFor();
    const hrefs = await page.locator('[data-testid="customer-link"]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    const shownIds = hrefs.map((h) => decodeURIComponent(h.split('?')[0]!.split('/').pop()!));
    const mine = await getJson<{ total: number; rows: { customerId: string }[] }>(admin, `/api/customers?rep=${repId}`);
    const everyone = await getJson<{ total: number; rows: { customerId: string }[] }>(admin, '/api/customers?pageSize=500');
    expect(shownIds).toEqual(mine.rows.map((r) => r.customerId));
    expect(everyone.total).toBeGreaterThan(mine.total);
    await tp.screenshot('rep-scope-customers');

    const mineAll = new Set((await getJson<{ rows: { customerId: string }[] }>(admin, `/api/customers?rep=${repId}&pageSize=500`)).rows.map((r) => r.customerId));
    const foreign = everyone.rows.find((r) => !mineAll.has(r.customerId))!;
    await visit(`/customers/${encodeURIComponent(foreign.customerId)}`);
    await page.locator('[data-testid="customer-not-found"]').waitFor();
    expect(await page.locator('[data-testid="customer-orders-link"]').count()).toBe(0);
    await tp.screenshot('rep-scope-other-customer');
  });

  it('order lines: exactly the lines of their own rep id', async () => {
    await visit('/orders');
    await page.locator('tr[data-row="0"]').waitFor();
    await page.locator('[data-testid="orders-loading"]').waitFor({ state: 'detached' });
    const mine = await allLines(admin, `rep=${repId}`);
    const everyone = await allLines(admin, '');
    expect(mine.length).toBeGreaterThan(0);
    expect(everyone.length).toBeGreaterThan(mine.length);
    const loaded = Number(((await page.locator('[data-testid="orders-loaded"]').textContent()) ?? '').replace(/[^\d]/g, ''));
    expect(loaded).toBe(mine.length);
    const net = mine.filter((l) => l.status !== 'cancelled').reduce((sum, l) => sum + Math.round(l.amount * 100), 0) / 100;
    expect((await page.locator('[data-testid="orders-amount"]').textContent())?.trim()).toBe(formatMoney(net, 'zh'));
    await tp.screenshot('rep-scope-orders');
  });

  it('imports, settings and admin say the role may not use them', async () => {
    await visit('/imports');
    await page.locator('[data-testid="imports-forbidden"]').waitFor();
    await tp.screenshot('rep-scope-imports');

    await visit('/settings');
    await page.locator('[data-testid="settings-readonly"]').waitFor();
    expect(await page.locator('[data-testid="settings-form"] button[type="submit"]').count()).toBe(0);
    await tp.screenshot('rep-scope-settings');

    await visit('/admin');
    await page.locator('[data-testid="not-allowed"]').waitFor();
    expect(await page.locator('[data-testid="users-table"]').count()).toBe(0);
    await tp.screenshot('rep-scope-admin');
  });

  it('my account: their own account and tokens', async () => {
    await visit('/account');
    expect((await page.locator('[data-testid="account-username"]').textContent())?.trim()).toBe('demo.rep');
    await page.locator('[data-testid="token-name"]').fill('laptop');
    await page.locator('[data-testid="token-create"]').click();
    const secret = ((await page.locator('[data-testid="token-secret-value"]').inputValue()) ?? '').trim();
    expect(secret).toMatch(/^attain_/);
    // The token acts as the rep: their own orders, never another rep's.
    const other = (await getJson<{ rows: RankingRow[] }>(admin, '/api/kpi/rankings?metric=revenue')).rows.find((r) => r.repId !== repId)!;
    const asToken = await tp.context.request.get(`/api/orders?rep=${other.repId}`, { headers: { authorization: `Bearer ${secret}` } });
    expect(asToken.status()).toBe(403);
    await page.locator('[data-testid="tokens-table"] tbody tr').first().waitFor();
    await tp.screenshot('rep-scope-account');
    expect(tp.consoleErrors.filter((e) => !/status of (403|404)/.test(e))).toEqual([]);
  });
});
