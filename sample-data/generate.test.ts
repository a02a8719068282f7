// The generator on a small company: same seed → byte-identical files (XLSX included), another seed →
// other files; the three forms carry the same rows; the export keeps every rule of the data.

import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSample, type GenerateResult } from './generate.ts';
import { ExportDb } from './testing/export-db.ts';
import { registerInvariants } from './testing/invariants.ts';
import { zhRowToEn } from './testing/zh-form.ts';

const EN_HEADERS: Record<string, string[]> = {
  reps: ['Rep ID', 'Name', 'Role', 'Team', 'Region', 'Manager ID', 'Email', 'Hire Date', 'Leave Date'],
  customers: ['Customer ID', 'Name', 'Segment', 'Tier', 'Industry', 'Region', 'Owner Rep ID', 'Created Date'],
  products: ['SKU', 'Name', 'Category', 'List Price'],
  targets: ['Period', 'Rep ID', 'Metric', 'Target Value'],
  orders: ['Order ID', 'Line No', 'Order Date', 'Customer ID', 'Customer Name', 'Rep ID', 'SKU', 'Product Name', 'Category', 'Quantity',
    'Unit Price', 'Discount', 'Amount', 'Status', 'Original Order ID', 'Channel', 'Region', 'Currency'],
  visits: ['Visit ID', 'Visit At', 'Rep ID', 'Customer ID', 'Type', 'Outcome', 'Duration Min', 'Next Step Date', 'Notes'],
};
const ZH_HEADERS: Record<string, string[]> = {
  reps: ['员工编号', '姓名', '角色', '团队', '区域', '上级编号', '邮箱', '入职日期', '离职日期'],
  customers: ['客户编号', '客户名称', '客户类型', '客户等级', '行业', '区域', '负责人编号', '建档日期'],
  products: ['物料编码', '品名', '品类', '标准价'],
  targets: ['期间', '业务员编号', '指标', '目标值'],
  orders: ['订单号', '行号', '订单日期', '客户编号', '客户名称', '业务员编号', '物料编码', '品名', '品类', '数量', '单价', '折扣', '价税合计',
    '状态', '原订单号', '渠道', '区域', '币种'],
  visits: ['拜访编号', '拜访时间', '业务员编号', '客户编号', '拜访方式', '拜访结果', '时长(分钟)', '下次跟进日期', '备注'],
};
const FORMS = ['', 'next/'].flatMap((prefix) =>
  (prefix ? ['orders', 'visits'] : Object.keys(EN_HEADERS)).map((name) => ({ prefix, name })),
);

async function hashes(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await fs.promises.readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, file)] = crypto.createHash('sha256').update(await fs.promises.readFile(file)).digest('hex');
  }
  return out;
}

function parseCsv(text: string): string[][] {
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

const readEn = (file: string) => parseCsv(fs.readFileSync(file, 'utf8'));
const readZh = (file: string) => parseCsv(iconv.decode(fs.readFileSync(file), 'gb18030'));

describe('sample company at the tiny scale', () => {
  let root: string;
  let a: GenerateResult;
  let db: ExportDb;

  beforeAll(async () => {
    root = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'attain-sample-'));
    a = await generateSample({ scale: 'tiny', out: path.join(root, 'a'), seed: 42 });
    await generateSample({ scale: 'tiny', out: path.join(root, 'b'), seed: 42 });
    await generateSample({ scale: 'tiny', out: path.join(root, 'c'), seed: 43 });
    db = await ExportDb.open(path.join(root, 'a'));
  });

  afterAll(async () => {
    db?.close();
    if (root) await fs.promises.rm(root, { recursive: true, force: true });
  });

  it('writes byte-identical files for the same seed, XLSX included', async () => {
    const first = await hashes(path.join(root, 'a'));
    const second = await hashes(path.join(root, 'b'));
    expect(Object.keys(first).sort()).toEqual(Object.keys(second).sort());
    expect(second).toEqual(first);
    expect(Object.keys(first).filter((f) => f.endsWith('.xlsx'))).toHaveLength(8);
    expect(Object.keys(first)).toHaveLength(6 * 3 + 2 * 3 + 1);
  });

  it('writes different data for another seed', async () => {
    const first = await hashes(path.join(root, 'a'));
    const other = await hashes(path.join(root, 'c'));
    for (const file of ['en/orders.csv', 'zh/visits.csv', 'xlsx/orders.xlsx', 'en/customers.csv']) expect(other[file]).not.toBe(first[file]);
  });

  it('reports the files it wrote and their row counts', () => {
    for (const { prefix, name } of FORMS) {
      const rows = readEn(a.files[`${prefix}en/${name}`]!);
      const key = prefix ? `next${name[0]!.toUpperCase()}${name.slice(1)}` : name;
      expect(a.counts[key]).toBe(rows.length - 1);
    }
    expect(a.asOf).toBe('2026-01-15');
  });

  it('writes the agreed headers in the English and Chinese forms', () => {
    for (const { prefix, name } of FORMS) {
      expect(readEn(path.join(root, 'a', `${prefix}en/${name}.csv`))[0]).toEqual(EN_HEADERS[name]);
      expect(readZh(path.join(root, 'a', `${prefix}zh/${name}.csv`))[0]).toEqual(ZH_HEADERS[name]);
    }
  });

  it('carries the same rows in the Chinese GB18030 form as in the English one', () => {
    for (const { prefix, name } of FORMS) {
      const en = readEn(path.join(root, 'a', `${prefix}en/${name}.csv`));
      const zh = readZh(path.join(root, 'a', `${prefix}zh/${name}.csv`));
      expect(zh.length, `${prefix}${name}`).toBe(en.length);
      const discount = EN_HEADERS[name]!.indexOf('Discount');
      for (let i = 1; i < en.length; i++) {
        const expected: Array<string | number> = en[i]!.slice();
        if (discount >= 0) expected[discount] = Number(expected[discount]);
        expect(zhRowToEn(zh[0]!, zh[i]!), `${prefix}${name} row ${i + 1}`).toEqual(expected);
      }
    }
  });

  it('keeps order lines in date order', () => {
    const rows = readEn(path.join(root, 'a', 'en/orders.csv')).slice(1);
    const dates = rows.map((r) => r[2]!);
    expect(dates).toEqual(dates.slice().sort());
  });

  it('lays out the orders workbook like an ERP export, with real dates, numbers and a totals row', async () => {
    const en = readEn(path.join(root, 'a', 'en/orders.csv'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(root, 'a', 'xlsx/orders.xlsx'));
    const sheet = wb.worksheets[0]!;
    expect(sheet.getCell('A1').value).toBe('订单明细 2025-08-01 至 2026-01-15');
    expect(sheet.model.merges).toContain('A1:R1');
    expect(sheet.getRow(2).cellCount).toBe(0);
    expect((sheet.getRow(3).values as unknown[]).slice(1)).toEqual(ZH_HEADERS.orders);
    // Header row 3, then one row per order line, then the totals row.
    expect(sheet.rowCount).toBe(3 + (en.length - 1) + 1);
    const first = sheet.getRow(4);
    expect(first.getCell(1).value).toBe(en[1]![0]);
    expect(first.getCell(3).value).toEqual(new Date(`${en[1]![2]}T00:00:00Z`));
    expect(first.getCell(13).value).toBe(Number(en[1]![12]));
    const totals = sheet.getRow(sheet.rowCount);
    expect(totals.getCell(1).value).toBe('合计');
    const quantity = en.slice(1).reduce((s, r) => s + Number(r[9]), 0);
    const amount = en.slice(1).reduce((s, r) => s + Math.round(Number(r[12]) * 100), 0) / 100;
    expect(totals.getCell(10).value).toBe(quantity);
    expect(totals.getCell(13).value as number).toBeCloseTo(amount, 2);
  });

  it('lays out the visits workbook with date-time cells and the next export over the rest of the month', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(root, 'a', 'next/xlsx/visits.xlsx'));
    const sheet = wb.worksheets[0]!;
    const en = readEn(path.join(root, 'a', 'next/en/visits.csv'));
    expect(sheet.getCell('A1').value).toBe('拜访记录 2026-01-16 至 2026-01-31');
    expect(sheet.rowCount).toBe(3 + en.length - 1);
    expect(sheet.getRow(4).getCell(2).value).toEqual(new Date(`${en[1]![1]!.replace(' ', 'T')}:00Z`));
  });

  describe('rules of the data', () => {
    registerInvariants(() => db, { start: '2025-08-01', asOf: '2026-01-15', end: '2026-01-31' });
  });
});
