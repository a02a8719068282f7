// Value notations of the three forms, order-line amounts, zip timestamps and the calendar, each
// against expectations worked out by hand.

import { describe, expect, it } from 'vitest';
import { dayOf, isWorkingDay, weekday } from './calendar.ts';
import { csvField, discountFraction, discountZhe, enCell, formatCents, xlsxCell, zhCell } from './formats.ts';
import { lineAmountCents } from './orders.ts';
import { Rng } from './random.ts';
import { dosDateTime } from './writers/zip-dates.ts';

describe('value notations', () => {
  it('writes cents as a decimal with two places', () => {
    expect(formatCents(123456)).toBe('1234.56');
    expect(formatCents(100)).toBe('1.00');
    expect(formatCents(-5)).toBe('-0.05');
    expect(formatCents(0)).toBe('0.00');
  });

  it('writes discounts as a fraction off in English and in 折 in Chinese', () => {
    expect(discountFraction(10)).toBe('0.1');
    expect(discountFraction(5)).toBe('0.05');
    expect(discountFraction(12)).toBe('0.12');
    expect(discountFraction(0)).toBe('0');
    expect(discountZhe(10)).toBe('9折');
    expect(discountZhe(12)).toBe('8.8折');
    expect(discountZhe(15)).toBe('8.5折');
    expect(discountZhe(5)).toBe('9.5折');
    expect(discountZhe(0)).toBe('');
  });

  it('quotes CSV fields that hold commas, quotes or line breaks', () => {
    expect(csvField('Apex Precision (Suzhou) Co., Ltd.')).toBe('"Apex Precision (Suzhou) Co., Ltd."');
    expect(csvField('客户反馈"交期太长"')).toBe('"客户反馈""交期太长"""');
    expect(csvField('华东一组')).toBe('华东一组');
  });

  it('writes dates and times as ISO in English and as 2025/3/5 9:05 in Chinese', () => {
    const day = dayOf('2025-03-05');
    expect(enCell('date', day)).toBe('2025-03-05');
    expect(zhCell('date', day)).toBe('2025/3/5');
    expect(enCell('datetime', day * 1440 + 9 * 60 + 5)).toBe('2025-03-05 09:05');
    expect(zhCell('datetime', day * 1440 + 14 * 60 + 30)).toBe('2025/3/5 14:30');
    expect(enCell('period', 2025 * 12 + 2)).toBe('2025-03');
    expect(zhCell('period', 2025 * 12 + 2)).toBe('2025年3月');
  });

  it('uses Chinese words for coded values in the Chinese forms only', () => {
    expect(enCell('status', 'returned')).toBe('returned');
    expect(zhCell('status', 'returned')).toBe('退货');
    expect(zhCell('role', 'account_manager')).toBe('客户经理');
    expect(zhCell('visitType', 'call')).toBe('电话');
    expect(xlsxCell('metric', 'new_customers')).toBe('新客户数');
  });

  it('gives XLSX real dates and numbers', () => {
    expect(xlsxCell('date', dayOf('2025-03-05'))).toEqual(new Date(Date.UTC(2025, 2, 5)));
    expect(xlsxCell('money', 123456)).toBe(1234.56);
    expect(xlsxCell('int', 7)).toBe(7);
    expect(xlsxCell('discount', 0)).toBeNull();
  });
});

describe('order-line amounts', () => {
  it('is quantity × unit price × (1 − discount), rounded to the cent', () => {
    // 3 × 19.99 × 0.9 = 53.973
    expect(lineAmountCents(3, 1999, 10)).toBe(5397);
    // 1 × 0.05 × 0.5 = 0.025, rounded half up
    expect(lineAmountCents(1, 5, 50)).toBe(3);
    // returns mirror the sale exactly
    expect(lineAmountCents(-3, 1999, 10)).toBe(-5397);
    expect(lineAmountCents(12, 10000, 0)).toBe(120000);
  });
});

describe('zip timestamps', () => {
  it('encodes a UTC moment as MS-DOS time and date words', () => {
    // 18:00:00 → 18 << 11; 2026-01-15 → (46 << 9) | (1 << 5) | 15
    expect(dosDateTime(new Date(Date.UTC(2026, 0, 15, 18, 0, 0)))).toEqual({ time: 36864, date: 23599 });
  });
});

describe('calendar', () => {
  it('knows weekdays, National Day and Spring Festival', () => {
    expect(weekday(dayOf('2026-01-15'))).toBe(4);
    expect(isWorkingDay(dayOf('2025-10-01'))).toBe(false);
    expect(isWorkingDay(dayOf('2025-10-09'))).toBe(true);
    expect(isWorkingDay(dayOf('2025-01-29'))).toBe(false);
    expect(isWorkingDay(dayOf('2025-03-08'))).toBe(false);
  });
});

describe('random numbers', () => {
  it('repeats a stream for the same seed and label, and differs otherwise', () => {
    const draw = (seed: number, label: string) => {
      const rng = new Rng(seed, label);
      return Array.from({ length: 5 }, () => rng.uint32());
    };
    expect(draw(42, 'a')).toEqual(draw(42, 'a'));
    expect(draw(42, 'a')).not.toEqual(draw(42, 'b'));
    expect(draw(42, 'a')).not.toEqual(draw(43, 'a'));
  });
});
