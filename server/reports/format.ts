// How figures read in a pack: money with the reporting currency's symbol and cents, fractions as
// percentages with one decimal, counts with thousands separators, a dash where there is no value.
// (Exported tables carry the numbers themselves; these strings are for the PDF only.)
import type { Lang } from '../queries/filters.ts';

export const DASH = '—';

const SYMBOLS: Record<string, string> = { CNY: '¥', RMB: '¥', USD: '$', EUR: '€', GBP: '£', JPY: '¥', HKD: 'HK$' };

export function currencySymbol(currency: string): string {
  return SYMBOLS[currency.toUpperCase()] ?? `${currency} `;
}

const grouped = (places: number) => new Intl.NumberFormat('en-US', { minimumFractionDigits: places, maximumFractionDigits: places });
const CENTS = grouped(2);
const WHOLE = grouped(0);

export interface Formatter {
  lang: Lang;
  money(v: number | null | undefined): string;
  percent(v: number | null | undefined): string;
  count(v: number | null | undefined): string;
  number(v: number | null | undefined, places?: number): string;
  change(v: number | null | undefined): string;
  rankChange(v: number | null | undefined): string;
  dateTime(iso: string): string;
}

const missing = (v: number | null | undefined): v is null | undefined => v === null || v === undefined || !Number.isFinite(v);

export function formatter(lang: Lang, currency: string): Formatter {
  const symbol = currencySymbol(currency);
  return {
    lang,
    money: (v) => (missing(v) ? DASH : `${v < 0 ? '-' : ''}${symbol}${CENTS.format(Math.abs(v))}`),
    percent: (v) => (missing(v) ? DASH : `${(v * 100).toFixed(1)}%`),
    count: (v) => (missing(v) ? DASH : WHOLE.format(v)),
    number: (v, places = 2) => (missing(v) ? DASH : grouped(places).format(v)),
    change: (v) => (missing(v) ? DASH : `${v > 0 ? '+' : ''}${(v * 100).toFixed(1)}%`),
    rankChange: (v) => (missing(v) ? DASH : v > 0 ? `▲${v}` : v < 0 ? `▼${-v}` : '='),
    dateTime: (iso) => {
      const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})/.exec(iso);
      return m ? `${m[1]} ${m[2]} UTC` : iso;
    },
  };
}
