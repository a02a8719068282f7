import { describe, expect, it } from 'vitest';
import { cents, change, ratio, round } from './numbers.ts';

describe('numbers', () => {
  it('rounds money to cents half away from zero on the decimal digits', () => {
    expect(cents(47500.855)).toBe(47500.86);
    expect(cents(1.005)).toBe(1.01);
    expect(cents(-1.005)).toBe(-1.01);
    expect(cents(24499.545)).toBe(24499.55);
    expect(cents(2.0049)).toBe(2);
    expect(cents(-0.001)).toBe(0);
    expect(cents(null)).toBeNull();
  });

  it('answers null for ratios without a meaningful denominator', () => {
    expect(ratio(5, 0)).toBeNull();
    expect(ratio(5, null)).toBeNull();
    expect(ratio(5, 4)).toBe(1.25);
    expect(change(10, 0)).toBeNull();
    expect(change(10, -5)).toBeNull();
    expect(change(15, 10)).toBe(0.5);
    expect(round(2 / 3)).toBe(0.666667);
  });
});
