// Pure period arithmetic for the period picker: the quick choices (this month, last month,
// quarter to date, year to date) relative to the as-of date, fiscal quarters and years (the fiscal
// year Y starts in the configured month of calendar year Y, as on the server), and the dates a
// period covers, to prefill a custom range.
import type { Filters } from '$lib/filters/filters';

export type PeriodKind = 'month' | 'quarter' | 'year' | 'custom';

export interface QuickPeriods {
  thisMonth: string;
  lastMonth: string;
  quarterToDate: string;
  yearToDate: string;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** 'YYYY-MM' of `date` ('YYYY-MM-DD') moved by `delta` months. */
export function addMonths(month: string, delta: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + delta;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
}

/** The fiscal year and quarter a date (or month) falls in. */
export function fiscalPosition(date: string, fyStart = 1): { year: number; quarter: number } {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const year = m >= fyStart ? y : y - 1;
  return { year, quarter: Math.floor(((m - fyStart + 12) % 12) / 3) + 1 };
}

export function quickPeriods(asOf: string, fyStart = 1): QuickPeriods {
  const month = asOf.slice(0, 7);
  const { year, quarter } = fiscalPosition(asOf, fyStart);
  return { thisMonth: month, lastMonth: addMonths(month, -1), quarterToDate: `${year}-Q${quarter}`, yearToDate: String(year) };
}

export function periodKind(period: string): Exclude<PeriodKind, 'custom'> {
  if (/^\d{4}$/.test(period)) return 'year';
  if (/^\d{4}-Q[1-4]$/.test(period)) return 'quarter';
  return 'month';
}

function lastDay(month: string): string {
  const [y, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  return `${month}-${pad(new Date(Date.UTC(y, m, 0)).getUTCDate())}`;
}

/** First and last day of a period ('YYYY-MM', 'YYYY-Qn' fiscal, 'YYYY' fiscal). */
export function periodDates(period: string, fyStart = 1): { from: string; to: string } {
  const kind = periodKind(period);
  if (kind === 'month') return { from: `${period}-01`, to: lastDay(period) };
  const firstOfYear = `${period.slice(0, 4)}-${pad(fyStart)}`;
  if (kind === 'year') return { from: `${firstOfYear}-01`, to: lastDay(addMonths(firstOfYear, 11)) };
  const first = addMonths(firstOfYear, (Number(period[6]) - 1) * 3);
  return { from: `${first}-01`, to: lastDay(addMonths(first, 2)) };
}

/** What the filters select: their period, their custom range, or (neither) the as-of month. */
export function selectedPeriod(filters: Filters, asOf: string | null): { kind: PeriodKind; period: string | null } {
  if (filters.period) return { kind: periodKind(filters.period), period: filters.period };
  if (filters.from && filters.to) return { kind: 'custom', period: null };
  return { kind: 'month', period: asOf ? asOf.slice(0, 7) : null };
}

/** The API's label for the selection: the period, 'from..to', or null for the server's default. */
export function periodLabel(filters: Filters): string | null {
  if (filters.period) return filters.period;
  if (filters.from && filters.to) return `${filters.from}..${filters.to}`;
  return null;
}

/** Fiscal years offered: the as-of date's and `count − 1` before it, newest first. */
export function yearChoices(asOf: string, fyStart = 1, count = 6): number[] {
  const newest = fiscalPosition(asOf, fyStart).year;
  return Array.from({ length: count }, (_, i) => newest - i);
}

/** The calendar months of a fiscal quarter, for labels ("Apr–Jun"). */
export function quarterMonths(year: number, quarter: number, fyStart = 1): string[] {
  const first = addMonths(`${year}-${pad(fyStart)}`, (quarter - 1) * 3);
  return [first, addMonths(first, 1), addMonths(first, 2)];
}
