// Header row detection and the duplicate-header refusal.
import { describe, expect, it } from 'vitest';
import { normaliseHeader } from '../map/normalise.ts';
import { checkDuplicateHeaders, detectHeaderRow } from './header-row.ts';

const rows = (...cells: string[][]) => cells.map((c, i) => ({ row: i + 1, cells: c }));

describe('detectHeaderRow', () => {
  it('takes the row naming the most columns of the dataset, after title rows', () => {
    const r = rows(['订单明细 2024-01-01 至 2026-01-15'], ['导出人', '张三'], ['订单号', '订单日期', '业务员编号', '价税合计'], ['SO-1', '2025/3/5', 'R1', '10']);
    expect(detectHeaderRow(r, { dataset: 'orders', file: 'f' }).row).toBe(3);
    expect(detectHeaderRow(r, { file: 'f' }).row).toBe(3);
  });
  it('without alias matches, takes the first row of filled, non-numeric, distinct cells', () => {
    const r = rows(['Report'], ['Run', '2025-03-31', '', ''], ['Colour', 'Size', 'Weight', 'Note'], ['red', '10', '1.5', 'x']);
    expect(detectHeaderRow(r, { file: 'f' }).row).toBe(3);
    expect(detectHeaderRow(rows(['a', 'a'], ['b', 'c']), { file: 'f' }).row).toBe(2);
  });
  it('takes the header row given, and refuses one that is not there', () => {
    const r = rows(['x', 'y'], ['id', 'amount'], ['1', '2']);
    expect(detectHeaderRow(r, { headerRow: 2, file: 'f' }).cells).toEqual(['id', 'amount']);
    expect(() => detectHeaderRow(r, { headerRow: 9, file: 'f.csv' })).toThrow('f.csv: row 9, given as the header row, is empty or beyond the end of the data.');
  });
});

describe('checkDuplicateHeaders', () => {
  it('passes distinct headers and ignores empty ones', () => {
    expect(() => checkDuplicateHeaders(['a', '', 'b', ''], 1, 'f', normaliseHeader)).not.toThrow();
  });
  it('names both columns of a duplicate', () => {
    expect(() => checkDuplicateHeaders(['金额', 'x', '金额'], 4, 'f.xlsx', normaliseHeader)).toThrow('f.xlsx: the header row (row 4) has "金额" twice, in columns A and C; rename one of them.');
  });
});
