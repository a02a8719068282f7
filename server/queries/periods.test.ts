import { describe, expect, it } from 'vitest';
import {
  addMonths,
  customRange,
  fiscalPosition,
  isWholeMonths,
  lastYearRange,
  monthsIn,
  parseIsoDate,
  parsePeriod,
  previousRange,
} from './periods.ts';

describe('periods', () => {
  it('parses months, calendar quarters and years', () => {
    expect(parsePeriod('2025-03')).toEqual({ kind: 'month', label: '2025-03', start: '2025-03-01', end: '2025-03-31' });
    expect(parsePeriod('2024-02')?.end).toBe('2024-02-29');
    expect(parsePeriod('2025-Q2')).toEqual({ kind: 'quarter', label: '2025-Q2', start: '2025-04-01', end: '2025-06-30' });
    expect(parsePeriod('2025')).toEqual({ kind: 'year', label: '2025', start: '2025-01-01', end: '2025-12-31' });
  });

  it('reads quarters and years as fiscal when the year starts in April', () => {
    expect(parsePeriod('2025', 4)).toMatchObject({ start: '2025-04-01', end: '2026-03-31' });
    expect(parsePeriod('2025-Q1', 4)).toMatchObject({ start: '2025-04-01', end: '2025-06-30' });
    expect(parsePeriod('2025-Q4', 4)).toMatchObject({ start: '2026-01-01', end: '2026-03-31' });
    expect(fiscalPosition('2026-02-10', 4)).toEqual({ year: 2025, quarter: 4 });
    expect(fiscalPosition('2025-04-01', 4)).toEqual({ year: 2025, quarter: 1 });
  });

  it('refuses malformed periods and impossible dates', () => {
    for (const bad of ['2025-13', '2025-Q5', '25-01', '2025-1', '2025-03-01']) expect(parsePeriod(bad)).toBeNull();
    expect(parseIsoDate('2025-02-29')).toBeNull();
    expect(parseIsoDate('2024-02-29')).not.toBeNull();
  });

  it('compares with the previous unit of the same kind', () => {
    expect(previousRange(parsePeriod('2025-03')!).label).toBe('2025-02');
    expect(previousRange(parsePeriod('2025-01')!).label).toBe('2024-12');
    expect(previousRange(parsePeriod('2025-Q1')!).label).toBe('2024-Q4');
    expect(previousRange(parsePeriod('2025')!).label).toBe('2024');
    expect(previousRange(parsePeriod('2025-Q1', 4)!, 4)).toMatchObject({ label: '2024-Q4', start: '2025-01-01', end: '2025-03-31' });
    // 10 days 03-11..03-20 → the 10 days before: 03-01..03-10.
    expect(previousRange(customRange('2025-03-11', '2025-03-20'))).toMatchObject({ start: '2025-03-01', end: '2025-03-10' });
  });

  it('compares with the same dates a year earlier', () => {
    expect(lastYearRange(parsePeriod('2025-03')!).label).toBe('2024-03');
    expect(lastYearRange(parsePeriod('2025-Q2')!).label).toBe('2024-Q2');
    expect(lastYearRange(customRange('2024-02-01', '2024-02-29'))).toMatchObject({ start: '2023-02-01', end: '2023-02-28' });
  });

  it('clamps month arithmetic and lists months of a range', () => {
    expect(addMonths('2025-03-31', -1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(monthsIn('2024-11-15', '2025-02-01')).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
    expect(isWholeMonths('2025-01-01', '2025-03-31')).toBe(true);
    expect(isWholeMonths('2025-01-01', '2025-03-14')).toBe(false);
  });
});
