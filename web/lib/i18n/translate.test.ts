// Both message catalogs carry the same keys and the same {placeholders}; lookup fills them.
import { describe, expect, it } from 'vitest';
import { en } from './en';
import { zh } from './zh';
import { interpolate, localeFromLanguages, translate } from './translate';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogs', () => {
  it('have the same keys', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });

  it('use the same placeholders in each message', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(zh[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('have no blank messages', () => {
    expect(Object.entries(en).filter(([, v]) => v.trim() === '')).toEqual([]);
    expect(Object.entries(zh).filter(([, v]) => v.trim() === '')).toEqual([]);
  });
});

describe('translate', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(interpolate('Hi {name}, {missing}', { name: 'Li' })).toBe('Hi Li, {missing}');
    expect(translate('zh', 'tile.pace', { value: '96.0%' })).toBe('进度 96.0%');
    expect(translate('en', 'notAvailable.title', { page: 'Rankings' })).toBe('Rankings is not available yet');
  });

  it('picks Chinese for any zh-* first preference', () => {
    expect(localeFromLanguages(['zh-CN', 'en'])).toBe('zh');
    expect(localeFromLanguages(['zh-TW'])).toBe('zh');
    expect(localeFromLanguages(['en-GB', 'zh-CN'])).toBe('en');
    expect(localeFromLanguages([])).toBe('en');
  });
});
