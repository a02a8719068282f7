// Page-to-page navigation in the signed-in app: clicks through every analytic page as a user does
// (the side navigation, a rep's and a customer's link in their lists) and times each click, from
// the press of the button, until the new page's content is ready, measured inside the page so the
// browser driver's round trips do not count.
import type { Page } from 'playwright-core';
import { median, percentile } from './stats.ts';

/** Ready-signal of a chart that has drawn its data (interface.md), as the browser tests use it. */
const chartReady = (testid: string) => `[data-testid="${testid}"] [data-chart-ready="true"]`;

export interface NavStep {
  /** Name in the figures and results.json. */
  name: string;
  /** What the user clicks to get there (the first match). */
  link: string;
  /** The page's path once it is there. */
  path: RegExp;
  /** What the browser tests wait for on this page: its charts drawn and its tables filled. */
  ready: string[];
}

/** One round: every analytic page once, starting and ending on the overview. */
export const NAV_STEPS: NavStep[] = [
  { name: 'attainment', link: '[data-testid="nav-attainment"]', path: /^\/attainment$/, ready: [chartReady('attainment-chart'), '[data-testid="attainment-table"] tbody tr'] },
  { name: 'rankings', link: '[data-testid="nav-rankings"]', path: /^\/rankings$/, ready: [chartReady('rankings-chart'), '[data-testid="rankings-table"] tbody tr'] },
  {
    name: 'retention',
    link: '[data-testid="nav-retention"]',
    path: /^\/retention$/,
    ready: [chartReady('retention-curves'), '[data-testid="cohort-heatmap"] tbody tr', '[data-testid="churned-table"]'],
  },
  { name: 'visits', link: '[data-testid="nav-visits"]', path: /^\/visits$/, ready: [chartReady('visits-chart'), '[data-testid="visits-table"] tbody tr', '[data-testid="weekly-heatmap"]'] },
  { name: 'reps', link: '[data-testid="nav-reps"]', path: /^\/reps$/, ready: ['[data-testid="rep-row"]'] },
  {
    name: 'evaluation',
    link: '[data-testid="rep-link"]',
    path: /^\/reps\/[^/]+$/,
    ready: [chartReady('eval-trend-chart'), chartReady('eval-components-chart'), chartReady('eval-rank-chart')],
  },
  { name: 'customers', link: '[data-testid="nav-customers"]', path: /^\/customers$/, ready: ['[data-testid="customer-row"]'] },
  { name: 'customer', link: '[data-testid="customer-link"]', path: /^\/customers\/[^/]+$/, ready: [chartReady('customer-revenue-chart')] },
  { name: 'orders', link: '[data-testid="nav-orders"]', path: /^\/orders$/, ready: ['[data-testid="orders-table"] tr[data-row="0"]'] },
  { name: 'overview', link: '[data-testid="nav-overview"]', path: /^\/$/, ready: [chartReady('revenue-target-chart'), '[data-testid="tile-value"]'] },
];

/** The overview step: what sign-in waits for before the first round starts from the overview. */
export const OVERVIEW_READY = NAV_STEPS.find((s) => s.name === 'overview')!;

/**
 * The few browser globals the in-page functions below use (the bench compiles without the DOM
 * library). `attainClickAt` is performance.now() of the last press of a pointer button, recorded
 * in the capture phase before any handler runs: SvelteKit starts loading the next page on that
 * press (data-sveltekit-preload-data), before the click itself.
 */
interface PageGlobals {
  attainClickAt?: number;
  document: {
    addEventListener(type: 'pointerdown', listener: () => void, options: { capture: boolean }): void;
    querySelector(selector: string): { querySelector(selector: string): unknown } | null;
  };
  location: { pathname: string };
  performance: { now(): number };
}

/** Records every press's time in the page; call once per page (it survives client-side navigation). */
export async function recordClicks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = globalThis as unknown as PageGlobals;
    w.document.addEventListener('pointerdown', () => (w.attainClickAt = w.performance.now()), { capture: true });
  });
}

/**
 * Milliseconds from the press on `step.link` until the page at `step.path` is ready: every
 * selector of `step.ready` present, and in <main> nothing still loading — no skeleton, nothing
 * aria-busy, no chart that has not drawn yet. Checked on every animation frame.
 */
export async function timeStep(page: Page, step: NavStep, timeoutMs = 30_000): Promise<number> {
  await page.evaluate(() => ((globalThis as unknown as PageGlobals).attainClickAt = undefined));
  await page.locator(step.link).first().click();
  const handle = await page.waitForFunction(
    ({ path, ready }) => {
      const w = globalThis as unknown as PageGlobals;
      const clickedAt = w.attainClickAt;
      if (clickedAt === undefined || !new RegExp(path).test(w.location.pathname)) return false;
      const main = w.document.querySelector('main');
      if (!main || main.querySelector('.skeleton, [aria-busy="true"], [data-chart-ready="false"]')) return false;
      if (!ready.every((selector) => w.document.querySelector(selector))) return false;
      return w.performance.now() - clickedAt;
    },
    { path: step.path.source, ready: step.ready },
    { polling: 'raf', timeout: timeoutMs },
  );
  return (await handle.jsonValue()) as number;
}

export interface PageTimes {
  page: string;
  /** Every click-to-ready time in order, one per round (ms). */
  samples: number[];
  p50: number | null;
  p95: number | null;
  max: number | null;
}

export function summarise(name: string, samples: number[]): PageTimes {
  return { page: name, samples, p50: median(samples), p95: percentile(samples, 95), max: samples.length ? Math.max(...samples) : null };
}

/** `rounds` rounds through NAV_STEPS from a signed-in overview; the times per page, in step order. */
export async function navigationRounds(page: Page, rounds: number, log: (line: string) => void): Promise<PageTimes[]> {
  await recordClicks(page);
  const samples = new Map<string, number[]>(NAV_STEPS.map((s) => [s.name, []]));
  for (let round = 0; round < rounds; round++) {
    const times: string[] = [];
    for (const step of NAV_STEPS) {
      const ms = await timeStep(page, step);
      samples.get(step.name)!.push(ms);
      times.push(`${step.name} ${ms.toFixed(0)}`);
    }
    log(`frontend: navigation round ${round + 1}/${rounds} (ms): ${times.join(', ')}`);
  }
  return NAV_STEPS.map((s) => summarise(s.name, samples.get(s.name)!));
}
