// Front-end figures: the gzipped JavaScript of the first page as the build ships it, the time
// from the login answer to the first chart reporting it has drawn (and from the click on "sign in",
// password check included), and the time from a click in the app to the next page being ready
// (navigation.ts), in headless Chromium against the real server with the demo company
// (ATTAIN_DEMO=1, result cache on as users get it).
import path from 'node:path';
import zlib from 'node:zlib';
import type { Page } from 'playwright-core';
import { NO_CHROMIUM, findChromium, launchBrowser } from '../helpers/browser.ts';
import { ensureFreshWebBuild, startServer } from '../helpers/server.ts';
import { BENCH_ADMIN_PASSWORD } from './api.ts';
import { ROOT } from './cache.ts';
import { copyDb, removeDb, type BenchContext, type SectionResult } from './context.ts';
import { firstPageJs } from './bundle.ts';
import { atMost, figure, notMeasured, type Figure } from './figures.ts';
import { NAV_STEPS, OVERVIEW_READY, navigationRounds, summarise, type PageTimes } from './navigation.ts';
import { median } from './stats.ts';

const S = 'frontend';

function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return (text.split('\n').find((l) => /error/i.test(l)) ?? text.split('\n')[0] ?? '').trim().slice(0, 200);
}
const JS_LIMIT_KB = 350;
const CHART_LIMIT_S = 1.5;
const RUNS = 3;
const NAV_LIMIT_MS = 500;
const NAV_ROUNDS = 6;
/** Any chart that has drawn its data (interface.md: the container carries data-chart-ready="true"). */
const CHART_READY = '[data-chart-ready="true"]';

export async function frontendSection(ctx: BenchContext): Promise<SectionResult> {
  const figures: Figure[] = [];
  ctx.log('frontend: web build (rebuilt only when its sources changed) …');
  let buildProblem: string | null = null;
  try {
    ensureFreshWebBuild();
  } catch (err) {
    buildProblem = firstLine(err);
  }
  const js = firstPageJs(path.join(ROOT, 'build', 'web'));
  const note = [`${(js.rawBytes / 1024).toFixed(0)} KB before compression`, buildProblem ? `the build could not be refreshed, the existing one was measured: ${buildProblem}` : ''];
  figures.push(
    figure(`${S}.first_page_js`, S, `first page JavaScript, gzipped (${js.files.length} modules from the build)`, js.gzipBytes / 1024, 'KB', atMost(JS_LIMIT_KB), note.filter(Boolean).join('; ')),
  );
  if (buildProblem) {
    figures.push(
      notMeasured(`${S}.first_chart.cold`, S, 'sign-in to first chart drawn', 's', atMost(CHART_LIMIT_S), `the web build failed: ${buildProblem}`),
      ...navigationFigures([], `the web build failed: ${buildProblem}`),
    );
    return { figures, detail: { firstPageJs: js } };
  }

  if (!findChromium()) {
    figures.push(notMeasured(`${S}.first_chart.cold`, S, 'sign-in to first chart drawn', 's', atMost(CHART_LIMIT_S), NO_CHROMIUM), ...navigationFigures([], NO_CHROMIUM));
    return { figures, detail: { firstPageJs: js } };
  }
  const demo = await ctx.prepared.database('demo');
  const copy = copyDb(ctx, demo.file, 'frontend.duckdb');
  /** From the login answer to the first chart drawn, and from the click on "sign in" to it. */
  const times: number[] = [];
  const totals: number[] = [];
  let navigation: PageTimes[] = [];
  let navigationProblem: string | null = null;
  let observedGzip = 0;
  let observedScripts = 0;
  try {
    const server = await startServer({ dbPath: copy, env: { ATTAIN_DEMO: '1', ATTAIN_ADMIN_PASSWORD: BENCH_ADMIN_PASSWORD, ATTAIN_SAMPLE_DIR: demo.sample.dir } });
    const browser = await launchBrowser();
    try {
      ctx.log(`frontend: sign-in to first chart, ${RUNS} fresh browser contexts …`);
      for (let run = 0; run < RUNS; run++) {
        const tp = await browser.newPage({ baseURL: server.url, locale: 'zh-CN' });
        const { page } = tp;
        const scripts: Promise<number>[] = [];
        if (run === 0) {
          page.on('response', (response) => {
            if (response.request().resourceType() === 'script') scripts.push(response.body().then((b) => zlib.gzipSync(b).length, () => 0));
          });
        }
        await page.goto('/login');
        await page.locator('input[name="username"]').fill('admin');
        await page.locator('input[name="password"]').fill(BENCH_ADMIN_PASSWORD);
        const submit = page.locator('[data-testid="login-form"] button[type="submit"]');
        await submit.waitFor();
        const loginAnswered = page.waitForResponse((r) => r.url().endsWith('/api/auth/login') && r.request().method() === 'POST');
        const t0 = performance.now();
        await submit.click();
        await loginAnswered;
        const t1 = performance.now();
        await page.locator(CHART_READY).first().waitFor({ timeout: 60_000 });
        const t2 = performance.now();
        times.push((t2 - t1) / 1000);
        totals.push((t2 - t0) / 1000);
        if (run === 0) {
          const sizes = await Promise.all(scripts);
          observedScripts = sizes.length;
          observedGzip = sizes.reduce((a, b) => a + b, 0);
        }
        await tp.context.close();
      }
      ctx.log(`frontend: page-to-page navigation, ${NAV_ROUNDS} rounds through ${NAV_STEPS.length} pages …`);
      const tp = await browser.newPage({ baseURL: server.url, locale: 'zh-CN' });
      try {
        await signIn(tp.page);
        navigation = await navigationRounds(tp.page, NAV_ROUNDS, ctx.log);
      } catch (err) {
        navigationProblem = firstLine(err);
        await tp.screenshot('bench-navigation-failure').catch(() => undefined);
      } finally {
        await tp.context.close();
      }
    } finally {
      await browser.close();
      await server.stop();
    }
  } finally {
    removeDb(copy);
  }
  figures.push(
    figure(`${S}.first_chart.cold`, S, 'login answered → first chart drawn (first sign-in: server cache cold)', times[0] ?? null, 's', atMost(CHART_LIMIT_S)),
    figure(`${S}.first_chart.warm_median`, S, `login answered → first chart drawn, median of the next ${RUNS - 1}`, median(times.slice(1)), 's'),
    figure(`${S}.first_chart.from_click`, S, 'click on "sign in" → first chart drawn (first sign-in; includes the password check)', totals[0] ?? null, 's'),
    figure(`${S}.browser_js`, S, `JavaScript the browser fetched up to the first chart (${observedScripts} scripts, gzipped)`, observedGzip / 1024, 'KB'),
  );
  figures.push(...navigationFigures(navigation, navigationProblem));
  return { figures, detail: { firstPageJs: js, chartSeconds: times, fromClickSeconds: totals, navigation: { rounds: NAV_ROUNDS, limitMs: NAV_LIMIT_MS, pages: navigation } } };
}

async function signIn(page: Page): Promise<void> {
  await page.goto('/login');
  await page.locator('input[name="username"]').fill('admin');
  await page.locator('input[name="password"]').fill(BENCH_ADMIN_PASSWORD);
  await page.locator('[data-testid="login-form"] button[type="submit"]').click();
  for (const selector of OVERVIEW_READY.ready) await page.locator(selector).first().waitFor({ timeout: 60_000 });
}

/** Overall p95 against the target, p50 and max beside it, then each page's p95 against the target. */
function navigationFigures(pages: PageTimes[], problem: string | null): Figure[] {
  const label = `click → next page ready, p95 of every page over ${NAV_ROUNDS} rounds (server result cache on)`;
  if (problem || pages.length === 0) {
    return [notMeasured(`${S}.navigation.p95`, S, label, 'ms', atMost(NAV_LIMIT_MS), problem ?? 'no navigation was timed')];
  }
  const all = summarise('all', pages.flatMap((p) => p.samples));
  const firstRound = pages.map((p) => p.samples[0]!);
  const how = 'client-side navigation through the links a user clicks; from the press on the link until the charts report drawn, the tables have rows and nothing shows a skeleton';
  return [
    figure(`${S}.navigation.p95`, S, label, all.p95, 'ms', atMost(NAV_LIMIT_MS), `${how}; ${all.samples.length} navigations`),
    figure(`${S}.navigation.p50`, S, 'click → next page ready, median of every page', all.p50, 'ms'),
    figure(`${S}.navigation.max`, S, 'click → next page ready, slowest', all.max, 'ms'),
    figure(`${S}.navigation.first_visit_max`, S, 'click → next page ready, slowest first visit (page code and server cache cold)', Math.max(...firstRound), 'ms'),
    ...pages.map((p) =>
      figure(`${S}.navigation.${p.page}.p95`, S, `→ ${p.page}: p95 (p50 ${fmtMs(p.p50)}, max ${fmtMs(p.max)})`, p.p95, 'ms', atMost(NAV_LIMIT_MS)),
    ),
  ];
}

const fmtMs = (ms: number | null) => (ms === null ? '—' : `${ms.toFixed(0)} ms`);
