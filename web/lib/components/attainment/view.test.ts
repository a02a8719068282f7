// The attainment page's URL parameters and its table sort.
import { describe, expect, it } from 'vitest';
import type { AttainmentRow } from './types';
import { nextSort, parseQueryView, parseSort, sortRows } from './view';

const row = (key: string, name: string, attainment: number | null, actual = 0): AttainmentRow => ({
  key,
  name,
  actual,
  target: attainment === null ? null : 100,
  attainment,
  expectedToDate: null,
  pace: null,
  projection: null,
  gap: null,
});

describe('view parameters', () => {
  it('reads by and metric with defaults for missing or unknown values', () => {
    expect(parseQueryView(new URLSearchParams(''))).toEqual({ by: 'rep', metric: 'revenue' });
    expect(parseQueryView(new URLSearchParams('by=team&metric=visits'))).toEqual({ by: 'team', metric: 'visits' });
    expect(parseQueryView(new URLSearchParams('by=city&metric=profit'))).toEqual({ by: 'rep', metric: 'revenue' });
  });

  it('sorts by attainment, highest first, unless told otherwise', () => {
    expect(parseSort(new URLSearchParams(''))).toEqual({ key: 'attainment', dir: 'desc' });
    expect(parseSort(new URLSearchParams('sort=name'))).toEqual({ key: 'name', dir: 'asc' });
    expect(parseSort(new URLSearchParams('sort=gap&dir=asc'))).toEqual({ key: 'gap', dir: 'asc' });
    expect(nextSort({ key: 'gap', dir: 'asc' }, 'gap')).toEqual({ key: 'gap', dir: 'desc' });
    expect(nextSort({ key: 'gap', dir: 'asc' }, 'actual')).toEqual({ key: 'actual', dir: 'desc' });
  });
});

describe('sortRows', () => {
  const rows = [row('E3', 'Chen', 0.5, 10), row('E1', 'An', null, 30), row('E2', 'Bo', 1.2, 20), row('E4', 'Du', 0.5, 5)];

  it('puts rows without a value last in both directions, ties in name order', () => {
    expect(sortRows(rows, { key: 'attainment', dir: 'desc' }).map((r) => r.key)).toEqual(['E2', 'E3', 'E4', 'E1']);
    expect(sortRows(rows, { key: 'attainment', dir: 'asc' }).map((r) => r.key)).toEqual(['E3', 'E4', 'E2', 'E1']);
  });

  it('sorts by name and by plain numbers', () => {
    expect(sortRows(rows, { key: 'name', dir: 'asc' }).map((r) => r.name)).toEqual(['An', 'Bo', 'Chen', 'Du']);
    expect(sortRows(rows, { key: 'actual', dir: 'desc' }).map((r) => r.actual)).toEqual([30, 20, 10, 5]);
    expect(rows.map((r) => r.key)).toEqual(['E3', 'E1', 'E2', 'E4']);
  });
});
