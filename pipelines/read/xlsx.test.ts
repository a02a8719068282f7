// .xlsx reading: sheet choice, title and blank rows, date and number cells as text, Chinese text across zip chunks.
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { previewFile } from './index.ts';
import { InputError } from './input-error.ts';
import { readFixture, type ReadFixture } from './testing.ts';

let fx: ReadFixture;
beforeEach(async () => { fx = await readFixture(); });
afterEach(async () => { await fx.close(); });

const HEADER = ['订单号', '行号', '订单日期', '客户编号', '业务员编号', '数量', '单价', '折扣', '价税合计', '状态'];

/** The sample export's shape: a notes sheet first, then the orders sheet with a merged title, a blank row, the header, data and a totals row. */
async function ordersWorkbook(file: string, extraRows = 0): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('说明').addRow(['本文件由系统导出']);
  const ws = wb.addWorksheet('订单');
  ws.addRow(['订单明细 2024-01-01 至 2026-01-15']);
  ws.mergeCells('A1:J1');
  ws.addRow([]);
  ws.addRow(HEADER);
  ws.addRow(['SO-001', 1, new Date(Date.UTC(2025, 2, 5)), 'C0001', 'R001', 2, 1000.5, '9折', 1800.9, '已完成']);
  ws.addRow(['SO-002', 1, new Date(Date.UTC(2025, 2, 6, 14, 30)), '00123', 'R002', 1, 0.1 + 0.2, null, { formula: 'F5*G5', result: 0.3 }, '退货']);
  for (let i = 0; i < extraRows; i++) ws.addRow([`SO-${1000 + i}`, 1, new Date(Date.UTC(2025, 3, 1)), 'C1', 'R1', 1, 1, null, 1, '已完成']);
  ws.addRow(['合计', null, null, null, null, 3, null, null, { formula: 'SUM(I4:I5)', result: 1801.2 }, null]);
  wb.addWorksheet('隐藏').state = 'hidden';
  await wb.xlsx.writeFile(file);
}

describe('xlsx', () => {
  it('picks the sheet that maps to the dataset, skips title and blank rows, and reads cells as text', async () => {
    const file = fx.dir + '/orders.xlsx';
    await ordersWorkbook(file);
    const s = await fx.stage(file, { dataset: 'orders' });
    expect(s).toMatchObject({ kind: 'xlsx', sheet: '订单', headerRow: 3, delimiter: null, rowsRead: 2 });
    expect(s.sheets).toEqual(['说明', '订单', '隐藏']);
    expect(s.headers).toEqual(HEADER);
    expect(s.warnings).toEqual([{ row: 6, column: null, message: 'Row 6 is a totals row (合计) and was left out.' }]);
    expect(await fx.table()).toEqual([
      [4, 'SO-001', '1', '2025-03-05', 'C0001', 'R001', '2', '1000.5', '9折', '1800.9', '已完成'],
      [5, 'SO-002', '1', '2025-03-06 14:30:00', '00123', 'R002', '1', '0.3', null, '0.3', '退货'],
    ]);
  });

  it('takes the named sheet; without a dataset, the first sheet that maps to any dataset', async () => {
    const file = fx.dir + '/orders.xlsx';
    await ordersWorkbook(file);
    expect((await fx.stage(file, { sheet: '订单' })).headerRow).toBe(3);
    expect((await fx.stage(file)).sheet).toBe('订单');
    const err = await fx.stage(file, { sheet: '说明' }).catch((e: unknown) => e);
    expect((err as InputError).message).toBe('orders.xlsx (sheet "说明") has a header row (row 1) but no data rows.');
  });

  it('without a dataset and with no sheet mapping to one, takes the first sheet with data', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Empty');
    const ws = wb.addWorksheet('Colours');
    ws.addRow(['Colour', 'Size']);
    ws.addRow(['red', 10]);
    const file = fx.dir + '/colours.xlsx';
    await wb.xlsx.writeFile(file);
    expect(await fx.stage(file)).toMatchObject({ sheet: 'Colours', sheets: ['Empty', 'Colours'], headers: ['Colour', 'Size'], rowsRead: 1 });
  });

  it('falls back to the first sheet with data when no header maps to the dataset', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Data');
    ws.addRow(['Colour', 'Size']);
    ws.addRow(['red', 10]);
    const file = fx.dir + '/other.xlsx';
    await wb.xlsx.writeFile(file);
    const s = await fx.stage(file, { dataset: 'orders' });
    expect(s).toMatchObject({ sheet: 'Data', headers: ['Colour', 'Size'], rowsRead: 1 });
  });

  it('refuses a sheet name the workbook does not have, listing its sheets', async () => {
    const file = fx.dir + '/orders.xlsx';
    await ordersWorkbook(file);
    const err = await fx.stage(file, { sheet: 'Orders' }).catch((e: unknown) => e);
    expect((err as InputError).message).toBe('orders.xlsx has no sheet named "Orders" (its sheets: "说明", "订单", "隐藏").');
  });

  it('reports values right of the last header and streams many rows', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.addRow(['Order ID', 'Amount']);
    for (let i = 1; i <= 3000; i++) ws.addRow([`A-${i}`, i, i === 7 ? 'stray' : null]);
    const file = fx.dir + '/wide.xlsx';
    await wb.xlsx.writeFile(file);
    const s = await fx.stage(file);
    expect(s.rowsRead).toBe(3000);
    expect(s.warnings).toEqual([{ row: 8, column: null, message: '1 row(s), the first being row 8, have values right of column B, which has no header; they were left out.' }]);
    expect((await fx.table()).at(-1)).toEqual([3001, 'A-3000', '3000']);
  });

  it('keeps Chinese text whole where the zip stream splits it, in shared and inline strings', async () => {
    const texts = Array.from({ length: 4000 }, (_, i) => `${i} 上门拜访：了解客户库存情况，约定下次跟进（华东一组）`);
    const shared = new ExcelJS.Workbook();
    const ws = shared.addWorksheet('拜访');
    ws.addRow(['编号', '备注']);
    texts.forEach((t, i) => ws.addRow([i, t]));
    await shared.xlsx.writeFile(fx.dir + '/shared.xlsx');
    const inline = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: fx.dir + '/inline.xlsx', useSharedStrings: false });
    const wi = inline.addWorksheet('拜访');
    wi.addRow(['编号', '备注']).commit();
    texts.forEach((t, i) => wi.addRow([i, t]).commit());
    wi.commit();
    await inline.commit();
    for (const name of ['shared.xlsx', 'inline.xlsx']) {
      await fx.stage(fx.dir + '/' + name);
      expect((await fx.table()).map((r) => r[2]), name).toEqual(texts);
    }
  });

  it('refuses a damaged workbook', async () => {
    const file = fx.write('broken.xlsx', Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.from('xl/workbook.xml'), Buffer.alloc(200, 7)]));
    const err = await fx.stage(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toMatch(/^broken\.xlsx could not be read as an Excel workbook \(.*\); open it in Excel and save it again as \.xlsx\.$/);
  });

  it('detects the workbook by its bytes whatever its name', async () => {
    const file = fx.dir + '/orders.csv';
    await ordersWorkbook(file);
    expect((await fx.stage(file, { dataset: 'orders' })).kind).toBe('xlsx');
  });

  it('previews the chosen sheet', async () => {
    const file = fx.dir + '/orders.xlsx';
    await ordersWorkbook(file, 60);
    const p = await previewFile(file, { tmpDir: fx.dir });
    expect(p).toMatchObject({ kind: 'xlsx', sheet: '订单', headerRow: 3, guessedDataset: 'orders', sheets: ['说明', '订单', '隐藏'] });
    expect(p.rows).toHaveLength(50);
    expect(p.rows[0]).toEqual(['SO-001', '1', '2025-03-05', 'C0001', 'R001', '2', '1000.5', '9折', '1800.9', '已完成']);
  });
});
