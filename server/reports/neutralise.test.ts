// The neutralising rule shared by the CSV and XLSX writers.
import { describe, expect, it } from 'vitest';
import { neutralise, safeCell } from './neutralise.ts';

describe('neutralise', () => {
  it('prefixes text starting with a formula trigger with a single quote', () => {
    expect(neutralise('=HYPERLINK("http://x","y")')).toBe(`'=HYPERLINK("http://x","y")`);
    expect(neutralise('+1')).toBe("'+1");
    expect(neutralise('-2')).toBe("'-2");
    expect(neutralise('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutralise('\tname')).toBe("'\tname");
    expect(neutralise('\rname')).toBe("'\rname");
  });

  it('leaves other text alone', () => {
    expect(neutralise('甲公司')).toBe('甲公司');
    expect(neutralise('a=b')).toBe('a=b');
    expect(neutralise(' =x')).toBe(' =x');
    expect(neutralise('')).toBe('');
  });

  it('never turns a number into text', () => {
    expect(safeCell(-1500)).toBe(-1500);
    expect(safeCell(0)).toBe(0);
    expect(safeCell(null)).toBeNull();
    expect(safeCell('-1500')).toBe("'-1500");
  });
});
