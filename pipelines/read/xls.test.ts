// Legacy .xls reading through SheetJS: date cells, title rows, and the size cap.
import * as XLSX from '@e965/xlsx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError } from './input-error.ts';
import { readFixture, type ReadFixture } from './testing.ts';

let fx: ReadFixture;
beforeEach(async () => { fx = await readFixture(); });
afterEach(async () => { await fx.close(); });

function legacyWorkbook(): Buffer {
  const sheet: XLSX.WorkSheet = {
    A1: { t: 's', v: '拜访记录' },
    A3: { t: 's', v: '拜访编号' }, B3: { t: 's', v: '拜访时间' }, C3: { t: 's', v: '业务员编号' }, D3: { t: 's', v: '客户编号' }, E3: { t: 's', v: '时长(分钟)' },
    // 45717 = 2025-03-01; .604166… = 14:30
    A4: { t: 's', v: 'V1' }, B4: { t: 'n', v: 45717.604166666664, z: 'yyyy-mm-dd hh:mm' }, C4: { t: 's', v: 'R001' }, D4: { t: 's', v: '0042' }, E4: { t: 'n', v: 45 },
    A5: { t: 's', v: 'V2' }, B5: { t: 'n', v: 45718, z: 'yyyy/m/d' }, C5: { t: 's', v: 'R002' }, D5: { t: 's', v: 'C2' }, E5: { t: 'n', v: 30.5 },
    '!ref': 'A1:E5',
  };
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, sheet, '拜访');
  return XLSX.write(wb, { type: 'buffer', bookType: 'biff8' }) as Buffer;
}

describe('xls', () => {
  it('reads a legacy workbook: title row skipped, date cells as ISO text', async () => {
    const s = await fx.stage(fx.write('visits.xls', legacyWorkbook()), { dataset: 'visits' });
    expect(s).toMatchObject({ kind: 'xls', sheet: '拜访', sheets: ['拜访'], headerRow: 3, rowsRead: 2 });
    expect(s.headers).toEqual(['拜访编号', '拜访时间', '业务员编号', '客户编号', '时长(分钟)']);
    expect(await fx.table()).toEqual([
      [4, 'V1', '2025-03-01 14:30:00', 'R001', '0042', '45'],
      [5, 'V2', '2025-03-02', 'R002', 'C2', '30.5'],
    ]);
  });
  it('refuses an .xls above the size cap with a clear message', async () => {
    const err = await fx.stage(fx.write('big.xls', legacyWorkbook()), { maxXlsBytes: 1024 * 1024 * 0 + 100 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toMatch(/^big\.xls is a legacy \.xls file of \d+ MB; \.xls files above 0 MB cannot be read: save it as \.xlsx or CSV in Excel and import that\.$/);
  });
});
