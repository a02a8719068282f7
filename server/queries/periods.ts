// Calendar arithmetic on ISO dates (YYYY-MM-DD, UTC) and the reporting periods of metrics.md:
// months, fiscal quarters and years, custom ranges, and their "previous" and "last year" comparisons.

export type PeriodKind = 'month' | 'quarter' | 'year' | 'custom';

/** An inclusive date range with the period it stands for ("2025-03", "2025-Q1", "2025", "2025-03-01..2025-03-20"). */
export interface DateRange {
  kind: PeriodKind;
  label: string;
  start: string;
  end: string;
}

const DAY_MS = 86_400_000;

export function parseIsoDate(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return toIso(d) === value ? d : null;
}

export function isIsoDate(value: string): boolean {
  return parseIsoDate(value) !== null;
}

export function toIso(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function mustParse(value: string): Date {
  const d = parseIsoDate(value);
  if (!d) throw new Error(`Not an ISO date: ${value}`);
  return d;
}

export function addDays(date: string, days: number): string {
  return toIso(new Date(mustParse(date).getTime() + days * DAY_MS));
}

/** Days from a to b (b − a); inclusive day count of a range is daysBetween(start, end) + 1. */
export function daysBetween(a: string, b: string): number {
  return Math.round((mustParse(b).getTime() - mustParse(a).getTime()) / DAY_MS);
}

/** Same day n months later, clamped to the month's last day (Mar 31 − 1 month = Feb 28/29). */
export function addMonths(date: string, months: number): string {
  const d = mustParse(date);
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth() + months;
  const y = Math.floor(total / 12);
  const m = total - y * 12;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return toIso(new Date(Date.UTC(y, m, Math.min(d.getUTCDate(), last))));
}

export function monthStart(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

export function monthEnd(date: string): string {
  const d = mustParse(monthStart(date));
  return toIso(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)));
}

export function monthKey(date: string): string {
  return date.slice(0, 7);
}

export function minDate(a: string, b: string): string {
  return a <= b ? a : b;
}

export function maxDate(a: string, b: string): string {
  return a >= b ? a : b;
}

/** The month keys (YYYY-MM) a range touches, in order. */
export function monthsIn(start: string, end: string): string[] {
  const out: string[] = [];
  for (let m = monthStart(start); m <= end; m = addMonths(m, 1)) out.push(monthKey(m));
  return out;
}

function monthRange(key: string): DateRange {
  const start = `${key}-01`;
  return { kind: 'month', label: key, start, end: monthEnd(start) };
}

/**
 * Fiscal year Y starts on the first day of month `fyStart` of calendar year Y
 * (fyStart 4: FY 2025 = 2025-04-01 … 2026-03-31); Qn is its n-th three-month block.
 */
function fiscalYearStart(year: number, fyStart: number): string {
  return `${year}-${String(fyStart).padStart(2, '0')}-01`;
}

function quarterRange(year: number, quarter: number, fyStart: number): DateRange {
  const start = addMonths(fiscalYearStart(year, fyStart), (quarter - 1) * 3);
  return { kind: 'quarter', label: `${year}-Q${quarter}`, start, end: addDays(addMonths(start, 3), -1) };
}

function yearRange(year: number, fyStart: number): DateRange {
  const start = fiscalYearStart(year, fyStart);
  return { kind: 'year', label: String(year), start, end: addDays(addMonths(start, 12), -1) };
}

export const PERIOD_PATTERN = '^[0-9]{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$';

/** YYYY-MM, YYYY-Qn or YYYY as a range; null when malformed. */
export function parsePeriod(period: string, fyStart = 1): DateRange | null {
  if (!new RegExp(PERIOD_PATTERN).test(period)) return null;
  const year = Number(period.slice(0, 4));
  if (period.length === 4) return yearRange(year, fyStart);
  if (period[5] === 'Q') return quarterRange(year, Number(period[6]), fyStart);
  return monthRange(period.slice(0, 7));
}

export function customRange(from: string, to: string): DateRange {
  return { kind: 'custom', label: `${from}..${to}`, start: from, end: to };
}

/** The fiscal year and quarter a date falls in. */
export function fiscalPosition(date: string, fyStart = 1): { year: number; quarter: number } {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const year = m >= fyStart ? y : y - 1;
  const offset = (m - fyStart + 12) % 12;
  return { year, quarter: Math.floor(offset / 3) + 1 };
}

export function quarterOf(date: string, fyStart = 1): DateRange {
  const p = fiscalPosition(date, fyStart);
  return quarterRange(p.year, p.quarter, fyStart);
}

export function yearOf(date: string, fyStart = 1): DateRange {
  return yearRange(fiscalPosition(date, fyStart).year, fyStart);
}

export function monthOf(date: string): DateRange {
  return monthRange(monthKey(date));
}

/** The previous unit of the same kind; for a custom range the same number of days just before. */
export function previousRange(r: DateRange, fyStart = 1): DateRange {
  switch (r.kind) {
    case 'month':
      return monthOf(addMonths(r.start, -1));
    case 'quarter':
      return quarterOf(addMonths(r.start, -3), fyStart);
    case 'year':
      return yearOf(addMonths(r.start, -12), fyStart);
    case 'custom': {
      const days = daysBetween(r.start, r.end) + 1;
      return customRange(addDays(r.start, -days), addDays(r.start, -1));
    }
  }
}

/** The same dates one year earlier (a month stays a month, a quarter a quarter). */
export function lastYearRange(r: DateRange, fyStart = 1): DateRange {
  switch (r.kind) {
    case 'month':
      return monthOf(addMonths(r.start, -12));
    case 'quarter':
      return quarterOf(addMonths(r.start, -12), fyStart);
    case 'year':
      return yearOf(addMonths(r.start, -12), fyStart);
    case 'custom':
      return customRange(addMonths(r.start, -12), addMonths(r.end, -12));
  }
}

/** True when the range covers whole calendar months (so month-grain rollups can answer it). */
export function isWholeMonths(start: string, end: string): boolean {
  return start === monthStart(start) && end === monthEnd(end);
}
