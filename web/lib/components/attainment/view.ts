// The attainment page's own URL parameters (besides the filters): by rep/team/region, the target
// metric, and the table's sort. Unknown values fall back to the defaults.
import { ATTAINMENT_BY, TARGET_METRICS, type AttainmentBy, type AttainmentRow, type TargetMetric } from './types';

export const SORT_KEYS = ['name', 'actual', 'target', 'attainment', 'pace', 'projection', 'gap'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDir = 'asc' | 'desc';

export interface AttainmentSort {
  key: SortKey;
  dir: SortDir;
}

function pick<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

/** What the API is asked for (the load function reads only these, so sorting does not refetch). */
export function parseQueryView(params: URLSearchParams): { by: AttainmentBy; metric: TargetMetric } {
  return { by: pick(params.get('by'), ATTAINMENT_BY, 'rep'), metric: pick(params.get('metric'), TARGET_METRICS, 'revenue') };
}

export function parseSort(params: URLSearchParams): AttainmentSort {
  const key = pick(params.get('sort'), SORT_KEYS, 'attainment');
  return { key, dir: pick(params.get('dir'), ['asc', 'desc'] as const, key === 'name' ? 'asc' : 'desc') };
}

/** The sort after clicking `key`'s header: the other direction on the same column, else its natural one. */
export function nextSort(current: AttainmentSort, key: SortKey): AttainmentSort {
  if (current.key === key) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { key, dir: key === 'name' ? 'asc' : 'desc' };
}

/** Sorted copy; rows without a value go last in either direction, ties by name. */
export function sortRows(rows: readonly AttainmentRow[], sort: AttainmentSort): AttainmentRow[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  const byName = (a: AttainmentRow, b: AttainmentRow) => a.name.localeCompare(b.name, 'zh-CN') || a.key.localeCompare(b.key);
  return [...rows].sort((a, b) => {
    if (sort.key === 'name') return sign * byName(a, b);
    const x = a[sort.key];
    const y = b[sort.key];
    if (x === null && y === null) return byName(a, b);
    if (x === null) return 1;
    if (y === null) return -1;
    return sign * (x - y) || byName(a, b);
  });
}
