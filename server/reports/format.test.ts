// Pack number formatting: cents, percentages, dashes for missing values.
import { describe, expect, it } from 'vitest';
import { formatter } from './format.ts';

describe('formatter', () => {
  const f = formatter('zh', 'CNY');
  it('writes money with the currency symbol and cents, negatives with a minus', () => {
    expect(f.money(31500.46)).toBe('¥31,500.46');
    expect(f.money(1234567)).toBe('¥1,234,567.00');
    expect(f.money(-1500)).toBe('-¥1,500.00');
    expect(f.money(null)).toBe('—');
  });
  it('writes fractions as percentages and changes with a sign', () => {
    expect(f.percent(0.597492)).toBe('59.7%');
    expect(f.change(0.125)).toBe('+12.5%');
    expect(f.change(-0.05)).toBe('-5.0%');
    expect(f.percent(null)).toBe('—');
  });
  it('marks rank movement', () => {
    expect(f.rankChange(2)).toBe('▲2');
    expect(f.rankChange(-1)).toBe('▼1');
    expect(f.rankChange(0)).toBe('=');
    expect(f.rankChange(null)).toBe('—');
  });
  it('writes review times to the minute in UTC', () => {
    expect(f.dateTime('2025-03-14T08:05:09Z')).toBe('2025-03-14 08:05 UTC');
  });
  it('uses the code for currencies without a symbol', () => {
    expect(formatter('en', 'CHF').money(12)).toBe('CHF 12.00');
  });
});
