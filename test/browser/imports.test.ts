// The Imports page in a real browser against the real server with the demo company (one server for
// the file): the sample company's next export as a GB18030 CSV with Chinese headers and a title row
// is recognised, mapped and imported, and the Overview's month revenue grows by exactly the file's
// total (summed here from the file itself); importing it again changes nothing; undo brings the
// figure back; a file with bad rows imports the rest; an XLSX whose orders sit on its second sheet;
// roles that may not import see a panel saying so. Screenshots of each step in zh, the page in en.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type TestBrowser, type TestPage } from '../helpers/browser.ts';
import { sharedSampleDir, startServer, type RunningServer } from '../helpers/server.ts';
import { formatMoneyCompact } from '../../web/lib/i18n/format.ts';

const REVENUE_TILE = '[data-testid="tile-revenue"] [data-testid="tile-value"]';
const FILE_CARD = (name: string) => `[data-testid="import-file"][data-file="${name}"]`;

/** Chinese header of each orders column (the sample company's zh form). */
const ZH_HEADERS: Record<string, string> = {
  order_id: '订单号',
  line_no: '行号',
  order_date: '订单日期',
  customer_id: '客户编号',
  customer_name: '客户名称',
  rep_id: '业务员编号',
  sku: '物料编码',
  product_name: '品名',
  category: '品类',
  quantity: '数量',
  unit_price: '单价',
  discount: '折扣',
  amount: '价税合计',
  status: '状态',
  original_order_id: '原订单号',
  channel: '渠道',
  region: '区域',
  currency: '币种',
};

interface Overview {
  period: { label: string };
  tiles: { revenue: { value: number | null } };
}

/** One CSV line split on commas outside double quotes ("" inside quotes is a quote). */
function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cell);
      cell = '';
    } else cell += ch;
  }
  out.push(cell);
  return out;
}

function csvLines(text: string): string[] {
  return text.split(/\r?\n/).filter((line) => line.trim() !== '');
}

let server: RunningServer;
let browser: TestBrowser;
let tp: TestPage;
let page: Page;
let work: string;
let month: string;

/** The next export (zh, GB18030) with a title line above its header, as exports from ERP systems have. */
let zhFile: string;
let zhHeader: string[];
let zhRows: string[][];
/** Sum of 价税合计 over lines that are not cancelled (returns carry negative amounts already). */
let zhTotal: number;

beforeAll(async () => {
  server = await startServer({ env: { ATTAIN_DEMO: '1' } });
  browser = await launchBrowser();
  work = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'attain-imports-'));

  const sample = sharedSampleDir();
  const manifest = JSON.parse(fs.readFileSync(path.join(sample, 'manifest.json'), 'utf8')) as { next: { from: string } };
  month = manifest.next.from.slice(0, 7);

  const raw = fs.readFileSync(path.join(sample, 'next', 'zh', 'orders.csv'));
  const text = iconv.decode(raw, 'gb18030');
  const lines = csvLines(text);
  zhHeader = splitCsvLine(lines[0]!);
  zhRows = lines.slice(1).map(splitCsvLine);
  const amount = zhHeader.indexOf('价税合计');
  const status = zhHeader.indexOf('状态');
  expect(amount).toBeGreaterThanOrEqual(0);
  const cents = zhRows.filter((r) => r[status] !== '已取消').reduce((sum, r) => sum + Math.round(Number(r[amount]) * 100), 0);
  zhTotal = cents / 100;

  zhFile = path.join(work, '订单明细-下半月.csv');
  // The title line ends like the file's own lines (CRLF).
  const title = iconv.encode(`订单明细 ${manifest.next.from} 至 月末\r\n`, 'gb18030');
  fs.writeFileSync(zhFile, Buffer.concat([title, raw]));

  tp = await browser.newPage({ baseURL: server.url, locale: 'zh-CN' });
  page = tp.page;
  await page.goto('/login');
  await page.locator('input[name="username"]').fill('admin');
  await page.locator('input[name="password"]').fill(server.adminPassword);
  await page.locator('[data-testid="login-form"] button[type="submit"]').click();
  await page.waitForURL((url) => url.pathname === '/');
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (work) await fs.promises.rm(work, { recursive: true, force: true });
});

async function monthRevenue(): Promise<number> {
  const res = await page.request.get(`/api/kpi/overview?period=${month}`);
  expect(res.ok()).toBe(true);
  const body = (await res.json()) as Overview;
  return body.tiles.revenue.value ?? 0;
}

/** To the Overview through the navigation (no reload) and its revenue tile's text. */
async function overviewTile(): Promise<string> {
  await page.locator('[data-testid="nav-overview"]').click();
  await page.waitForURL((url) => url.pathname === '/');
  await page.locator(REVENUE_TILE).waitFor();
  return ((await page.locator(REVENUE_TILE).textContent()) ?? '').trim();
}

async function toImports(): Promise<void> {
  await page.locator('[data-testid="nav-imports"]').click();
  await page.waitForURL((url) => url.pathname === '/imports');
  await page.locator('[data-testid="drop-zone"]').waitFor();
  await page.locator('[data-testid="import-history"]').waitFor();
}

/** Removes the file cards left from an earlier step, so each step starts from the drop zone. */
async function clearCards(): Promise<void> {
  const cards = page.locator('[data-testid="import-file"] header button');
  while ((await cards.count()) > 0) await cards.first().click();
}

function historyRows(file: string) {
  return page.locator(`[data-testid="import-history"] tr[data-file="${file}"]`);
}

let revenueBefore: number;
let tileBefore: string;

describe('imports', () => {
  it('previews, maps, checks and imports the next export (GB18030, Chinese headers, title row); the Overview grows by its total', async () => {
    // The Overview shows the as-of month; its figure before the import.
    await page.locator(REVENUE_TILE).waitFor();
    const overview = (await (await page.request.get('/api/kpi/overview')).json()) as Overview;
    expect(overview.period.label).toBe(month);
    revenueBefore = await monthRevenue();
    tileBefore = ((await page.locator(REVENUE_TILE).textContent()) ?? '').trim();
    expect(tileBefore).toBe(formatMoneyCompact(revenueBefore, 'zh'));
    // Marks this document: a full reload would lose it.
    await page.evaluate(() => ((globalThis as unknown as { importMark: number }).importMark = 1));

    await toImports();
    await tp.screenshot('imports-zh');

    // The browser's own quick look comes first: held back, the server's preview lets it show.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/imports/preview', async (route) => {
      await held;
      await route.continue();
    });
    await page.locator('[data-testid="import-input"]').setInputFiles(zhFile);
    const card = page.locator(FILE_CARD(path.basename(zhFile)));
    const quick = card.locator('[data-testid="quick-look"] [data-testid="preview-table"]');
    await quick.waitFor();
    expect((await quick.locator('thead th').allTextContents()).slice(1).map((h) => h.trim())).toEqual(zhHeader);
    expect((await quick.locator('tbody tr').first().locator('td').allTextContents()).slice(1)).toEqual(zhRows[0]);
    expect(await card.locator('[data-testid="detected-encoding"]').textContent()).toContain('GB18030');
    expect(await card.locator('[data-testid="header-row"]').inputValue()).toBe('2');
    await tp.screenshot('imports-quick-look-zh');
    release();
    await card.locator('[data-testid="mapping-editor"]').waitFor();
    await page.unroute('**/api/imports/preview');

    // What the server detected.
    expect(await card.locator('[data-testid="dataset-select"]').inputValue()).toBe('orders');
    expect(await card.locator('[data-testid="detected-encoding"]').textContent()).toContain('GB18030');
    expect((await card.locator('[data-testid="detected-delimiter"]').textContent())?.trim()).toBe('逗号');
    expect(await card.locator('[data-testid="header-row"]').inputValue()).toBe('2');

    // The preview: the file's header and its first 50 data rows, cell for cell.
    const table = card.locator('[data-testid="preview-table"]');
    const headers = (await table.locator('thead th').allTextContents()).slice(1).map((h) => h.trim());
    expect(headers).toEqual(zhHeader);
    expect(await table.locator('tbody tr').count()).toBe(50);
    for (const r of [0, 1, 49]) {
      const cells = (await table.locator('tbody tr').nth(r).locator('td').allTextContents()).slice(1);
      expect(cells, `preview row ${r + 1}`).toEqual(zhRows[r]);
    }

    // Mapped automatically: every orders column to its Chinese header.
    for (const [column, header] of Object.entries(ZH_HEADERS)) {
      expect(await card.locator(`[data-testid="map-${column}"]`).inputValue(), column).toBe(header);
      expect((await card.locator(`[data-testid="map-source-${column}"]`).textContent())?.trim(), column).toBe('自动');
    }
    expect(await card.locator('[data-testid="mapping-editor"]').getAttribute('data-remembered')).toBe('false');
    expect(await card.locator('[data-testid="mode-append"]').isChecked()).toBe(true);
    await tp.screenshot('imports-preview-zh');

    await card.locator('[data-testid="import-check"]').click();
    await card.locator('[data-testid="dry-run-status"][data-status="dry-run"]').waitFor();
    expect(await card.locator('[data-testid="report-read"]').getAttribute('data-value')).toBe(String(zhRows.length));
    expect(await card.locator('[data-testid="report-loaded"]').getAttribute('data-value')).toBe(String(zhRows.length));
    expect(await card.locator('[data-testid="report-rejected"]').getAttribute('data-value')).toBe('0');
    expect(await card.locator('[data-testid="report-duplicate"]').getAttribute('data-value')).toBe('0');
    await tp.screenshot('imports-dry-run-zh');

    // A slow upload, so the progress bar shows bytes going up.
    const cdp = await tp.context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 256 * 1024 });
    await card.locator('[data-testid="import-commit"]').click();
    const bar = card.locator('[data-testid="import-progress"][data-step="upload"] [role="progressbar"]');
    await expect.poll(async () => Number((await bar.getAttribute('aria-valuenow').catch(() => null)) ?? 0), { timeout: 30_000 }).toBeGreaterThan(0);
    await tp.screenshot('imports-progress-zh');
    await card.locator('[data-testid="import-result"][data-status="committed"]').waitFor({ timeout: 60_000 });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await cdp.detach();
    expect(await card.locator('[data-testid="report-loaded"]').getAttribute('data-value')).toBe(String(zhRows.length));
    await historyRows(path.basename(zhFile)).first().waitFor();
    await tp.screenshot('imports-committed-zh');

    // The Overview, reached without a reload, shows the month grown by exactly the file's total.
    const expected = Math.round((revenueBefore + zhTotal) * 100) / 100;
    await page.locator('[data-testid="nav-overview"]').click();
    await page.waitForURL((url) => url.pathname === '/');
    await expect.poll(async () => ((await page.locator(REVENUE_TILE).textContent()) ?? '').trim()).toBe(formatMoneyCompact(expected, 'zh'));
    expect(await monthRevenue()).toBeCloseTo(expected, 2);
    expect(await page.evaluate(() => (globalThis as unknown as { importMark?: number }).importMark)).toBe(1);
    await tp.screenshot('overview-after-import-zh');
  });

  it('says that importing the same file again changes nothing, and shows the remembered mapping', async () => {
    const revenue = await monthRevenue();
    await toImports();
    await clearCards();
    await page.locator('[data-testid="import-input"]').setInputFiles(zhFile);
    const card = page.locator(FILE_CARD(path.basename(zhFile)));
    await card.locator('[data-testid="mapping-editor"][data-remembered="true"]').waitFor();
    expect((await card.locator('[data-testid="map-source-amount"]').textContent())?.trim()).toBe('已记住');

    await card.locator('[data-testid="import-check"]').click();
    await card.locator('[data-testid="dry-run-status"][data-status="no-op"]').waitFor();
    await card.locator('[data-testid="import-commit"]').click();
    const result = card.locator('[data-testid="import-result"][data-status="no-op"]');
    await result.waitFor();
    expect(await result.textContent()).toContain('没有任何变化');
    await tp.screenshot('imports-noop-zh');

    // One committed import of the file, and the figure as it was.
    await expect.poll(async () => historyRows(path.basename(zhFile)).count()).toBe(1);
    expect(await monthRevenue()).toBeCloseTo(revenue, 2);
  });

  it('undoes the import after saying what will change, and the Overview shows its earlier figure', async () => {
    await toImports();
    await clearCards();
    const row = page.locator(`[data-testid="import-history"] tr[data-file="${path.basename(zhFile)}"][data-status="committed"]`);
    await row.locator('[data-testid="history-undo"]').click();
    const dialog = page.locator('[data-testid="undo-dialog"]');
    const changes = dialog.locator('[data-testid="undo-changes"]');
    await changes.waitFor();
    expect(await changes.getAttribute('data-removes')).toBe(String(zhRows.length));
    expect(await changes.getAttribute('data-restores')).toBe('0');
    expect(await changes.textContent()).toContain(`将删除该次导入的 ${zhRows.length.toLocaleString('en-US')} 行`);
    await tp.screenshot('imports-undo-confirm-zh');

    await dialog.locator('[data-testid="undo-confirm"]').click();
    await page.locator('[data-testid="undo-done"]').waitFor();
    await page.locator(`[data-testid="import-history"] tr[data-file="${path.basename(zhFile)}"][data-status="undone"]`).waitFor();
    await tp.screenshot('imports-undone-zh');

    expect(await overviewTile()).toBe(tileBefore);
    expect(await monthRevenue()).toBeCloseTo(revenueBefore, 2);
  });

  it('shows the rejected rows of a file with bad values, offers them as a CSV, and imports the rest', async () => {
    // 60 lines of the next export in its English form, two of them broken.
    const en = csvLines(fs.readFileSync(path.join(sharedSampleDir(), 'next', 'en', 'orders.csv'), 'utf8'));
    const header = splitCsvLine(en[0]!);
    const lines = en.slice(1, 61);
    const dateCol = header.indexOf('Order Date');
    const amountCol = header.indexOf('Amount');
    const broken = (line: string, col: number, value: string) => {
      const cells = splitCsvLine(line);
      cells[col] = value;
      return cells.map((c) => (/[",]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(',');
    };
    // File rows (header = row 1): data line i is row i + 2.
    lines[9] = broken(lines[9]!, dateCol, '2026-02-30');
    lines[24] = broken(lines[24]!, amountCol, '=1+2');
    // A rep the roster lacks: loaded, and reported as a data-quality warning.
    lines[30] = broken(lines[30]!, header.indexOf('Rep ID'), 'E9999');
    const file = path.join(work, 'orders-with-errors.csv');
    fs.writeFileSync(file, [en[0], ...lines].join('\n') + '\n');

    await toImports();
    await clearCards();
    await page.locator('[data-testid="import-input"]').setInputFiles(file);
    const card = page.locator(FILE_CARD('orders-with-errors.csv'));
    await card.locator('[data-testid="mapping-editor"]').waitFor();
    expect(await card.locator('[data-testid="dataset-select"]').inputValue()).toBe('orders');
    expect(await card.locator('[data-testid="detected-encoding"]').textContent()).toContain('UTF-8');

    await card.locator('[data-testid="import-check"]').click();
    await card.locator('[data-testid="dry-run-status"][data-status="dry-run"]').waitFor();
    expect(await card.locator('[data-testid="report-read"]').getAttribute('data-value')).toBe('60');
    expect(await card.locator('[data-testid="report-rejected"]').getAttribute('data-value')).toBe('2');
    expect(await card.locator('[data-testid="report-loaded"]').getAttribute('data-value')).toBe('58');
    const rejects = card.locator('[data-testid="rejects-table"] tbody tr');
    expect(await rejects.count()).toBe(2);
    const first = (await rejects.nth(0).locator('td').allTextContents()).map((c) => c.trim());
    const second = (await rejects.nth(1).locator('td').allTextContents()).map((c) => c.trim());
    expect(first.slice(0, 3)).toEqual(['11', 'Order Date', '2026-02-30']);
    expect(second.slice(0, 3)).toEqual(['26', 'Amount', '=1+2']);
    expect(await card.locator('[data-testid="report-warnings"]').textContent()).toContain('E9999');
    await tp.screenshot('imports-rejects-zh');

    // The download: every reject, the formula neutralised.
    const [download] = await Promise.all([page.waitForEvent('download'), card.locator('[data-testid="download-rejects"]').click()]);
    const saved = path.join(work, 'rejects.csv');
    await download.saveAs(saved);
    const csv = fs.readFileSync(saved, 'utf8').replace(/^\uFEFF/, '');
    const rows = csvLines(csv).map(splitCsvLine);
    expect(rows[0]).toEqual(['行号', '列', '值', '原因']);
    expect(rows.slice(1).map((r) => r.slice(0, 3))).toEqual([
      ['11', 'Order Date', '2026-02-30'],
      ['26', 'Amount', "'=1+2"],
    ]);

    await card.locator('[data-testid="import-commit"]').click();
    await card.locator('[data-testid="import-result"][data-status="committed"]').waitFor();
    expect(await card.locator('[data-testid="report-loaded"]').getAttribute('data-value')).toBe('58');
    const row = historyRows('orders-with-errors.csv').first();
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('committed');
    expect((await row.locator('[data-testid="history-loaded"]').textContent())?.trim()).toBe('58');
    const unknown = page.locator('[data-testid="quality-unknownReps"]');
    await unknown.waitFor();
    expect(await unknown.getAttribute('data-count')).toBe('1');
    expect(await unknown.textContent()).toContain('E9999');
    await tp.screenshot('imports-quality-zh');
  });

  it('picks the orders sheet of a workbook whose first sheet holds notes', async () => {
    const workbook = new ExcelJS.Workbook();
    const notes = workbook.addWorksheet('说明');
    notes.addRow(['本文件为一月下半月订单明细']);
    notes.addRow(['导出人：销售助理']);
    const orders = workbook.addWorksheet('订单');
    orders.addRow(zhHeader);
    // Lines the earlier steps did not load (the zh import was undone; the bad-rows file had the first 60).
    const picked = zhRows.slice(200, 240);
    const numeric = new Set(['行号', '数量', '单价', '价税合计']);
    for (const r of picked) {
      orders.addRow(
        r.map((cell, i) => {
          const h = zhHeader[i]!;
          if (h === '订单日期') {
            const [y, m, d] = cell.split('/').map(Number);
            return new Date(Date.UTC(y!, m! - 1, d!));
          }
          return numeric.has(h) && cell !== '' ? Number(cell) : cell;
        }),
      );
    }
    const file = path.join(work, 'orders-two-sheets.xlsx');
    await workbook.xlsx.writeFile(file);

    await toImports();
    await clearCards();
    await page.locator('[data-testid="import-input"]').setInputFiles(file);
    const card = page.locator(FILE_CARD('orders-two-sheets.xlsx'));
    await card.locator('[data-testid="mapping-editor"]').waitFor();
    const sheet = card.locator('[data-testid="sheet-select"]');
    expect(await sheet.inputValue()).toBe('订单');
    expect(await sheet.locator('option').allTextContents()).toEqual(['说明', '订单']);
    expect(await card.locator('[data-testid="dataset-select"]').inputValue()).toBe('orders');
    const table = card.locator('[data-testid="preview-table"]');
    expect(await table.locator('tbody tr').count()).toBe(picked.length);
    const firstRow = (await table.locator('tbody tr').first().locator('td').allTextContents()).slice(1);
    expect(firstRow[0]).toBe(picked[0]![0]);
    expect(await card.locator('[data-testid="map-amount"]').inputValue()).toBe('价税合计');

    await card.locator('[data-testid="import-check"]').click();
    await card.locator('[data-testid="dry-run-status"][data-status="dry-run"]').waitFor();
    expect(await card.locator('[data-testid="report-loaded"]').getAttribute('data-value')).toBe(String(picked.length));
    await tp.screenshot('imports-xlsx-zh');
    await card.locator('[data-testid="import-commit"]').click();
    await card.locator('[data-testid="import-result"][data-status="committed"]').waitFor();
    expect(await card.locator('[data-testid="report-loaded"]').getAttribute('data-value')).toBe(String(picked.length));
  });

  it('shows an import report from the history, and the page in English', async () => {
    await toImports();
    await clearCards();
    const row = historyRows('orders-with-errors.csv').first();
    await row.locator('[data-testid="history-report"]').click();
    const dialog = page.locator('[data-testid="report-dialog"]');
    await dialog.locator('[data-testid="rejects-table"]').waitFor();
    expect(await dialog.locator('[data-testid="rejects-table"] tbody tr').count()).toBe(2);
    await tp.screenshot('imports-report-zh');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    await page.locator('[data-testid="lang-en"]').click();
    await page.locator('html[lang="en"]').waitFor();
    await page.locator('[data-testid="data-quality"]').waitFor();
    await tp.screenshot('imports-en');
    await page.locator('[data-testid="lang-zh"]').click();
    await page.locator('html[lang="zh-CN"]').waitFor();
    expect(tp.consoleErrors).toEqual([]);
  });

  it('shows the page to assistants and a "not allowed" panel to reps, whose calls are refused', async () => {
    const assistant = await browser.newPage({ baseURL: server.url, locale: 'zh-CN' });
    expect((await assistant.context.request.post('/api/auth/login', { data: { username: 'demo.assistant', password: 'demo' } })).ok()).toBe(true);
    await assistant.page.goto('/imports');
    await assistant.page.locator('[data-testid="drop-zone"]').waitFor();
    await assistant.context.close();

    const rep = await browser.newPage({ baseURL: server.url, locale: 'zh-CN' });
    expect((await rep.context.request.post('/api/auth/login', { data: { username: 'demo.rep', password: 'demo' } })).ok()).toBe(true);
    await rep.page.goto('/imports');
    await rep.page.locator('[data-testid="imports-forbidden"]').waitFor();
    expect(await rep.page.locator('[data-testid="drop-zone"]').count()).toBe(0);
    expect((await rep.context.request.get('/api/imports')).status()).toBe(403);
    await rep.screenshot('imports-forbidden-zh');
    expect(rep.consoleErrors).toEqual([]);
    await rep.context.close();
  });
});
