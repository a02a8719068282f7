// The dashboard filters as they live in the URL's query string (interface.md "Pages"): parsing
// drops malformed values so a hand-edited link never turns into an API 400.
import type { Compare } from '../types';

export const LIST_KEYS = ['team', 'region', 'rep', 'category', 'channel'] as const;
export type ListKey = (typeof LIST_KEYS)[number];
export const FILTER_KEYS = ['period', 'from', 'to', 'compare', 'asOf', ...LIST_KEYS] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

export interface Filters {
  period: string | null;
  /** A custom range (inclusive YYYY-MM-DD dates); only when no period is set, and both together. */
  from: string | null;
  to: string | null;
  compare: Compare | null;
  /** Reads the data as of this date (YYYY-MM-DD) instead of the latest order date. */
  asOf: string | null;
  team: string[];
  region: string[];
  rep: string[];
  category: string[];
  channel: string[];
}

const PERIOD = /^\d{4}(?:-(?:0[1-9]|1[0-2])|-Q[1-4])?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const COMPARES: readonly Compare[] = ['previous', 'last_year', 'none'];
const MAX_VALUE_LENGTH = 100;

export function emptyFilters(): Filters {
  return { period: null, from: null, to: null, compare: null, asOf: null, team: [], region: [], rep: [], category: [], channel: [] };
}

/** A real calendar date written YYYY-MM-DD (2025-02-30 is not). */
export function isIsoDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function listValues(params: URLSearchParams, key: ListKey): string[] {
  const seen = new Set<string>();
  for (const raw of params.getAll(key)) {
    const value = raw.trim();
    if (value && value.length <= MAX_VALUE_LENGTH) seen.add(value);
  }
  return [...seen];
}

export function parseFilters(params: URLSearchParams): Filters {
  const period = params.get('period')?.trim() ?? '';
  const compare = params.get('compare')?.trim() ?? '';
  const filters = emptyFilters();
  filters.period = PERIOD.test(period) ? period : null;
  const from = params.get('from')?.trim() ?? '';
  const to = params.get('to')?.trim() ?? '';
  if (!filters.period && isIsoDate(from) && isIsoDate(to) && from <= to) {
    filters.from = from;
    filters.to = to;
  }
  const asOf = params.get('asOf')?.trim() ?? '';
  filters.asOf = isIsoDate(asOf) ? asOf : null;
  filters.compare = (COMPARES as readonly string[]).includes(compare) ? (compare as Compare) : null;
  for (const key of LIST_KEYS) filters[key] = listValues(params, key);
  return filters;
}

/** Writes `filters` into `params` (replacing every filter key, keeping all other keys) and returns it. */
export function writeFilters(params: URLSearchParams, filters: Filters): URLSearchParams {
  for (const key of FILTER_KEYS) params.delete(key);
  if (filters.period) params.set('period', filters.period);
  else if (filters.from && filters.to) {
    params.set('from', filters.from);
    params.set('to', filters.to);
  }
  if (filters.compare) params.set('compare', filters.compare);
  if (filters.asOf) params.set('asOf', filters.asOf);
  for (const key of LIST_KEYS) for (const value of filters[key]) params.append(key, value);
  return params;
}

/** The API query for the filters that are set (nothing for the defaults, so the server applies its own). */
export function filtersToQuery(filters: Filters, keys: readonly FilterKey[] = FILTER_KEYS): URLSearchParams {
  const picked = emptyFilters();
  for (const key of keys) {
    if (key === 'period') picked.period = filters.period;
    else if (key === 'from') picked.from = filters.from;
    else if (key === 'to') picked.to = filters.to;
    else if (key === 'compare') picked.compare = filters.compare;
    else if (key === 'asOf') picked.asOf = filters.asOf;
    else picked[key] = filters[key];
  }
  return writeFilters(new URLSearchParams(), picked);
}

export function isDefault(filters: Filters): boolean {
  return filtersToQuery(filters).toString() === '';
}
