// Looks up a message and fills its {placeholders}; pure, so it is unit-tested without a browser.
import type { Locale } from './format';
import { en, type MessageKey, type Messages } from './en';
import { zh } from './zh';

export type MessageParams = Record<string, string | number>;

export const catalogs: Record<Locale, Messages> = { zh, en };

export function interpolate(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  return interpolate(catalogs[locale][key] ?? en[key], params);
}

/** The UI locale for a browser language list: Chinese when the first preference is any zh-*, else English. */
export function localeFromLanguages(languages: readonly string[]): Locale {
  const first = languages[0]?.toLowerCase() ?? '';
  return first.startsWith('zh') ? 'zh' : 'en';
}

export function isLocale(value: unknown): value is Locale {
  return value === 'zh' || value === 'en';
}
