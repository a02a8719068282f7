// Sparkline geometry, checked by hand on a 100×20 box with 2 px padding (inner 96×16).
import { describe, expect, it } from 'vitest';
import { sparkline } from './customer-sparkline';

describe('sparkline', () => {
  it('spreads the months across the width and scales from zero to the maximum', () => {
    // x: 2, 50, 98; values 0, 50, 100 → y: 18, 10, 2.
    const s = sparkline([0, 50, 100], 100, 20);
    expect(s.line).toBe('M2 18 L50 10 L98 2');
    expect(s.zeroY).toBe(18);
    expect(s.last).toEqual({ x: 98, y: 2 });
  });

  it('keeps zero in view when a month is negative', () => {
    // Range −100…100: zero sits in the middle (y = 10), −100 at the bottom (18).
    const s = sparkline([100, -100], 100, 20);
    expect(s.line).toBe('M2 2 L98 18');
    expect(s.zeroY).toBe(10);
    // Only returns: zero at the top, the largest return at the bottom.
    expect(sparkline([-50, -100], 100, 20)).toMatchObject({ line: 'M2 10 L98 18', zeroY: 2 });
  });

  it('draws a flat line on the baseline for all-zero or missing values, and nothing without months', () => {
    expect(sparkline([0, Number.NaN], 100, 20).line).toBe('M2 18 L98 18');
    expect(sparkline([5], 100, 20).line).toBe('M50 2');
    expect(sparkline([], 100, 20)).toEqual({ line: '', zeroY: 18, last: null });
  });
});
