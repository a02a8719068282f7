// The customer list's URL parameters: defaults, malformed values dropped, round trips, API query.
import { describe, expect, it } from 'vitest';
import { emptyFilters } from '$lib/filters/filters';
import { customerApiQuery, DEFAULT_LIST, parseListParams, writeListParams } from './customer-query';

describe('parseListParams', () => {
  it('reads search, tier, sort, order and page', () => {
    expect(parseListParams(new URLSearchParams('q= 华东 &tier=key&sort=lastVisit&order=asc&page=3'))).toEqual({
      search: '华东',
      tier: 'key',
      sort: 'lastVisit',
      order: 'asc',
      page: 3,
    });
  });

  it('falls back to the defaults for missing or malformed values', () => {
    expect(parseListParams(new URLSearchParams('tier=gold&sort=secret&order=up&page=0'))).toEqual(DEFAULT_LIST);
    expect(parseListParams(new URLSearchParams('page=2.5')).page).toBe(1);
  });

  it('sorts a text column A→Z when no order is given', () => {
    expect(parseListParams(new URLSearchParams('sort=name')).order).toBe('asc');
    expect(parseListParams(new URLSearchParams('sort=lastPurchase')).order).toBe('desc');
  });
});

describe('writeListParams', () => {
  it('leaves defaults out of the URL and keeps other keys', () => {
    expect(writeListParams(new URLSearchParams('team=A&page=4'), DEFAULT_LIST).toString()).toBe('team=A');
    const list = { ...DEFAULT_LIST, search: 'acme', sort: 'name' as const, order: 'asc' as const, page: 2 };
    const written = writeListParams(new URLSearchParams(), list);
    expect(written.toString()).toBe('q=acme&sort=name&order=asc&page=2');
    expect(parseListParams(written)).toEqual(list);
  });
});

describe('customerApiQuery', () => {
  it('sends the dimension filters but not the period, with the list parameters', () => {
    const filters = { ...emptyFilters(), period: '2025-03', team: ['华东一组'] };
    const query = customerApiQuery(filters, { ...DEFAULT_LIST, tier: 'key', page: 2 }, 25);
    expect(query.toString()).toBe(
      new URLSearchParams([
        ['team', '华东一组'],
        ['tier', 'key'],
        ['sort', 'revenue12m'],
        ['order', 'desc'],
        ['page', '2'],
        ['pageSize', '25'],
      ]).toString(),
    );
  });
});
