// The rejects download: one line per rejected value, quoting where needed, formulas neutralised.
import { describe, expect, it } from 'vitest';
import { neutralise, rejectsCsv, rejectsFileName } from './rejects-csv';

describe('rejects CSV', () => {
  it('neutralises cells a spreadsheet would run as a formula', () => {
    expect(neutralise('=SUM(A1:A2)')).toBe("'=SUM(A1:A2)");
    expect(neutralise('+86 123')).toBe("'+86 123");
    expect(neutralise('-5')).toBe("'-5");
    expect(neutralise('@cmd')).toBe("'@cmd");
    expect(neutralise('\tx')).toBe("'\tx");
    expect(neutralise('\rx')).toBe("'\rx");
    expect(neutralise('SO-1 = ok')).toBe('SO-1 = ok');
  });

  it('writes a header, one line per error, quotes and a byte-order mark', () => {
    const text = rejectsCsv(
      [
        { row: 7, column: '订单日期', value: '2026/13/45', message: 'not a date' },
        { row: 9, column: null, value: null, message: 'amount "x", not a number' },
        { row: 12, column: 'amount', value: '=1+1', message: 'not a number' },
      ],
      ['Row', 'Column', 'Value', 'Reason'],
    );
    expect(text).toBe(
      '\uFEFFRow,Column,Value,Reason\r\n' +
        '7,订单日期,2026/13/45,not a date\r\n' +
        '9,,,"amount ""x"", not a number"\r\n' +
        "12,amount,'=1+1,not a number\r\n",
    );
  });

  it('names the download after the imported file', () => {
    expect(rejectsFileName('orders.csv')).toBe('orders-rejects.csv');
    expect(rejectsFileName('订单 1月.xlsx')).toBe('订单 1月-rejects.csv');
    expect(rejectsFileName('noext')).toBe('noext-rejects.csv');
  });
});
