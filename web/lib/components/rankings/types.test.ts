// The rankings page's metric parameter and the rank-movement reading.
import { describe, expect, it } from 'vitest';
import { movementOf, parseRankingMetric } from './types';

describe('rankings view', () => {
  it('reads the metric with revenue as the default', () => {
    expect(parseRankingMetric(new URLSearchParams('metric=conversion'))).toBe('conversion');
    expect(parseRankingMetric(new URLSearchParams('metric=profit'))).toBe('revenue');
    expect(parseRankingMetric(new URLSearchParams(''))).toBe('revenue');
  });

  it('reads rank changes as movements', () => {
    expect(movementOf(3, true)).toBe('up');
    expect(movementOf(-1, true)).toBe('down');
    expect(movementOf(0, true)).toBe('same');
    expect(movementOf(null, true)).toBe('new');
    expect(movementOf(null, false)).toBe('none');
  });
});
