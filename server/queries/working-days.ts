// Working days (metrics.md): Monday–Friday, minus configured holidays, plus configured make-up
// working days (调休 puts working days on weekends). Pure: the calendar comes from settings.
import { addDays, daysBetween, parseIsoDate } from './periods.ts';

export interface WorkCalendar {
  holidays: ReadonlySet<string>;
  makeupWorkdays: ReadonlySet<string>;
}

export function makeCalendar(holidays: readonly string[] = [], makeupWorkdays: readonly string[] = []): WorkCalendar {
  return { holidays: new Set(holidays), makeupWorkdays: new Set(makeupWorkdays) };
}

export function isWorkingDay(date: string, cal: WorkCalendar): boolean {
  // A date listed as both counts as a make-up working day: the explicit working day wins.
  if (cal.makeupWorkdays.has(date)) return true;
  if (cal.holidays.has(date)) return false;
  const dow = parseIsoDate(date)!.getUTCDay();
  return dow !== 0 && dow !== 6;
}

/** Working days in [start, end], both inclusive; 0 when end < start. */
export function workingDays(start: string, end: string, cal: WorkCalendar): number {
  const n = daysBetween(start, end) + 1;
  if (n <= 0) return 0;
  // Whole weeks hold 5 weekdays; only the remainder and the listed exceptions need a look.
  const weeks = Math.floor(n / 7);
  let count = weeks * 5;
  for (let d = addDays(start, weeks * 7); d <= end; d = addDays(d, 1)) {
    const dow = parseIsoDate(d)!.getUTCDay();
    if (dow !== 0 && dow !== 6) count++;
  }
  for (const h of cal.holidays) {
    if (h >= start && h <= end && !cal.makeupWorkdays.has(h)) {
      const dow = parseIsoDate(h)?.getUTCDay();
      if (dow !== undefined && dow !== 0 && dow !== 6) count--;
    }
  }
  for (const w of cal.makeupWorkdays) {
    if (w >= start && w <= end) {
      const dow = parseIsoDate(w)?.getUTCDay();
      if (dow === 0 || dow === 6) count++;
    }
  }
  return count;
}
