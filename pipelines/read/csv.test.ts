// CSV reading: dialects, quotes and line breaks, row numbers as a spreadsheet shows them, totals rows, refusals.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { previewFile } from './index.ts';
import { InputError } from './input-error.ts';
import { readFixture, type ReadFixture } from './testing.ts';

let fx: ReadFixture;
beforeEach(async () => { fx = await readFixture(); });
afterEach(async () => { await fx.close(); });

async function refusal(p: Promise<unknown>): Promise<InputError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(InputError);
  return err as InputError;
}

describe('CSV dialects', () => {
  for (const [label, d] of [['comma', ','], ['semicolon', ';'], ['tab', '\t'], ['pipe', '|']] as const) {
    it(`sniffs the ${label} delimiter`, async () => {
      const file = fx.write(`orders-${label}.csv`, `Order ID${d}Order Date${d}Rep ID${d}Amount\nA-1${d}2025-03-05${d}R1${d}10.5\nA-2${d}2025-03-06${d}R2${d}7\n`);
      const s = await fx.stage(file, { dataset: 'orders' });
      expect(s.delimiter).toBe(d);
      expect(s.headers).toEqual(['Order ID', 'Order Date', 'Rep ID', 'Amount']);
      expect(await fx.table()).toEqual([[2, 'A-1', '2025-03-05', 'R1', '10.5'], [3, 'A-2', '2025-03-06', 'R2', '7']]);
    });
  }

  it('reads quotes, doubled quotes, delimiters and line breaks inside quotes; embedded line breaks do not shift rows', async () => {
    const file = fx.write('q.csv', 'id,note,amount\n1,"say ""hi"", then go",5\n2,"two\nlines",6\n3,"a,b",7\n');
    await fx.stage(file);
    expect(await fx.table()).toEqual([[2, '1', 'say "hi", then go', '5'], [3, '2', 'two\nlines', '6'], [4, '3', 'a,b', '7']]);
  });

  it('reads a UTF-8 BOM and CRLF line ends', async () => {
    const file = fx.write('bom.csv', '\uFEFF订单号,金额\r\nSO-1,12\r\nSO-2,13\r\n');
    const s = await fx.stage(file);
    expect(s.headers).toEqual(['订单号', '金额']);
    expect(s.encoding).toBe('utf-8');
    expect(s.encodingConfidence).toBe(1);
    expect(await fx.table()).toEqual([[2, 'SO-1', '12'], [3, 'SO-2', '13']]);
  });

  it('pads short rows with empty cells', async () => {
    const file = fx.write('short.csv', 'a,b,c\n1,2\n3,4,5\n');
    await fx.stage(file);
    expect(await fx.table()).toEqual([[2, '1', '2', null], [3, '3', '4', '5']]);
  });

  it('pads short rows also when quoted values hold line breaks', async () => {
    const file = fx.write('short-nl.csv', 'a,b,c\n1,"x\ny"\n3,4,5\n');
    await fx.stage(file);
    expect(await fx.table()).toEqual([[2, '1', 'x\ny', null], [3, '3', '4', '5']]);
  });
});

describe('rows as a spreadsheet numbers them', () => {
  it('skips title and blank rows above the header and blank rows in the data, keeping row numbers', async () => {
    const file = fx.write('title.csv', '订单明细 2025-03\n\n订单号,订单日期,业务员编号,价税合计\nSO-1,2025/3/5,R1,10\n\nSO-2,2025/3/6,R2,20\n,,,\nSO-3,2025/3/7,R3,30\n');
    const s = await fx.stage(file, { dataset: 'orders' });
    expect(s.headerRow).toBe(3);
    expect(s.rowsRead).toBe(3);
    expect((await fx.table()).map((r) => [r[0], r[1]])).toEqual([[4, 'SO-1'], [6, 'SO-2'], [8, 'SO-3']]);
  });

  it('reads a title line ending in LF above rows ending in CRLF, keeping row numbers', async () => {
    const file = fx.write('mixed.csv', '订单明细\n\n订单号,订单日期,业务员编号,价税合计\r\nSO-1,2025/3/5,R1,10\r\n\r\nSO-2,2025/3/6,R2,20\r\n');
    const s = await fx.stage(file, { dataset: 'orders' });
    expect(s.headerRow).toBe(3);
    expect(s.rowsRead).toBe(2);
    expect((await fx.table()).map((r) => [r[0], r[1], r[4]])).toEqual([[4, 'SO-1', '10'], [6, 'SO-2', '20']]);
  });

  it('finds the header without a dataset, from the shape of the rows', async () => {
    const file = fx.write('shape.csv', 'Export,2025-03-31\n\nColour,Size,Weight\nred,10,1.5\n');
    const s = await fx.stage(file);
    expect(s.headerRow).toBe(3);
    expect(s.headers).toEqual(['Colour', 'Size', 'Weight']);
  });

  it('takes the header row it is given', async () => {
    const file = fx.write('given.csv', 'x,y\nid,amount\n1,2\n');
    const s = await fx.stage(file, { headerRow: 2 });
    expect(s.headers).toEqual(['id', 'amount']);
    expect(await fx.table()).toEqual([[3, '1', '2']]);
  });

  it('numbers rows after blank lines far beyond the first megabyte', async () => {
    const lines = ['id,amount'];
    for (let i = 1; i <= 40000; i++) lines.push(`ID-${String(i).padStart(6, '0')},"${i}.25"`);
    lines.splice(30001, 0, '', ''); // two blank lines after record 30000 (row 30001)
    const file = fx.write('big.csv', `${lines.join('\n')}\n`);
    const s = await fx.stage(file);
    expect(s.rowsRead).toBe(40000);
    const [row] = await fx.table().then((t) => t.filter((r) => r[1] === 'ID-030001'));
    expect(row![0]).toBe(30004); // header row 1, records 2..30001, blanks 30002-30003
    const last = (await fx.table()).at(-1)!;
    expect(last).toEqual([40003, 'ID-040000', '40000.25']);
  });
});

describe('totals rows', () => {
  it('leaves out totals rows and reports each with its row', async () => {
    const file = fx.write('totals.csv', '订单号,金额\nSO-1,10\n小计,10\nSO-2,20\n合 计,30\nTotal:,30\nGrand Total,30\n,Totals,30\n');
    const s = await fx.stage(file);
    expect(s.rowsRead).toBe(2);
    expect(s.warnings).toEqual([
      // header row 1, SO-1 row 2, then 小计 3, SO-2 4, 合 计 5, Total: 6, Grand Total 7, Totals 8
      { row: 3, column: null, message: 'Row 3 is a totals row (小计) and was left out.' },
      { row: 5, column: null, message: 'Row 5 is a totals row (合 计) and was left out.' },
      { row: 6, column: null, message: 'Row 6 is a totals row (Total:) and was left out.' },
      { row: 7, column: null, message: 'Row 7 is a totals row (Grand Total) and was left out.' },
      { row: 8, column: null, message: 'Row 8 is a totals row (Totals) and was left out.' },
    ]);
  });
});

describe('refusals', () => {
  it('refuses an empty file', async () => {
    const err = await refusal(fx.stage(fx.write('empty.csv', '')));
    expect(err.message).toBe('empty.csv is empty (0 bytes).');
  });
  it('refuses a header with no data', async () => {
    const err = await refusal(fx.stage(fx.write('head.csv', 'Order ID,Order Date,Rep ID\n')));
    expect(err.message).toBe('head.csv has a header row (row 1) but no data rows.');
    expect(err.row).toBe(1);
    await expect(previewFile(fx.write('head2.csv', 'Order ID,Order Date,Rep ID\n'), { tmpDir: fx.dir })).rejects.toThrow(/no data rows/);
  });
  it('refuses random bytes and a PNG named .csv', async () => {
    let seed = 7;
    const random = Buffer.from(Array.from({ length: 4096 }, () => (seed = (seed * 1103515245 + 12345) % 2147483648) % 256));
    expect((await refusal(fx.stage(fx.write('noise.csv', random)))).message).toBe('noise.csv holds binary data, not text: it is neither a CSV nor an Excel file.');
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]);
    expect((await refusal(fx.stage(fx.write('picture.csv', png)))).message).toBe('picture.csv is a PNG image, not a CSV or Excel file.');
  });
  it('refuses an unterminated quote, naming the row', async () => {
    const err = await refusal(fx.stage(fx.write('open.csv', 'id,note\n1,ok\n2,"never closed\n3,x\n')));
    expect(err.message).toBe('open.csv, row 3: a quoted value is never closed (a " opens it but none ends it).');
    expect(err.row).toBe(3);
  });
  it('refuses an unterminated quote past the rows read up front, naming the line', async () => {
    const lines = ['id,note'];
    for (let i = 1; i <= 60000; i++) lines.push(`${i},"n${i}"`);
    lines.push('60001,"never closed', '60002,x');
    const err = await refusal(fx.stage(fx.write('open-late.csv', `${lines.join('\n')}\n`)));
    expect(err.message).toBe('open-late.csv, line 60002: a quoted value is never closed (a " opens it but none ends it).');
  });
  it('refuses a row with more fields than the header', async () => {
    const lines = ['a,b'];
    for (let i = 1; i <= 60000; i++) lines.push(`${i},x`);
    lines.push('1,2,3');
    const err = await refusal(fx.stage(fx.write('wide.csv', `${lines.join('\n')}\n`)));
    expect(err.message).toBe('wide.csv, line 60002: the row has 3 fields but the header row has 2.');
  });
  it('refuses a header naming a column twice', async () => {
    const err = await refusal(fx.stage(fx.write('dup.csv', '订单号,金额,日期,金额\n1,2,3,4\n')));
    expect(err.message).toBe('dup.csv: the header row (row 1) has "金额" twice, in columns B and D; rename one of them.');
    const err2 = await refusal(fx.stage(fx.write('dup2.csv', 'Order ID,Amount,order id\n1,2,3\n')));
    expect(err2.message).toBe('dup2.csv: the header row (row 1) has "Order ID" and "order id", which read as the same name, in columns A and C; rename one of them.');
  });
  it('names the display name, not the temp path, in messages', async () => {
    const err = await refusal(fx.stage(fx.write('upload-1234.tmp', ''), { displayName: '三月订单.csv' }));
    expect(err.message).toBe('三月订单.csv is empty (0 bytes).');
    expect(err.file).toBe('三月订单.csv');
  });
});

describe('previewFile on CSV', () => {
  it('shows the header, the first 50 data rows and the guessed dataset', async () => {
    const lines = ['订单明细', '拜访编号,拜访时间,业务员编号,客户编号,拜访方式'];
    for (let i = 1; i <= 80; i++) lines.push(`V${i},2025/3/5 14:30,R1,C${i},电话`);
    const p = await previewFile(fx.write('visits.csv', lines.join('\r\n')), { tmpDir: fx.dir });
    expect(p).toMatchObject({ kind: 'csv', encoding: 'utf-8', delimiter: ',', headerRow: 2, sheets: [], sheet: null, guessedDataset: 'visits' });
    expect(p.headers).toEqual(['拜访编号', '拜访时间', '业务员编号', '客户编号', '拜访方式']);
    expect(p.rows).toHaveLength(50);
    expect(p.rows[0]).toEqual(['V1', '2025/3/5 14:30', 'R1', 'C1', '电话']);
  });
});
