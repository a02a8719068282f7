// Random access to zip entries, as the .xlsx reader uses it.
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFixture, type ReadFixture } from './testing.ts';
import { openZip } from './zip.ts';

let fx: ReadFixture;
beforeEach(async () => { fx = await readFixture(); });
afterEach(async () => { await fx.close(); });

describe('openZip', () => {
  it('lists a workbook\'s parts and reads or streams one', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('订单').addRow(['订单号']);
    const file = fx.dir + '/w.xlsx';
    await wb.xlsx.writeFile(file);
    const zip = (await openZip(file))!;
    expect(zip.names).toEqual(expect.arrayContaining(['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml']));
    expect(await zip.text('xl/workbook.xml')).toContain('name="订单"');
    const chunks: Buffer[] = [];
    for await (const c of await zip.stream('xl/sharedStrings.xml')) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(await zip.text('xl/sharedStrings.xml'));
    await expect(zip.text('xl/missing.xml')).rejects.toThrow('no xl/missing.xml in the workbook');
  });
  it('answers null for a file without a zip directory', async () => {
    expect(await openZip(fx.write('a.csv', 'a,b\n1,2\n'))).toBeNull();
  });
});
