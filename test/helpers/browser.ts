// Headless Chromium for browser tests: finds a browser ($CHROMIUM_PATH, Debian's, or Playwright's
// own), opens pages that collect console errors, and saves screenshots under test-artifacts/.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const NO_CHROMIUM =
  'No Chromium found: install Debian\'s chromium (apt-get install chromium) or set CHROMIUM_PATH';

export const SCREENSHOT_DIR = path.resolve('test-artifacts', 'screenshots');

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The Chromium to use, or null when none is installed. */
export function findChromium(): string | null {
  const candidates: string[] = [];
  if (process.env.CHROMIUM_PATH) candidates.push(process.env.CHROMIUM_PATH);
  candidates.push('/usr/bin/chromium');
  try {
    candidates.push(chromium.executablePath());
  } catch {
    // Playwright has no browser of its own for this platform.
  }
  return candidates.find((file) => file && fs.existsSync(file)) ?? null;
}

export interface TestPage {
  page: Page;
  context: BrowserContext;
  /** Console errors and uncaught page errors seen so far, as text. */
  consoleErrors: string[];
  /** Saves a full-page PNG as test-artifacts/screenshots/<name>.png and returns its path. */
  screenshot(name: string): Promise<string>;
}

export interface TestBrowser {
  browser: Browser;
  newPage(opts?: { baseURL?: string; locale?: string; viewport?: { width: number; height: number } }): Promise<TestPage>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<TestBrowser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(NO_CHROMIUM);
  const browser = await chromium.launch({ executablePath, headless: true, args: ARGS });

  return {
    browser,
    async newPage(opts = {}) {
      const context = await browser.newContext({
        baseURL: opts.baseURL,
        locale: opts.locale ?? 'zh-CN',
        viewport: opts.viewport ?? { width: 1280, height: 900 },
        timezoneId: 'UTC',
      });
      const page = await context.newPage();
      const consoleErrors: string[] = [];
      page.on('console', (msg) => {
        if (msg.type() === 'error') {
          const where = msg.location();
          consoleErrors.push(`${msg.text()}${where.url ? ` (${where.url}:${where.lineNumber})` : ''}`);
        }
      });
      page.on('pageerror', (err) => consoleErrors.push(`Uncaught: ${err.message}`));
      return {
        page,
        context,
        consoleErrors,
        async screenshot(name) {
          await fs.promises.mkdir(SCREENSHOT_DIR, { recursive: true });
          const file = path.join(SCREENSHOT_DIR, `${name}.png`);
          await page.screenshot({ path: file, fullPage: true });
          return file;
        },
      };
    },
    async close() {
      await browser.close();
    },
  };
}
