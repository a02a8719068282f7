// The attainment, rankings, retention and visits pages in a real browser against the real server
// with the demo company (one server for the file): each draws its charts without console errors
// and shows the API's figures for the same filters, in Chinese and English (screenshots under
// test-artifacts/screenshots/); filters set through the filter bar live in the URL, so a copied
// link shows the same figures and back/forward step through the views.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIRequestContext, Page } from 'playwright-core';
import { launchBrowser, type TestBrowser, type TestPage } from '../helpers/browser.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';
import { formatChange, formatInteger, formatMoneyCompact, formatPercent, formatPeriod, type Locale } from '../../web/lib/i18n/format.ts';

const LOCALES: Record<Locale, string> = { zh: 'zh-CN', en: 'en-US' };
const READY = (testid: string) => `[data-testid="${testid}"] [data-chart-ready="true"]`;

interface AttainmentRow {
  key: string;
  actual: number;
  attainment: number | null;
}
interface RankingRow {
  rank: number;
  repId: string;
  value: number;
}
interface Retention {
  nrr: number | null;
  grr: number | null;
  churned: number | null;
  atRisk: number;
  cohorts: { cohort: string; size: number; values: (number | null)[] }[];
}
interface VisitRow {
  repId: string;
  visits: number;
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
async function signedIn(locale: Locale, username = 'admin', password?: string): Promise<TestPage> {
  const tp = await browser.newPage({ baseURL: server.url, locale: LOCALES[locale] });
  const login = await tp.context.request.post('/api/auth/login', { data: { username, password: password ?? server.adminPassword } });
  expect(login.ok(), `sign in as ${username}`).toBe(true);
  return tp;
}

async function getJson<T>(request: APIRequestContext, url: string): Promise<T> {
  const res = await request.get(url);
  expect(res.ok(), `${url} answered ${res.status()}`).toBe(true);
  return (await res.json()) as T;
}

const text = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? '').trim();

/** Attainment table rows as key → [actual, attainment] texts. */
async function attainmentCells(page: Page): Promise<Record<string, [string, string]>> {
  return page.locator('[data-testid="attainment-table"] tbody tr').evaluateAll((rows) =>
    Object.fromEntries(
      rows.map((tr) => [
        tr.getAttribute('data-key') ?? '',
        [
          tr.querySelector('[data-testid="cell-actual"]')?.textContent?.trim() ?? '',
          // The band's words are for screen readers; the visible figure is the last text.
          tr.querySelector('[data-testid="cell-attainment"]')?.textContent?.trim().split(/\s+/).pop() ?? '',
        ],
      ]),
    ),
  );
}

/** The same, worked out from the API answer with the product's formatters. */
function expectedAttainment(rows: AttainmentRow[], locale: Locale): Record<string, [string, string]> {
  return Object.fromEntries(rows.map((r) => [r.key, [formatMoneyCompact(r.actual, locale), formatPercent(r.attainment, locale)]]));
}

/** The API query for a dashboard URL: its filters plus the page's own parameters, minus the view-only ones. */
function apiQuery(pageUrl: string, drop: string[] = []): string {
  const params = new URLSearchParams(new URL(pageUrl).search);
  for (const key of ['sort', 'dir', 'list', 'cohort', 'k', ...drop]) params.delete(key);
  return params.toString();
}

describe('dashboards', () => {
  it('draw their charts and show the API figures in Chinese and English, without console errors', async () => {
    for (const locale of ['zh', 'en'] as const) {
      const tp = await signedIn(locale);
      const { page } = tp;
      const api = page.request;

      // Attainment of December 2025: every rep's actual and attainment as the API has them.
      await page.goto('/attainment?period=2025-12');
      await page.locator(READY('attainment-chart')).waitFor();
      const attainment = await getJson<{ rows: AttainmentRow[] }>(api, '/api/kpi/attainment?period=2025-12&by=rep&metric=revenue');
      expect(attainment.rows.length, 'the demo company has reps with targets').toBeGreaterThan(5);
      expect(await attainmentCells(page)).toEqual(expectedAttainment(attainment.rows, locale));
      // The table opens sorted by attainment, highest first.
      const best = Math.max(...attainment.rows.map((r) => r.attainment ?? -Infinity));
      expect(await page.locator('[data-testid="attainment-table"] tbody tr').first().getAttribute('data-key')).toBe(
        attainment.rows.find((r) => r.attainment === best)!.key,
      );
      expect(await page.locator('html').getAttribute('lang')).toBe(locale === 'zh' ? 'zh-CN' : 'en');
      await tp.screenshot(`attainment-${locale}`);

      // Rankings by revenue: the ranks and values in the API's order.
      await page.goto('/rankings?period=2025-12');
      await page.locator(READY('rankings-chart')).waitFor();
      const rankings = await getJson<{ rows: RankingRow[] }>(api, '/api/kpi/rankings?period=2025-12&metric=revenue');
      const shownRanks = await page.locator('[data-testid="rankings-table"] tbody tr').evaluateAll((rows) =>
        rows.map((tr) => [tr.getAttribute('data-rep'), tr.querySelector('[data-testid="ranking-value"]')?.textContent?.trim()]),
      );
      expect(shownRanks).toEqual(rankings.rows.map((r) => [r.repId, formatMoneyCompact(r.value, locale)]));
      await tp.screenshot(`rankings-${locale}`);

      // Retention over 2025: NRR, GRR, churned and at-risk tiles, one heatmap row per cohort.
      await page.goto('/retention?period=2025');
      await page.locator(READY('retention-curves')).waitFor();
      const retention = await getJson<Retention>(api, '/api/kpi/retention?period=2025&basis=logo');
      expect(retention.cohorts.length).toBe(12);
      expect(await text(page, '[data-testid="tile-nrr"] [data-testid="kpi-value"]')).toBe(formatPercent(retention.nrr, locale));
      expect(await text(page, '[data-testid="tile-grr"] [data-testid="kpi-value"]')).toBe(formatPercent(retention.grr, locale));
      expect(await text(page, '[data-testid="tile-churned"] [data-testid="kpi-value"]')).toBe(formatInteger(retention.churned, locale));
      expect(await text(page, '[data-testid="tile-at-risk"] [data-testid="kpi-value"]')).toBe(formatInteger(retention.atRisk, locale));
      expect(await page.locator('[data-testid="cohort-heatmap"] tbody tr').count()).toBe(retention.cohorts.length);
      await page.locator('[data-testid="churned-table"]').waitFor();
      // The churned list arrives as its first 15 rows; "show all" fetches the rest (up to 200), in the API's order.
      const churned = await getJson<{ total: number; rows: Array<{ customerId: string }> }>(api, '/api/kpi/retention/customers?period=2025&kind=churned&limit=200');
      const listedIds = () =>
        page.locator('[data-testid="churned-table"] [data-testid="customer-link"]').evaluateAll((links) => links.map((a) => decodeURIComponent(a.getAttribute('href')!.split('?')[0]!.split('/').pop()!)));
      expect(await listedIds()).toEqual(churned.rows.slice(0, 15).map((r) => r.customerId));
      if (churned.total > 15) {
        await page.locator('[data-testid="churned-table-more"]').click();
        await page.locator('[data-testid="churned-table-more"][aria-expanded="true"]').waitFor();
        expect(await listedIds()).toEqual(churned.rows.map((r) => r.customerId));
      }
      await tp.screenshot(`retention-${locale}`);

      // Visits in December 2025: the total and each rep's count.
      await page.goto('/visits?period=2025-12');
      await page.locator(READY('visits-chart')).waitFor();
      const visits = await getJson<{ rows: VisitRow[] }>(api, '/api/kpi/visits?period=2025-12');
      const total = visits.rows.reduce((sum, r) => sum + r.visits, 0);
      expect(total, 'the demo company visits customers').toBeGreaterThan(0);
      expect(await text(page, '[data-testid="tile-visits"] [data-testid="kpi-value"]')).toBe(formatInteger(total, locale));
      const perRep = await page.locator('[data-testid="visits-table"] [data-testid="rep-visits"]').allTextContents();
      expect(perRep.map((s) => s.trim())).toEqual(visits.rows.map((r) => formatInteger(r.visits, locale)));
      // Uncovered key accounts: the tile counts all of them, "show all" lists every one.
      const uncovered = await getJson<{ uncovered: Array<{ customerId: string }>; uncoveredTotal: number }>(api, '/api/kpi/visits?period=2025-12&uncoveredLimit=5000');
      expect(uncovered.uncovered.length).toBe(uncovered.uncoveredTotal);
      expect(await text(page, '[data-testid="tile-uncovered"] [data-testid="kpi-value"]')).toBe(formatInteger(uncovered.uncoveredTotal, locale));
      if (uncovered.uncoveredTotal > 15) {
        await page.locator('[data-testid="uncovered-more"]').click();
        await page.locator('[data-testid="uncovered-more"][aria-expanded="true"]').waitFor();
        expect(await page.locator('[data-testid="uncovered-table"] tbody tr').count()).toBe(uncovered.uncoveredTotal);
      }
      await page.locator('[data-testid="weekly-heatmap"]').waitFor();
      await tp.screenshot(`visits-${locale}`);

      expect(tp.consoleErrors).toEqual([]);
      await tp.context.close();
    }
  });

  it('keeps the filter bar in the URL: a copied link shows the same figures, back and forward step through views', async () => {
    const tp = await signedIn('en');
    const { page } = tp;
    const options = await getJson<{ teams: string[] }>(page.request, '/api/filters/options');
    const team = options.teams[0]!;
    // "Last month" counts from the as-of date (the latest order date), not the clock.
    const { asOf } = await getJson<{ asOf: string }>(page.request, '/api/reps');
    const [year, month] = asOf.split('-').map(Number) as [number, number];
    const lastMonth = month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;

    await page.goto('/attainment?period=2025-11');
    await page.locator(READY('attainment-chart')).waitFor();
    const november = await attainmentCells(page);

    // Quick period "last month" (counted from the as-of date), then one team, then targets by team.
    await page.locator('[data-testid="filter-period"]').click();
    await page.locator('[data-testid="period-last-month"]').click();
    await page.waitForURL((url) => url.searchParams.get('period') === lastMonth);
    await page.locator('[data-testid="filter-team"]').click();
    await page.locator('[data-testid="filter-team-panel"] label', { hasText: team }).click();
    await page.locator('[data-testid="filter-team-panel"] button', { hasText: 'Done' }).click();
    await page.waitForURL((url) => url.searchParams.getAll('team').join() === team);
    await page.locator('[data-testid="filter-compare-last_year"]').check();
    await page.waitForURL((url) => url.searchParams.get('compare') === 'last_year');
    await page.locator('[data-testid="attainment-by-team"]').check();
    await page.waitForURL((url) => url.searchParams.get('by') === 'team');
    await page.locator(READY('attainment-chart')).waitFor();

    const copied = page.url();
    const answer = await getJson<{ rows: AttainmentRow[] }>(page.request, `/api/kpi/attainment?${apiQuery(copied)}`);
    expect(answer.rows.map((r) => r.key)).toEqual([team]);
    await expect.poll(() => attainmentCells(page)).toEqual(expectedAttainment(answer.rows, 'en'));
    expect(await text(page, '[data-testid="filter-period-value"]')).toBe(formatPeriod(lastMonth, 'en'));
    expect(await text(page, '[data-testid="filter-team-value"]')).toBe(team);

    // The copied link in a fresh session shows the same view and figures.
    const other = await signedIn('en');
    await other.page.goto(copied);
    await other.page.locator(READY('attainment-chart')).waitFor();
    expect(await attainmentCells(other.page)).toEqual(await attainmentCells(page));
    expect(await other.page.locator('[data-testid="attainment-by-team"]').isChecked()).toBe(true);
    expect(await text(other.page, '[data-testid="filter-team-value"]')).toBe(team);
    expect(other.consoleErrors).toEqual([]);
    await other.context.close();

    // Back four steps returns to November for every rep; forward again to the team view.
    for (let i = 0; i < 4; i++) await page.goBack();
    await page.waitForURL((url) => url.search === '?period=2025-11');
    await expect.poll(() => attainmentCells(page)).toEqual(november);
    for (let i = 0; i < 4; i++) await page.goForward();
    await page.waitForURL((url) => url.searchParams.get('by') === 'team');
    await expect.poll(() => attainmentCells(page)).toEqual(expectedAttainment(answer.rows, 'en'));

    expect(tp.consoleErrors).toEqual([]);
    await tp.context.close();
  });

  it('opens what a figure is about: a cohort cell lists its customers, a rep row the evaluation, order lines keep the filters', async () => {
    const tp = await signedIn('en');
    const { page } = tp;

    await page.goto('/retention?period=2025&basis=revenue');
    await page.locator(READY('retention-curves')).waitFor();
    const cell = page.locator('[data-testid="cohort-cell"][data-cohort="2025-03"][data-k="2"]');
    await cell.click();
    await page.waitForURL((url) => url.searchParams.get('cohort') === '2025-03' && url.searchParams.get('k') === '2');
    await page.locator('[data-testid="cohort-customers-table"]').waitFor();
    // The list is the logo cohort's month-2 buyers: as many as the logo matrix says (size × share).
    const logo = await getJson<Retention>(page.request, '/api/kpi/retention?period=2025&basis=logo');
    const march = logo.cohorts.find((c) => c.cohort === '2025-03')!;
    const listed = await page.locator('[data-testid="cohort-customers-table"] tbody tr').count();
    expect(listed).toBe(Math.round(march.size * march.values[2]!));
    const customerHref = await page.locator('[data-testid="cohort-customers-table"] [data-testid="customer-link"]').first().getAttribute('href');
    expect(customerHref).toMatch(/^\/customers\/[^?]+\?period=2025$/);
    const lines = await page.locator('[data-testid="cohort-customers-table"] [data-testid="order-lines-link"]').first().getAttribute('href');
    expect(lines).toMatch(/^\/orders\?period=2025&customer=/);
    await tp.screenshot('retention-cohort-en');

    await page.goto('/rankings?period=2025-12&metric=growth');
    await page.locator(READY('rankings-chart')).waitFor();
    const growth = await getJson<{ rows: RankingRow[] }>(page.request, '/api/kpi/rankings?period=2025-12&metric=growth');
    expect(await text(page, '[data-testid="ranking-value"]')).toBe(formatChange(growth.rows[0]!.value, 'en'));
    // The leader's row opens their evaluation for the same period (the metric is this page's own).
    expect(await page.locator('[data-testid="rankings-open"]').first().getAttribute('href')).toBe(`/reps/${growth.rows[0]!.repId}?period=2025-12`);

    expect(tp.consoleErrors).toEqual([]);
    await tp.context.close();
  });

  it("highlights the signed-in rep's row in the rankings", async () => {
    const tp = await signedIn('zh', 'demo.rep', 'demo');
    const { page } = tp;
    const me = await getJson<{ repId: string }>(page.request, '/api/auth/me');
    await page.goto('/rankings');
    await page.locator(READY('rankings-chart')).waitFor();
    expect(await page.locator('[data-testid="rankings-me"]').getAttribute('data-rep')).toBe(me.repId);
    expect(tp.consoleErrors).toEqual([]);
    await tp.context.close();
  });
});
