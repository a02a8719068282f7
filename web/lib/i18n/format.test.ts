// Formatting rules checked against hand-written expectations for both languages.
import { describe, expect, it } from 'vitest';
import {
  formatChange,
  formatDate,
  formatInteger,
  formatMoney,
  formatMoneyCompact,
  formatMonth,
  formatMonthShort,
  formatMonthName,
  formatPercent,
  formatPeriod,
  MISSING,
} from './format';

describe('formatMoneyCompact', () => {
  it('counts Chinese amounts in 万 and 亿', () => {
    expect(formatMoneyCompact(12_345_000, 'zh')).toBe('¥1,234.5万');
    expect(formatMoneyCompact(10_000, 'zh')).toBe('¥1.0万');
    expect(formatMoneyCompact(123_456_789, 'zh')).toBe('¥1.23亿');
    expect(formatMoneyCompact(8_765.4, 'zh')).toBe('¥8,765');
  });

  it('counts English amounts in K, M and B', () => {
    expect(formatMoneyCompact(12_345_000, 'en')).toBe('¥12.3M');
    expect(formatMoneyCompact(123_456, 'en')).toBe('¥123.5K');
    expect(formatMoneyCompact(2_500_000_000, 'en')).toBe('¥2.5B');
    expect(formatMoneyCompact(9_999, 'en')).toBe('¥9,999');
  });

  it('moves to the larger unit when rounding reaches it', () => {
    expect(formatMoneyCompact(9_999.96, 'zh')).toBe('¥1.0万');
    expect(formatMoneyCompact(99_999_999, 'zh')).toBe('¥1.00亿');
    expect(formatMoneyCompact(999_960, 'en')).toBe('¥1.0M');
  });

  it('keeps the sign of negative amounts and honours fixed digits', () => {
    expect(formatMoneyCompact(-25_000, 'zh')).toBe('\u2212¥2.5万');
    expect(formatMoneyCompact(30_000_000, 'zh', { digits: 0 })).toBe('¥3,000万');
    expect(formatMoneyCompact(30_000_000, 'en', { digits: 0 })).toBe('¥30M');
    expect(formatMoneyCompact(0, 'en')).toBe('¥0');
  });

  it('drops trailing zero decimals for axis labels', () => {
    expect(formatMoneyCompact(2_500_000, 'en', { trimZeros: true })).toBe('¥2.5M');
    expect(formatMoneyCompact(3_000_000, 'en', { trimZeros: true })).toBe('¥3M');
    expect(formatMoneyCompact(2_500_000, 'zh', { trimZeros: true })).toBe('¥250万');
    expect(formatMoneyCompact(150_000_000, 'zh', { trimZeros: true })).toBe('¥1.5亿');
    expect(formatMoneyCompact(5_000, 'zh', { trimZeros: true })).toBe('¥5,000');
  });

  it('shows a dash for missing values', () => {
    expect(formatMoneyCompact(null, 'zh')).toBe(MISSING);
    expect(formatMoneyCompact(Number.NaN, 'en')).toBe(MISSING);
  });
});

describe('other number formats', () => {
  it('formats full money with cents', () => {
    expect(formatMoney(1_234_567.891, 'zh')).toBe('¥1,234,567.89');
    expect(formatMoney(-0.004, 'en')).toBe('¥0.00');
  });

  it('formats fractions as percentages', () => {
    expect(formatPercent(0.853, 'zh')).toBe('85.3%');
    expect(formatPercent(1.2, 'en', 0)).toBe('120%');
    expect(formatPercent(undefined, 'en')).toBe(MISSING);
  });

  it('signs changes', () => {
    expect(formatChange(0.123, 'en')).toBe('+12.3%');
    expect(formatChange(-0.04, 'zh')).toBe('\u22124.0%');
    expect(formatChange(0, 'en')).toBe('0.0%');
    expect(formatChange(null, 'en')).toBe(MISSING);
  });

  it('groups integers', () => {
    expect(formatInteger(12_345, 'zh')).toBe('12,345');
    expect(formatInteger(7.6, 'en')).toBe('8');
  });
});

describe('dates and periods', () => {
  it('formats months', () => {
    expect(formatMonth('2025-03', 'zh')).toBe('2025年3月');
    expect(formatMonth('2025-03', 'en')).toBe('Mar 2025');
    expect(formatMonthShort('2025-12', 'zh')).toBe('25年12月');
    expect(formatMonthShort('2025-12', 'en')).toBe("Dec '25");
    expect(formatMonthName(3, 'zh')).toBe('3月');
    expect(formatMonthName(12, 'en')).toBe('Dec');
    expect(formatMonthName(13, 'en')).toBe('—');
  });

  it('formats dates as calendar dates, whatever the time zone', () => {
    expect(formatDate('2025-03-05', 'zh')).toBe('2025年3月5日');
    expect(formatDate('2025-03-05T23:30:00Z', 'en')).toBe('Mar 5, 2025');
  });

  it('formats every period kind', () => {
    expect(formatPeriod('2025-03', 'en')).toBe('Mar 2025');
    expect(formatPeriod('2025-Q2', 'zh')).toBe('2025年第2季度');
    expect(formatPeriod('2025-Q2', 'en')).toBe('Q2 2025');
    expect(formatPeriod('2025', 'zh')).toBe('2025年');
    expect(formatPeriod('2025-03-01..2025-03-15', 'en')).toBe('Mar 1, 2025 – Mar 15, 2025');
    expect(formatPeriod('something else', 'en')).toBe('something else');
  });
});
