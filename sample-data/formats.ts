// How each kind of value is written in each form: the English CSV (ISO dates, fraction-off
// discounts, canonical codes), the Chinese CSV (2025/3/5, 9折, Chinese words) and XLSX cells
// (real dates and numbers, Chinese words and 折 like the Chinese CSV).

import { isoDate, isoDateTime, monthIso, monthZh, zhDate, zhDateTime } from './calendar.ts';
import { ZH_CODES, type Cell, type Kind } from './datasets.ts';

const MS_PER_MINUTE = 60_000;

export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const frac = abs % 100;
  return `${sign}${Math.floor(abs / 100)}.${frac < 10 ? '0' : ''}${frac}`;
}

/** Discount in percent off → fraction off ("0.1", "0.05", "0"). */
export function discountFraction(pct: number): string {
  return String(pct / 100);
}

/** Discount in percent off → the 折 notation (fraction paid, in tenths): 10 → "9折", 12 → "8.8折", 0 → "". */
export function discountZhe(pct: number): string {
  return pct === 0 ? '' : `${(100 - pct) / 10}折`;
}

const NEEDS_QUOTES = /[",\r\n]/;
export function csvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function enCell(kind: Kind, v: Cell): string {
  if (v === null) return '';
  switch (kind) {
    case 'text':
      return csvField(v as string);
    case 'int':
      return String(v);
    case 'money':
      return formatCents(v as number);
    case 'date':
      return isoDate(v as number);
    case 'datetime':
      return isoDateTime(v as number);
    case 'discount':
      return discountFraction(v as number);
    case 'period':
      return monthIso(v as number);
    default:
      return v as string;
  }
}

export function zhCell(kind: Kind, v: Cell): string {
  if (v === null) return '';
  switch (kind) {
    case 'text':
      return csvField(v as string);
    case 'int':
      return String(v);
    case 'money':
      return formatCents(v as number);
    case 'date':
      return zhDate(v as number);
    case 'datetime':
      return zhDateTime(v as number);
    case 'discount':
      return discountZhe(v as number);
    case 'period':
      return monthZh(v as number);
    default:
      return ZH_CODES[kind][v as string] ?? String(v);
  }
}

export type XlsxValue = string | number | Date | null;

export function xlsxCell(kind: Kind, v: Cell): XlsxValue {
  if (v === null) return null;
  switch (kind) {
    case 'text':
    case 'int':
      return v;
    case 'money':
      return (v as number) / 100;
    case 'date':
      return new Date((v as number) * 1440 * MS_PER_MINUTE);
    case 'datetime':
      return new Date((v as number) * MS_PER_MINUTE);
    case 'discount':
      return discountZhe(v as number) || null;
    case 'period':
      return monthZh(v as number);
    default:
      return ZH_CODES[kind][v as string] ?? String(v);
  }
}

/** Number format of an XLSX column, as a Chinese spreadsheet shows it. */
export function xlsxNumFmt(kind: Kind): string | undefined {
  if (kind === 'money') return '#,##0.00';
  if (kind === 'date') return 'yyyy/m/d';
  if (kind === 'datetime') return 'yyyy/m/d h:mm';
  return undefined;
}
