// The people, customer, order-line and settings pages in a real browser against the real server with
// the demo company (one server for the file): the drill path Overview → reps (a team) → evaluation →
// customer → order lines by clicking; the evaluation score as the API gives it; a manager's review
// kept across a reload; the order-lines table scrolling through many rows with a bounded DOM; a
// settings change reaching the figures; screenshots of each page in Chinese and English.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIRequestContext, Page } from 'playwright-core';
import { launchBrowser, type TestBrowser, type TestPage } from '../helpers/browser.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';
import { formatNumber, type Locale } from '../../web/lib/i18n/format.ts';
import { en } from '../../web/lib/i18n/en.ts';

const LOCALES: Record<Locale, string> = { zh: 'zh-CN', en: 'en-US' };
const READY = (testid: string) => `[data-testid="${testid}"] [data-chart-ready="true"]`;
const EVALUATION_CHARTS = ['eval-trend-chart', 'eval-components-chart', 'eval-rank-chart'];
/** Rows the order-lines table may hold in the DOM at once (the view plus its margins). */
const MAX_RENDERED_ROWS = 60;

interface Evaluation {
  repId: string;
  score: number | null;
  topCustomers: { customerId: string }[];
}
interface Review {
  comment: string | null;
  rating: number | null;
  by: string;
}
interface Settings {
  evaluationWeights: Record<string, number>;
  holidays: string[];
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

/** A page in `locale`, signed in through the API (the page itself starts at the URL it is sent to). */
async function signedIn(locale: Locale, username = 'admin', password?: string, viewport?: { width: number; height: number }): Promise<TestPage> {
  const tp = await browser.newPage({ baseURL: server.url, locale: LOCALES[locale], viewport });
  const login = await tp.context.request.post('/api/auth/login', { data: { username, password: password ?? server.adminPassword } });
  expect(login.ok(), `sign in as ${username}`).toBe(true);
  return tp;
}

async function getJson<T>(request: APIRequestContext, url: string): Promise<T> {
  const res = await request.get(url);
  expect(res.ok(), `${url} answered ${res.status()}`).toBe(true);
  return (await res.json()) as T;
}

async function waitForEvaluation(page: Page): Promise<void> {
  for (const chart of EVALUATION_CHARTS) await page.locator(READY(chart)).waitFor();
}

/** The number in a formatted count ("12,345" → 12345). */
const count = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''));

async function loadedLines(page: Page): Promise<number> {
  return count(await page.locator('[data-testid="orders-loaded"]').textContent());
}

/** Waits until the order-lines table has its first page (and no request is on its way). */
async function waitForFirstPage(page: Page): Promise<void> {
  await page.locator('tr[data-row="0"]').waitFor();
  await page.locator('[data-testid="orders-loading"]').waitFor({ state: 'detached' });
}

interface JsonLine {
  orderId: string;
  lineNo: number | null;
  customerId: string | null;
}

/** Every line of an order-lines query, paged through the JSON answer (not the Arrow stream the table reads). */
async function allLines(request: APIRequestContext, search: URLSearchParams): Promise<JsonLine[]> {
  const lines: JsonLine[] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams(search);
    query.set('limit', '1000');
    if (cursor) query.set('cursor', cursor);
    const page: { rows: JsonLine[]; nextCursor: string | null } = await getJson(request, `/api/orders?${query}`);
    lines.push(...page.rows);
    cursor = page.nextCursor;
  } while (cursor);
  return lines;
}

async function csrf(request: APIRequestContext): Promise<string> {
  return (await getJson<{ csrfToken: string }>(request, '/api/auth/me')).csrfToken;
}

describe('people, customers and order lines', () => {
  it('drills from the overview through a team, a rep and a customer to their order lines by clicking', async () => {
    const tp = await signedIn('zh', 'demo.manager', 'demo');
    const { page } = tp;
    await page.goto('/');
    await page.locator(READY('revenue-target-chart')).waitFor();

    await page.locator('[data-testid="nav-reps"]').click();
    await page.waitForURL((url) => url.pathname === '/reps');
    const teamButton = page.locator('[data-testid="team-filter"]').first();
    const team = ((await teamButton.textContent()) ?? '').trim();
    expect(team).not.toBe('');
    await teamButton.click();
    await page.waitForURL((url) => url.searchParams.get('team') === team);
    await expect
      .poll(() => page.locator('[data-testid="rep-row"] td:nth-child(3)').allTextContents())
      .toSatisfy((teams: string[]) => teams.length > 0 && teams.every((t) => t.trim() === team));
    await tp.screenshot('people-reps-zh');

    const firstRep = page.locator('[data-testid="rep-row"]').first();
    const repId = (await firstRep.getAttribute('data-rep-id'))!;
    await firstRep.locator('[data-testid="rep-link"]').click();
    await page.waitForURL((url) => url.pathname === `/reps/${repId}`);
    await waitForEvaluation(page);

    const evaluation = await getJson<Evaluation>(page.request, `/api/reps/${repId}/evaluation`);
    expect(evaluation.score, 'the top rep of a team has a score').not.toBeNull();
    expect((await page.locator('[data-testid="eval-score"]').textContent())?.trim()).toBe(formatNumber(evaluation.score, 'zh', 1));
    await tp.screenshot('people-evaluation-zh');

    const customerLink = page.locator('[data-testid="top-customers"] [data-testid="customer-link"]').first();
    const customerId = evaluation.topCustomers[0]!.customerId;
    await customerLink.click();
    await page.waitForURL((url) => url.pathname === `/customers/${customerId}`);
    await page.locator(READY('customer-revenue-chart')).waitFor();
    await tp.screenshot('people-customer-zh');
    // Of the lines the server sends, the first 50 show at once and all of them on request.
    const detail = await getJson<{ orders: unknown[] }>(page.request, `/api/customers/${customerId}`);
    expect(detail.orders.length, 'a top customer has more lines than the first rows').toBeGreaterThan(50);
    const orderRows = page.locator('[data-testid="customer-orders"] tbody tr');
    expect(await orderRows.count()).toBe(50);
    await page.locator('[data-testid="customer-orders-all"]').click();
    await expect.poll(() => orderRows.count()).toBe(detail.orders.length);

    await page.locator('[data-testid="customer-orders-link"]').click();
    await page.waitForURL((url) => url.pathname === '/orders' && url.searchParams.getAll('customer').includes(customerId));
    await waitForFirstPage(page);
    const lines = await allLines(page.request, new URL(page.url()).searchParams);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => l.customerId === customerId)).toBe(true);
    // The table has the first page (5,000 lines) or all of them, in the same order.
    expect(await loadedLines(page)).toBe(Math.min(lines.length, 5000));
    const shown = await page.locator('tr[data-row] td:nth-child(2)').allTextContents();
    expect(shown.length).toBeGreaterThan(0);
    expect(shown).toEqual(lines.slice(0, shown.length).map((l) => (l.lineNo === null ? l.orderId : `${l.orderId} · ${l.lineNo}`)));
    const links = await page.locator('tr[data-row] td:nth-child(3) a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    expect(links.length).toBeGreaterThan(0);
    expect(links.every((href) => href.startsWith(`/customers/${customerId}`))).toBe(true);

    expect(tp.consoleErrors).toEqual([]);
    await tp.context.close();
  });

  it('moves between rep rows with the arrow keys and opens one with Enter', async () => {
    const tp = await signedIn('en');
    const { page } = tp;
    await page.goto('/reps');
    const links = page.locator('[data-testid="rep-link"]');
    await links.nth(1).waitFor();
    const second = (await page.locator('[data-testid="rep-row"]').nth(1).getAttribute('data-rep-id'))!;
    await links.first().focus();
    await page.keyboard.press('ArrowDown');
    expect(await links.nth(1).evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === `/reps/${second}`);
    await waitForEvaluation(page);
    expect(tp.consoleErrors).toEqual([]);
    await tp.context.close();
  });

  it('keeps a manager\'s review across a reload and shows it read-only to the rep', async () => {
    const rep = 'E1006'; // demo.rep's own rep id in the sample company
    const tp = await signedIn('en', 'demo.manager', 'demo');
    const { page } = tp;
    await page.goto(`/reps/${rep}`);
    await waitForEvaluation(page);
    const comment = `Strong follow-up on key accounts; review ${Date.now()}`;
    await page.locator('label:has([data-testid="rating-4"])').click();
    await page.locator('[data-testid="review-text"]').fill(comment);
    await page.locator('[data-testid="review-save"]').click();
    await page.locator('[data-testid="review-ok"]').waitFor();

    await page.reload();
    await waitForEvaluation(page);
    expect((await page.locator('[data-testid="review-comment"]').textContent())?.trim()).toBe(comment);
    expect((await page.locator('[data-testid="review-rating"]').textContent())?.trim()).toBe('4 / 5');
    const stored = await getJson<Review>(page.request, `/api/reps/${rep}/review`);
    expect(stored).toMatchObject({ comment, rating: 4, by: 'demo.manager' });
    expect(tp.consoleErrors).toEqual([]);
    await tp.context.close();

    const own = await signedIn('en', 'demo.rep', 'demo');
    await own.page.goto(`/reps/${rep}`);
    await waitForEvaluation(own.page);
    expect((await own.page.locator('[data-testid="review-comment"]').textContent())?.trim()).toBe(comment);
    expect(await own.page.locator('[data-testid="review-form"]').count()).toBe(0);
    await own.context.close();
  });

  it("shows an assistant the server's refusal instead of an evaluation", async () => {
    const tp = await signedIn('en', 'demo.assistant', 'demo');
    await tp.page.goto('/reps/E1006');
    const panel = tp.page.locator('[data-testid="eval-forbidden"]');
    await panel.waitFor();
    expect(await panel.textContent()).toContain(en['apiError.forbidden']);
    await tp.context.close();
  });

  it('scrolls the order lines of a year with only the rows in view in the page', async () => {
    const tp = await signedIn('en');
    const { page } = tp;
    await page.goto('/orders?period=2025');
    const viewport = page.locator('[data-testid="orders-viewport"]');
    await page.locator('tr[data-row="0"]').waitFor();
    const first = await getJson<{ rows: { orderId: string; lineNo: number | null }[] }>(page.request, '/api/orders?period=2025&limit=1');
    const firstRow = first.rows[0]!;
    expect(await page.locator('tr[data-row="0"] td:nth-child(2)').textContent()).toBe(`${firstRow.orderId} · ${firstRow.lineNo}`);

    // Scroll to the end of what is loaded again and again: more pages arrive, the DOM stays small.
    let most = 0;
    let loaded = await loadedLines(page);
    while (loaded < 20_000) {
      await viewport.evaluate((el) => el.scrollTo(0, el.scrollHeight));
      await expect.poll(() => loadedLines(page), { timeout: 30_000 }).toBeGreaterThan(loaded);
      loaded = await loadedLines(page);
      most = Math.max(most, await page.locator('tr[data-row]').count());
    }
    // Jump back into the middle: that row is drawn, still with a bounded number of rows.
    const target = 12_345;
    await viewport.evaluate((el, top) => el.scrollTo(0, top), target * 36);
    await page.locator(`tr[data-row="${target}"]`).waitFor();
    most = Math.max(most, await page.locator('tr[data-row]').count());
    expect(most).toBeGreaterThan(10);
    expect(most).toBeLessThanOrEqual(MAX_RENDERED_ROWS);
    await tp.screenshot('people-orders-scrolled-en');
    expect(tp.consoleErrors).toEqual([]);
    await tp.context.close();
  });

  it('screens every page in Chinese and English without console errors or overflowing layouts', async () => {
    const probe = await signedIn('en');
    const list = await getJson<{ rows: { customerId: string }[] }>(probe.page.request, '/api/customers?pageSize=1');
    await probe.context.close();
    const customerId = list.rows[0]!.customerId;
    const pages: { name: string; path: string; ready: (page: Page) => Promise<void> }[] = [
      { name: 'reps', path: '/reps', ready: (p) => p.locator('[data-testid="rep-row"]').first().waitFor() },
      { name: 'evaluation', path: '/reps/E1043', ready: waitForEvaluation },
      { name: 'customers', path: '/customers', ready: (p) => p.locator('[data-testid="customer-row"]').first().waitFor() },
      { name: 'customer', path: `/customers/${customerId}`, ready: (p) => p.locator(READY('customer-revenue-chart')).waitFor() },
      { name: 'orders', path: '/orders', ready: (p) => p.locator('tr[data-row="0"]').waitFor() },
      { name: 'settings', path: '/settings', ready: (p) => p.locator('[data-testid="settings-form"]').waitFor() },
    ];
    for (const locale of ['zh', 'en'] as const) {
      for (const viewport of [
        { width: 1280, height: 900, suffix: '' },
        { width: 820, height: 1100, suffix: '-tablet' },
      ]) {
        const tp = await signedIn(locale, 'admin', undefined, viewport);
        for (const { name, path, ready } of pages) {
          await tp.page.goto(path);
          await ready(tp.page);
          expect(await tp.page.locator('html').getAttribute('lang')).toBe(locale === 'zh' ? 'zh-CN' : 'en');
          // Wide tables scroll inside their own box; the page itself never scrolls sideways.
          const overflow = await tp.page.locator('html').evaluate((html) => html.scrollWidth - html.clientWidth);
          expect(overflow, `${path} at ${viewport.width} px`).toBeLessThanOrEqual(0);
          await tp.screenshot(`people-${name}-${locale}${viewport.suffix}`);
        }
        expect(tp.consoleErrors).toEqual([]);
        await tp.context.close();
      }
    }
  }, 300_000);

  it('lets a manager change the settings, after which the figures follow; others read them only', async () => {
    const tp = await signedIn('en', 'demo.manager', 'demo');
    const { page } = tp;
    const before = await getJson<Settings>(page.request, '/api/settings');
    const versionBefore = (await getJson<{ dataVersion: number }>(page.request, '/api/health')).dataVersion;
    const scoreBefore = (await getJson<Evaluation>(page.request, '/api/reps/E1043/evaluation')).score;

    await page.goto('/settings');
    await page.locator('[data-testid="settings-form"]').waitFor();
    await page.locator('[data-testid="weight-visits"]').fill('45');
    await page.locator('[data-testid="date-input-holidays"]').fill('2026-01-05');
    await page.locator('[data-testid="date-add-holidays"]').click();
    await page.locator('[data-testid="settings-save"]').click();
    await expect.poll(() => page.locator('[data-testid="settings-status"]').textContent()).toBe(en['settings.saved']);
    await tp.screenshot('people-settings-saved-en');

    const after = await getJson<Settings>(page.request, '/api/settings');
    expect(after.evaluationWeights).toEqual({ ...before.evaluationWeights, visits: 45 });
    expect(after.holidays).toContain('2026-01-05');
    expect((await getJson<{ dataVersion: number }>(page.request, '/api/health')).dataVersion).toBeGreaterThan(versionBefore);

    // The evaluation now weighs visits three times as much: the page shows the new score.
    const scoreAfter = (await getJson<Evaluation>(page.request, '/api/reps/E1043/evaluation')).score;
    expect(scoreAfter).not.toBe(scoreBefore);
    await page.goto('/reps/E1043');
    await waitForEvaluation(page);
    expect((await page.locator('[data-testid="eval-score"]').textContent())?.trim()).toBe(formatNumber(scoreAfter, 'en', 1));
    expect(tp.consoleErrors).toEqual([]);

    // Put the settings back for whoever reads this database next.
    const restore = await page.request.put('/api/settings', {
      data: { evaluationWeights: before.evaluationWeights, holidays: before.holidays },
      headers: { 'x-csrf-token': await csrf(page.request) },
    });
    expect(restore.ok()).toBe(true);
    await tp.context.close();

    const rep = await signedIn('en', 'demo.rep', 'demo');
    await rep.page.goto('/settings');
    await rep.page.locator('[data-testid="settings-readonly"]').waitFor();
    expect(await rep.page.locator('[data-testid="settings-save"]').count()).toBe(0);
    expect(await rep.page.locator('[data-testid="weight-revenue"]').getAttribute('readonly')).not.toBeNull();
    await rep.context.close();
  });
});
