// URL ↔ filter round trips, and malformed values dropped rather than sent to the API.
import { describe, expect, it } from 'vitest';
import { emptyFilters, filtersToQuery, isDefault, parseFilters, writeFilters } from './filters';

describe('parseFilters', () => {
  it('reads every filter, repeated keys as lists', () => {
    const f = parseFilters(new URLSearchParams('period=2025-Q1&compare=last_year&team=华东一组&team=华北二组&rep=R001&channel=直销'));
    expect(f).toEqual({
      period: '2025-Q1',
      from: null,
      to: null,
      compare: 'last_year',
      asOf: null,
      team: ['华东一组', '华北二组'],
      region: [],
      rep: ['R001'],
      category: [],
      channel: ['直销'],
    });
  });

  it('drops malformed periods and compares, blanks and duplicates', () => {
    const f = parseFilters(new URLSearchParams('period=2025-13&compare=yesterday&region=&region=华东&region=华东'));
    expect(f.period).toBeNull();
    expect(f.compare).toBeNull();
    expect(f.region).toEqual(['华东']);
    expect(parseFilters(new URLSearchParams('period=2025')).period).toBe('2025');
    expect(parseFilters(new URLSearchParams('period=2025-Q5')).period).toBeNull();
  });
});

describe('custom ranges and the as-of date', () => {
  it('reads a from/to range only without a period, both real dates in order', () => {
    const f = parseFilters(new URLSearchParams('from=2025-03-05&to=2025-04-20&asOf=2025-04-10'));
    expect([f.period, f.from, f.to, f.asOf]).toEqual([null, '2025-03-05', '2025-04-20', '2025-04-10']);
    expect(parseFilters(new URLSearchParams('period=2025-03&from=2025-03-05&to=2025-04-20')).from).toBeNull();
    expect(parseFilters(new URLSearchParams('from=2025-04-20&to=2025-03-05')).from).toBeNull();
    expect(parseFilters(new URLSearchParams('from=2025-02-30&to=2025-03-05')).from).toBeNull();
    expect(parseFilters(new URLSearchParams('from=2025-02-01')).from).toBeNull();
    expect(parseFilters(new URLSearchParams('asOf=2025-13-01')).asOf).toBeNull();
  });

  it('writes a range without a period and round-trips it', () => {
    const f = { ...emptyFilters(), from: '2025-03-05', to: '2025-04-20', asOf: '2025-04-30' };
    expect(writeFilters(new URLSearchParams(), f).toString()).toBe('from=2025-03-05&to=2025-04-20&asOf=2025-04-30');
    expect(parseFilters(writeFilters(new URLSearchParams(), f))).toEqual(f);
    const both = { ...f, period: '2025-Q1' };
    expect(writeFilters(new URLSearchParams(), both).toString()).toBe('period=2025-Q1&asOf=2025-04-30');
  });
});

describe('writeFilters', () => {
  it('replaces filter keys and keeps the others', () => {
    const params = new URLSearchParams('tab=table&team=old&period=2024-01');
    const f = { ...emptyFilters(), period: '2025-03', team: ['A', 'B'] };
    expect(writeFilters(params, f).toString()).toBe('tab=table&period=2025-03&team=A&team=B');
  });

  it('round-trips through the URL', () => {
    const f = { ...emptyFilters(), period: '2025-03', compare: 'previous' as const, category: ['办公', '耗材'] };
    expect(parseFilters(writeFilters(new URLSearchParams(), f))).toEqual(f);
  });
});

describe('filtersToQuery', () => {
  it('is empty for the defaults and can pick keys', () => {
    expect(filtersToQuery(emptyFilters()).toString()).toBe('');
    expect(isDefault(emptyFilters())).toBe(true);
    const f = { ...emptyFilters(), period: '2025-03', team: ['A'] };
    expect(filtersToQuery(f, ['team']).toString()).toBe('team=A');
    expect(isDefault(f)).toBe(false);
  });
});
