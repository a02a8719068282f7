// The current UI language (persisted in localStorage, defaulting to the browser's) and t() / fmt bound to it.
import * as format from './format';
import type { Locale } from './format';
import type { MessageKey } from './en';
import { isLocale, localeFromLanguages, translate, type MessageParams } from './translate';

export type { Locale, MessageKey };

const STORAGE_KEY = 'attain.locale';

function initialLocale(): Locale {
  if (typeof window === 'undefined') return 'zh';
  try {
    const saved = window.localStorage.getItem(STORAGE_KEY);
    if (isLocale(saved)) return saved;
  } catch {
    // Storage can be blocked (private mode, policies); the browser language still applies.
  }
  const languages = navigator.languages?.length ? navigator.languages : [navigator.language];
  return localeFromLanguages(languages);
}

class LocaleState {
  current = $state<Locale>(initialLocale());

  set(locale: Locale): void {
    this.current = locale;
    try {
      window.localStorage.setItem(STORAGE_KEY, locale);
    } catch {
      // Not persisted; the choice still holds for this visit.
    }
  }

  /** The BCP 47 tag for <html lang>. */
  get tag(): string {
    return this.current === 'zh' ? 'zh-CN' : 'en';
  }
}

export const locale = new LocaleState();

/** The message for `key` in the current language, with {placeholders} filled from `params`. */
export function t(key: MessageKey, params?: MessageParams): string {
  return translate(locale.current, key, params);
}

type Value = number | null | undefined;

/** Formatters bound to the current language (see format.ts for the rules). */
export const fmt = {
  money: (v: Value) => format.formatMoney(v, locale.current),
  moneyCompact: (v: Value) => format.formatMoneyCompact(v, locale.current),
  moneyAxis: (v: Value) => format.formatMoneyCompact(v, locale.current, { trimZeros: true }),
  percent: (v: Value, digits?: number) => format.formatPercent(v, locale.current, digits),
  change: (v: Value, digits?: number) => format.formatChange(v, locale.current, digits),
  integer: (v: Value) => format.formatInteger(v, locale.current),
  number: (v: Value, digits?: number) => format.formatNumber(v, locale.current, digits),
  month: (m: string | null | undefined) => format.formatMonth(m, locale.current),
  monthShort: (m: string) => format.formatMonthShort(m, locale.current),
  monthName: (m: number) => format.formatMonthName(m, locale.current),
  date: (d: string | null | undefined) => format.formatDate(d, locale.current),
  period: (p: string | null | undefined) => format.formatPeriod(p, locale.current),
};
