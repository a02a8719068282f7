// What the filter bar offers: reps (/api/reps), teams, regions, categories and channels found in
// the caller's facts (/api/filters/options), the as-of date and the fiscal year start
// (/api/settings). Cached per user and data version, so pages share one request.
import { api, type Fetch } from '$lib/api';

export interface RepChoice {
  repId: string;
  name: string;
  role: string;
  team: string | null;
  region: string | null;
  active: boolean;
}

/** One entry of a multi-select. */
export interface SelectOption {
  value: string;
  label: string;
  /** A second, quieter line: a rep's team, "left". */
  detail?: string;
}

export interface FilterChoices {
  asOf: string;
  fiscalYearStartMonth: number;
  reps: RepChoice[];
  teams: string[];
  regions: string[];
  categories: string[];
  channels: string[];
}

interface RepList {
  asOf: string;
  rows: RepChoice[];
}

interface Options {
  teams: string[];
  regions: string[];
  categories: string[];
  channels: string[];
}

/** Distinct non-blank values, sorted the way the server sorts them (by code point). */
export function mergeValues(...lists: readonly (readonly (string | null | undefined)[])[]): string[] {
  const seen = new Set<string>();
  for (const list of lists) for (const v of list) if (v && v.trim()) seen.add(v);
  return [...seen].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function buildChoices(reps: RepList, options: Options, fiscalYearStartMonth: number): FilterChoices {
  return {
    asOf: reps.asOf,
    fiscalYearStartMonth,
    reps: [...reps.rows].sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name, 'zh-CN')),
    teams: mergeValues(options.teams, reps.rows.map((r) => r.team)),
    regions: mergeValues(options.regions, reps.rows.map((r) => r.region)),
    categories: options.categories,
    channels: options.channels,
  };
}

const cache = new Map<string, Promise<FilterChoices>>();

/** The choices for `key` (user and data version); a failed load is forgotten so the next call retries. */
export function loadFilterChoices(key: string, fetch?: Fetch): Promise<FilterChoices> {
  let pending = cache.get(key);
  if (!pending) {
    cache.clear();
    pending = Promise.all([
      api.get<RepList>('/api/reps', { fetch }),
      api.get<Options>('/api/filters/options', { fetch }),
      api.get<{ fiscalYearStartMonth: number }>('/api/settings', { fetch }),
    ]).then(([reps, options, settings]) => buildChoices(reps, options, settings.fiscalYearStartMonth));
    pending.catch(() => cache.delete(key));
    cache.set(key, pending);
  }
  return pending;
}

/** A rep's name by id, or the id itself when the roster does not know it. */
export function repNamer(choices: FilterChoices | null): (repId: string | null) => string {
  const names = new Map((choices?.reps ?? []).map((r) => [r.repId, r.name]));
  return (repId) => (repId ? (names.get(repId) ?? repId) : '—');
}
