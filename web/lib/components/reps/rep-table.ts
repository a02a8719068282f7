// The rep list as the page shows it: the roster joined with this period's revenue attainment and
// evaluation score, then searched and sorted in the browser (the list is one team's or one
// company's reps, small enough to hold).
import type { AttainmentRow, RankingAnswer, RosterRep } from './types';

export interface RepRow extends RosterRep {
  revenue: number | null;
  target: number | null;
  attainment: number | null;
  score: number | null;
}

export const REP_SORT_KEYS = ['name', 'team', 'region', 'role', 'revenue', 'target', 'attainment', 'score'] as const;
export type RepSortKey = (typeof REP_SORT_KEYS)[number];
export type SortDir = 'asc' | 'desc';

export function joinReps(roster: readonly RosterRep[], attainment: readonly AttainmentRow[], scores: RankingAnswer | null): RepRow[] {
  const byRep = new Map(attainment.map((r) => [r.key, r]));
  const scoreOf = new Map((scores?.rows ?? []).map((r) => [r.repId, r.value]));
  return roster.map((rep) => {
    const a = byRep.get(rep.repId);
    return {
      ...rep,
      revenue: a?.actual ?? null,
      target: a?.target ?? null,
      attainment: a?.attainment ?? null,
      score: scoreOf.get(rep.repId) ?? null,
    };
  });
}

/** Reps whose name, id, team or region contains the search text (any case); former staff only when asked. */
export function filterReps(rows: readonly RepRow[], search: string, includeFormer: boolean): RepRow[] {
  const needle = search.trim().toLowerCase();
  return rows.filter((r) => {
    if (!includeFormer && !r.active) return false;
    if (!needle) return true;
    return [r.name, r.repId, r.team ?? '', r.region ?? ''].some((v) => v.toLowerCase().includes(needle));
  });
}

/**
 * Sorted by `key`; missing values always last (whatever the direction), ties by name. Text sorts
 * with `collator` (Chinese names by pinyin under zh).
 */
export function sortReps(rows: readonly RepRow[], key: RepSortKey, dir: SortDir, collator: Intl.Collator): RepRow[] {
  const sign = dir === 'asc' ? 1 : -1;
  const byName = (a: RepRow, b: RepRow) => collator.compare(a.name, b.name) || a.repId.localeCompare(b.repId);
  return [...rows].sort((a, b) => {
    const x = a[key];
    const y = b[key];
    const xMissing = x === null || x === undefined || x === '';
    const yMissing = y === null || y === undefined || y === '';
    if (xMissing || yMissing) return xMissing === yMissing ? byName(a, b) : xMissing ? 1 : -1;
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
    return order !== 0 ? sign * order : byName(a, b);
  });
}

const TEXT_KEYS: readonly RepSortKey[] = ['name', 'team', 'region', 'role'];

/** The direction a column sorts in when first chosen: text A→Z, figures largest first. */
export function defaultDir(key: RepSortKey): SortDir {
  return TEXT_KEYS.includes(key) ? 'asc' : 'desc';
}

/** Sorting by `key` after sorting by `sort`/`dir`: the same column flips, another starts at its default. */
export function nextSort(sort: RepSortKey, dir: SortDir, key: RepSortKey): { sort: RepSortKey; dir: SortDir } {
  return { sort: key, dir: key === sort ? (dir === 'asc' ? 'desc' : 'asc') : defaultDir(key) };
}

export function isRepSortKey(value: string | null): value is RepSortKey {
  return (REP_SORT_KEYS as readonly string[]).includes(value ?? '');
}
