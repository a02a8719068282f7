// Attainment, expected-to-date, pace, projection and gap (metrics.md) from an actual, a target and
// the working days of a period elapsed at the as-of date.
import type { PeriodRange } from './filters.ts';
import { ratio } from './numbers.ts';
import { workingDays, type WorkCalendar } from './working-days.ts';

export interface WorkingDayProgress {
  /** Working days in the whole period. */
  total: number;
  /** Working days from its start to its effective end (the as-of date inside the period). */
  elapsed: number;
}

export function progressOf(range: PeriodRange, calendar: WorkCalendar): WorkingDayProgress {
  return {
    total: workingDays(range.start, range.end, calendar),
    elapsed: workingDays(range.start, range.effectiveEnd, calendar),
  };
}

export interface Paced {
  attainment: number | null;
  expectedToDate: number | null;
  pace: number | null;
  projection: number | null;
  gap: number | null;
}

export function paced(actual: number, target: number | null, p: WorkingDayProgress): Paced {
  // A period without working days (a weekend-only range) is expected to be met in full.
  const expectedToDate = target === null ? null : p.total === 0 ? target : (target * p.elapsed) / p.total;
  return {
    attainment: ratio(actual, target),
    expectedToDate,
    pace: expectedToDate !== null && expectedToDate > 0 ? actual / expectedToDate : null,
    projection: p.elapsed > 0 ? (actual * p.total) / p.elapsed : p.total === 0 ? actual : null,
    gap: target === null ? null : Math.max(0, target - actual),
  };
}
