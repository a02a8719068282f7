// The picker's period arithmetic: quick choices, fiscal quarters and years, period dates.
import { describe, expect, it } from 'vitest';
import { emptyFilters } from '$lib/filters/filters';
import { addMonths, fiscalPosition, periodDates, periodKind, periodLabel, quarterMonths, quickPeriods, selectedPeriod, yearChoices } from './periods';

describe('quickPeriods', () => {
  it('counts from the as-of date with a calendar fiscal year', () => {
    expect(quickPeriods('2026-01-15')).toEqual({ thisMonth: '2026-01', lastMonth: '2025-12', quarterToDate: '2026-Q1', yearToDate: '2026' });
    expect(quickPeriods('2025-08-31')).toEqual({ thisMonth: '2025-08', lastMonth: '2025-07', quarterToDate: '2025-Q3', yearToDate: '2025' });
  });

  it('uses the fiscal year when it starts in April', () => {
    // FY 2025 = Apr 2025 … Mar 2026; February 2026 is in its fourth quarter.
    expect(quickPeriods('2026-02-10', 4)).toEqual({ thisMonth: '2026-02', lastMonth: '2026-01', quarterToDate: '2025-Q4', yearToDate: '2025' });
    expect(fiscalPosition('2025-04-01', 4)).toEqual({ year: 2025, quarter: 1 });
    expect(fiscalPosition('2025-03-31', 4)).toEqual({ year: 2024, quarter: 4 });
  });
});

describe('period dates', () => {
  it('moves months across years', () => {
    expect(addMonths('2025-01', -1)).toBe('2024-12');
    expect(addMonths('2025-11', 3)).toBe('2026-02');
  });

  it('gives the first and last day of months, quarters and years', () => {
    expect(periodDates('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(periodDates('2025-Q2')).toEqual({ from: '2025-04-01', to: '2025-06-30' });
    expect(periodDates('2025')).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(periodDates('2025-Q4', 4)).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(periodDates('2025', 4)).toEqual({ from: '2025-04-01', to: '2026-03-31' });
    expect(quarterMonths(2025, 1, 4)).toEqual(['2025-04', '2025-05', '2025-06']);
  });

  it('names the kind of a period', () => {
    expect(['2025-03', '2025-Q1', '2025'].map(periodKind)).toEqual(['month', 'quarter', 'year']);
  });
});

describe('the selection', () => {
  it('is the period, the custom range, or the as-of month by default', () => {
    const none = emptyFilters();
    expect(selectedPeriod(none, '2026-01-15')).toEqual({ kind: 'month', period: '2026-01' });
    expect(periodLabel(none)).toBeNull();
    expect(selectedPeriod({ ...none, period: '2025-Q3' }, '2026-01-15')).toEqual({ kind: 'quarter', period: '2025-Q3' });
    const range = { ...none, from: '2025-03-01', to: '2025-03-20' };
    expect(selectedPeriod(range, null)).toEqual({ kind: 'custom', period: null });
    expect(periodLabel(range)).toBe('2025-03-01..2025-03-20');
  });

  it('offers the fiscal years up to the as-of date', () => {
    expect(yearChoices('2026-01-15', 1, 3)).toEqual([2026, 2025, 2024]);
    expect(yearChoices('2026-01-15', 4, 2)).toEqual([2025, 2024]);
  });
});
