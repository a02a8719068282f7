// Dates as whole days since 1970-01-01 (UTC), their text forms, and the Chinese business calendar
// that shapes the sample company's rhythm: quiet weekends and public holidays, a long trough
// around Spring Festival, and a push before every quarter end and the year end.

const MS_PER_DAY = 86_400_000;

export function dayOf(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`not an ISO date: ${iso}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / MS_PER_DAY;
}

export function dayFromParts(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

export interface Ymd {
  y: number;
  m: number;
  d: number;
}

const ymdCache = new Map<number, Ymd>();
export function ymd(day: number): Ymd {
  let v = ymdCache.get(day);
  if (!v) {
    const dt = new Date(day * MS_PER_DAY);
    v = { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
    ymdCache.set(day, v);
  }
  return v;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

const isoCache = new Map<number, string>();
export function isoDate(day: number): string {
  let s = isoCache.get(day);
  if (s === undefined) {
    const { y, m, d } = ymd(day);
    s = `${y}-${pad2(m)}-${pad2(d)}`;
    isoCache.set(day, s);
  }
  return s;
}

const zhCache = new Map<number, string>();
/** The way Chinese Excel shows a date: 2025/3/5. */
export function zhDate(day: number): string {
  let s = zhCache.get(day);
  if (s === undefined) {
    const { y, m, d } = ymd(day);
    s = `${y}/${m}/${d}`;
    zhCache.set(day, s);
  }
  return s;
}

/** Minutes since the epoch → "YYYY-MM-DD HH:MM". */
export function isoDateTime(minute: number): string {
  const day = Math.floor(minute / 1440);
  const rest = minute - day * 1440;
  return `${isoDate(day)} ${pad2(Math.floor(rest / 60))}:${pad2(rest % 60)}`;
}

/** Minutes since the epoch → "2025/3/5 9:05". */
export function zhDateTime(minute: number): string {
  const day = Math.floor(minute / 1440);
  const rest = minute - day * 1440;
  return `${zhDate(day)} ${Math.floor(rest / 60)}:${pad2(rest % 60)}`;
}

/** Month index = year × 12 + (month − 1). */
export function monthOfDay(day: number): number {
  const { y, m } = ymd(day);
  return y * 12 + m - 1;
}

export function monthStart(month: number): number {
  return dayFromParts(Math.floor(month / 12), (month % 12) + 1, 1);
}

export function monthEnd(month: number): number {
  return monthStart(month + 1) - 1;
}

export function monthIso(month: number): string {
  return `${Math.floor(month / 12)}-${pad2((month % 12) + 1)}`;
}

export function monthZh(month: number): string {
  return `${Math.floor(month / 12)}年${(month % 12) + 1}月`;
}

// Spring Festival (lunar new year's day); the holiday runs from its eve for about a week.
const SPRING_FESTIVAL: Record<number, string> = {
  2019: '2019-02-05',
  2020: '2020-01-25',
  2021: '2021-02-12',
  2022: '2022-02-01',
  2023: '2023-01-22',
  2024: '2024-02-10',
  2025: '2025-01-29',
  2026: '2026-02-17',
  2027: '2027-02-06',
};

export function springFestival(year: number): number | null {
  const iso = SPRING_FESTIVAL[year];
  return iso ? dayOf(iso) : null;
}

/** Public holiday (no business): New Year's Day, Spring Festival week, Labour Day, National Day. */
export function isHoliday(day: number): boolean {
  const { y, m, d } = ymd(day);
  if (m === 1 && d === 1) return true;
  if (m === 5 && d <= 5) return true;
  if (m === 10 && d <= 7) return true;
  const sf = springFestival(y);
  return sf !== null && day >= sf - 1 && day <= sf + 6;
}

export function isWorkingDay(day: number): boolean {
  const wd = weekday(day);
  return wd !== 0 && wd !== 6 && !isHoliday(day);
}

/**
 * How much business a day carries relative to an ordinary weekday (1). Weekends and holidays are
 * quiet; the weeks around Spring Festival are slow to start and slow to recover; the last ten days
 * of a quarter carry the push to close it, strongest in December.
 */
export function orderDayWeight(day: number): number {
  const { y, m } = ymd(day);
  if (isHoliday(day)) return 0.03;
  const wd = weekday(day);
  let w = wd === 0 ? 0.06 : wd === 6 ? 0.18 : 1;
  const sf = springFestival(y);
  if (sf !== null) {
    const off = day - sf;
    if (off >= -12 && off < -1) w *= 0.7;
    else if (off > 6 && off <= 21) w *= 0.35 + (0.6 * (off - 6)) / 15;
  }
  const quarterEnd = m % 3 === 0;
  if (quarterEnd) {
    const last = monthEnd(y * 12 + m - 1);
    if (last - day < 10) w *= m === 12 ? 1.7 : m === 6 ? 1.5 : 1.35;
  }
  if (m === 12) w *= 1.12;
  if (m === 8) w *= 0.92;
  return w;
}

/** How likely a salesperson is out visiting on a day (1 = an ordinary weekday). */
export function visitDayWeight(day: number): number {
  if (isHoliday(day)) return 0;
  const wd = weekday(day);
  if (wd === 0) return 0.02;
  if (wd === 6) return 0.08;
  const { y } = ymd(day);
  const sf = springFestival(y);
  if (sf !== null) {
    const off = day - sf;
    if (off >= -7 && off < -1) return 0.4;
    if (off > 6 && off <= 14) return 0.6;
  }
  return 1;
}

export function workingDaysBetween(from: number, to: number): number {
  let n = 0;
  for (let day = from; day <= to; day++) if (isWorkingDay(day)) n++;
  return n;
}
