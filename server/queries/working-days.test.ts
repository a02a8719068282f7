import { describe, expect, it } from 'vitest';
import { isWorkingDay, makeCalendar, workingDays } from './working-days.ts';

describe('working days', () => {
  const plain = makeCalendar();
  // March 2025 starts on a Saturday: weekdays 3–7, 10–14, 17–21, 24–28, 31 = 21.
  it('counts Monday to Friday', () => {
    expect(workingDays('2025-03-01', '2025-03-31', plain)).toBe(21);
    expect(workingDays('2025-03-01', '2025-03-02', plain)).toBe(0);
    expect(workingDays('2025-03-03', '2025-03-03', plain)).toBe(1);
    expect(workingDays('2025-03-10', '2025-03-09', plain)).toBe(0);
    // January 2025 (starts Wednesday): 3 + 4 × 5 = 23; February 2025: 4 × 5 = 20.
    expect(workingDays('2025-01-01', '2025-01-31', plain)).toBe(23);
    expect(workingDays('2025-02-01', '2025-02-28', plain)).toBe(20);
  });

  it('takes holidays off and adds make-up working days on weekends', () => {
    const cal = makeCalendar(['2025-03-05', '2025-03-06', '2025-03-09'], ['2025-03-08']);
    // 21 − 2 weekday holidays (the Sunday 9th was no working day anyway) + the Saturday 8th = 20.
    expect(workingDays('2025-03-01', '2025-03-31', cal)).toBe(20);
    // Up to the 14th: 10 weekdays − 2 + 1 = 9.
    expect(workingDays('2025-03-01', '2025-03-14', cal)).toBe(9);
    expect(isWorkingDay('2025-03-08', cal)).toBe(true);
    expect(isWorkingDay('2025-03-05', cal)).toBe(false);
  });

  it('treats a date listed both ways as a working day, and ignores make-up entries on weekdays', () => {
    const cal = makeCalendar(['2025-03-08', '2025-03-10'], ['2025-03-08', '2025-03-11']);
    // Week of 03-08..03-14: Sat 8 (make-up) + Mon–Fri 10–14 minus holiday 10 = 1 + 4 = 5.
    expect(workingDays('2025-03-08', '2025-03-14', cal)).toBe(5);
  });

  it('agrees with a day-by-day count over a year', () => {
    const cal = makeCalendar(['2025-01-01', '2025-05-01', '2025-10-01', '2025-10-04'], ['2025-09-28', '2025-10-11']);
    let count = 0;
    for (let t = Date.UTC(2025, 0, 1); t <= Date.UTC(2025, 11, 31); t += 86_400_000) {
      if (isWorkingDay(new Date(t).toISOString().slice(0, 10), cal)) count++;
    }
    // 2025 has 261 weekdays; three weekday holidays (Oct 4 is a Saturday) and two Sunday/Saturday make-up days: 261 − 3 + 2.
    expect(count).toBe(260);
    expect(workingDays('2025-01-01', '2025-12-31', cal)).toBe(260);
  });
});
