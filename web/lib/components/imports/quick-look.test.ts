// The browser's quick look: decoding (UTF-8, else GB18030), whole lines only, title rows skipped.
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { decodeSample, headerIndex, lookAt, wholeLines } from './quick-look';

const parse = (text: string) => {
  const result = Papa.parse<string[]>(text, { preview: 80, skipEmptyLines: false });
  return { data: result.data, delimiter: result.meta.delimiter };
};

describe('quick look', () => {
  it('reads UTF-8 as UTF-8 and falls back to GB18030 when the bytes are not UTF-8', () => {
    const text = '订单号,价税合计\r\nSO1,12.50\r\n';
    expect(decodeSample(new Uint8Array(Buffer.from(text, 'utf8')))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeSample(new Uint8Array(iconv.encode(text, 'gb18030')))).toEqual({ text, encoding: 'gb18030' });
  });

  it('drops a cut last line, unless the sample is the whole file', () => {
    const bytes = new Uint8Array(Buffer.from('a,b\n1,2\n3,'));
    expect(Buffer.from(wholeLines(bytes, false)).toString()).toBe('a,b\n1,2\n');
    expect(wholeLines(bytes, true)).toBe(bytes);
  });

  it('skips a title line and a blank line above the header', () => {
    const rows = [['订单明细 2026-01-16 至 2026-01-31'], [''], ['订单号', '行号', '价税合计'], ['SO1', '1', '9.00']];
    expect(headerIndex(rows)).toBe(2);
    expect(headerIndex([['a', 'b'], ['1', '2']])).toBe(0);
  });

  it('parses the sample into header, delimiter and rows', () => {
    const text = '订单明细\n订单号;行号;价税合计\nSO1;1;9.00\n\nSO2;1;"1;5"\n';
    const look = lookAt(text, 'utf-8', parse);
    expect(look).toEqual({
      encoding: 'utf-8',
      delimiter: ';',
      headerRow: 2,
      headers: ['订单号', '行号', '价税合计'],
      rows: [
        ['SO1', '1', '9.00'],
        ['SO2', '1', '1;5'],
      ],
    });
  });
});
