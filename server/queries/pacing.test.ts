import { describe, expect, it } from 'vitest';
import { paced, progressOf } from './pacing.ts';
import { makeCalendar } from './working-days.ts';

describe('pacing', () => {
  const march = { kind: 'month' as const, label: '2025-03', start: '2025-03-01', end: '2025-03-31', effectiveEnd: '2025-03-14' };
  const cal = makeCalendar(['2025-03-05', '2025-03-06'], ['2025-03-08']);

  it('counts working days of the period and those elapsed at the as-of date', () => {
    // 21 weekdays − 2 holidays + 1 make-up Saturday = 20; up to the 14th: 10 − 2 + 1 = 9.
    expect(progressOf(march, cal)).toEqual({ total: 20, elapsed: 9 });
  });

  it('derives expected to date, pace, projection and gap', () => {
    const p = paced(9000, 40000, { total: 20, elapsed: 9 });
    // expected 40000 × 9/20 = 18000; pace 0.5; projection 9000 × 20/9 = 20000; gap 31000.
    expect(p).toEqual({ attainment: 0.225, expectedToDate: 18000, pace: 0.5, projection: 20000, gap: 31000 });
  });

  it('answers null where a figure has no meaning, and never a negative gap', () => {
    expect(paced(500, null, { total: 20, elapsed: 9 })).toMatchObject({ attainment: null, expectedToDate: null, pace: null, gap: null });
    expect(paced(500, 0, { total: 20, elapsed: 9 })).toMatchObject({ attainment: null, pace: null, gap: 0 });
    expect(paced(500, 100, { total: 20, elapsed: 0 })).toMatchObject({ expectedToDate: 0, pace: null, projection: null });
    expect(paced(500, 100, { total: 20, elapsed: 20 }).gap).toBe(0);
  });
});
