// File kind from the first bytes, and what other files are called when refused.
import { describe, expect, it } from 'vitest';
import { detectKind } from './detect-kind.ts';

const bytes = (...b: number[]) => Buffer.from([...b, ...Array<number>(32).fill(0x41)]);

describe('detectKind', () => {
  it('knows workbooks by their bytes', () => {
    expect(detectKind(Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.from('[Content_Types].xml xl/workbook.xml')]), 'a.csv')).toBe('xlsx');
    expect(detectKind(bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1), 'a.txt')).toBe('xls');
  });
  it('takes text as CSV, including UTF-16', () => {
    expect(detectKind(Buffer.from('a,b\n1,2\n'), 'a.xlsx')).toBe('csv');
    expect(detectKind(Buffer.from('BM,Name\n1,x\n'), 'bm.csv')).toBe('csv');
    expect(detectKind(Buffer.from('a,b\n', 'utf16le'), 'a.csv')).toBe('csv');
  });
  it('names what other files are', () => {
    expect(() => detectKind(bytes(0xff, 0xd8, 0xff, 0xe0), 'x.csv')).toThrow('x.csv is a JPEG image, not a CSV or Excel file.');
    expect(() => detectKind(Buffer.from('%PDF-1.7\n'), 'x.csv')).toThrow('x.csv is a PDF document, not a CSV or Excel file.');
    expect(() => detectKind(Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.from('word/document.xml')]), 'x.xlsx')).toThrow('x.xlsx is a Word document, not a CSV or Excel file.');
    expect(() => detectKind(Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.from('data.bin')]), 'x.xlsx')).toThrow('x.xlsx is a ZIP archive, not a CSV or Excel file.');
    expect(() => detectKind(Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.from('xl/workbook.bin')]), 'x.xlsb')).toThrow('x.xlsb is an Excel binary workbook (.xlsb); save it as .xlsx or CSV and import that.');
    expect(() => detectKind(Buffer.alloc(0), 'e.csv')).toThrow('e.csv is empty (0 bytes).');
  });
});
