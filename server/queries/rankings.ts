// Rankings of salespeople (metrics.md "rank"): standard competition ranking, descending, of the
// reps and account managers active in the period that have a value; the others listed unranked;
// ties in name order; rank change = rank in the comparison period − rank now.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Role, Scope } from '../auth/types.ts';
import { actuals, actualsMany, type BaseMetric } from './actuals.ts';
import { activeSalespeople } from './attainment.ts';
import { actualRange, type PeriodRange, type ResolvedFilters } from './filters.ts';
import { cents, change, ratio, round } from './numbers.ts';
import { lastYearRange, minDate, previousRange } from './periods.ts';
import type { TargetBook } from './targets.ts';

export const RANKING_METRICS = ['revenue', 'attainment', 'growth', 'new_customers', 'visits', 'conversion', 'score'] as const;
export type RankingMetric = (typeof RANKING_METRICS)[number];

/** Per-rep values of a metric computed elsewhere (visit conversion, evaluation score): null = no value. */
export type RepValueProvider = (range: PeriodRange, repIds: string[]) => Promise<Map<string, number | null>>;

export interface RankedRow {
  rank: number;
  rankChange: number | null;
  repId: string;
  name: string;
  team: string | null;
  value: number;
}

export interface UnrankedRow {
  repId: string;
  name: string;
  team: string | null;
}

export interface RankingAnswer {
  asOf: string;
  metric: RankingMetric;
  rows: RankedRow[];
  unranked: UnrankedRow[];
}

export interface RankingInput {
  conn: DuckDBConnection;
  filters: ResolvedFilters;
  scope: Scope;
  metric: RankingMetric;
  /** Revenue targets (attainment). */
  book: TargetBook;
  /** For conversion and score. */
  provider?: RepValueProvider;
}

interface Entry {
  repId: string;
  name: string;
  team: string | null;
  value: number | null;
}

const COUNTED: Partial<Record<RankingMetric, BaseMetric>> = { revenue: 'revenue', new_customers: 'new_customers', visits: 'visits' };

/** The comparison a growth figure is measured against: the filters' comparison kind, previous when none. */
function baseOf(range: PeriodRange, f: ResolvedFilters): PeriodRange {
  const r = f.compareMode === 'last_year' ? lastYearRange(range, f.fiscalYearStartMonth) : previousRange(range, f.fiscalYearStartMonth);
  return { ...r, effectiveEnd: minDate(r.end, f.asOf) };
}

async function revenueByRep(input: RankingInput, range: PeriodRange): Promise<Map<string, number>> {
  const f = input.filters;
  return actuals(input.conn, { metric: 'revenue', range: actualRange(range), dims: f.dims, scope: input.scope, groupBy: 'rep', dataEnd: f.dataEnd });
}

async function entriesFor(input: RankingInput, range: PeriodRange): Promise<Entry[]> {
  const { conn, filters: f, scope, book, metric } = input;
  const date = range.effectiveEnd < range.start ? range.start : range.effectiveEnd;
  const people = activeSalespeople(book, f, scope, { start: range.start, end: date });
  let values: Map<string, number | null>;
  const counted = COUNTED[metric];
  if (counted) {
    const found = await actuals(conn, { metric: counted, range: actualRange(range), dims: f.dims, scope, groupBy: 'rep', dataEnd: f.dataEnd });
    values = new Map(people.map((r) => [r, found.get(r) ?? 0]));
  } else if (metric === 'attainment') {
    const revenue = await revenueByRep(input, range);
    const hasTargets = f.dims.categories.length === 0 && f.dims.channels.length === 0;
    values = new Map(people.map((r) => [r, hasTargets ? ratio(revenue.get(r) ?? 0, book.rep(r, range)) : null]));
  } else if (metric === 'growth') {
    const revenueIn = (r: PeriodRange) => ({ metric: 'revenue' as const, range: actualRange(r), dims: f.dims, scope, groupBy: 'rep' as const, dataEnd: f.dataEnd });
    const [now, before] = (await actualsMany(conn, [revenueIn(range), revenueIn(baseOf(range, f))])) as [Map<string, number>, Map<string, number>];
    values = new Map(people.map((r) => [r, change(now.get(r) ?? 0, before.get(r) ?? 0)]));
  } else {
    if (!input.provider) throw new Error(`No value provider for ${metric}.`);
    values = await input.provider(range, people);
  }
  return people.map((repId) => {
    const row = book.describe(repId, date);
    return { repId, name: row?.name ?? repId, team: row?.team ?? null, value: values.get(repId) ?? null };
  });
}

/** Values compared for ties: money to the cent, fractions to 9 places (float noise is not a difference). */
function tieValue(metric: RankingMetric, v: number): number {
  return metric === 'revenue' ? cents(v) : round(v, 9)!;
}

// One collator for every comparison: localeCompare with a locale builds one per call.
const zhCollator = new Intl.Collator('zh-CN');

const byName = (a: { name: string; repId: string }, b: { name: string; repId: string }) =>
  zhCollator.compare(a.name, b.name) || a.repId.localeCompare(b.repId);

/** Standard competition ranking (1, 2, 2, 4) of the entries with a value; ties in name order. */
export function rank(metric: RankingMetric, entries: Entry[]): { ranked: Array<Entry & { rank: number; value: number }>; unranked: Entry[] } {
  const valued = entries
    .filter((e): e is Entry & { value: number } => e.value !== null && Number.isFinite(e.value))
    .map((e) => ({ ...e, tie: tieValue(metric, e.value) }));
  valued.sort((a, b) => b.tie - a.tie || byName(a, b));
  // A tie takes the rank of the first entry with its value (sorted, so the previous one's when equal).
  const ranked: Array<Entry & { rank: number; value: number }> = [];
  valued.forEach(({ tie, ...rest }, i) => {
    const rankOf = i > 0 && valued[i - 1]!.tie === tie ? ranked[i - 1]!.rank : i + 1;
    ranked.push({ ...rest, rank: rankOf });
  });
  const unranked = entries.filter((e) => e.value === null || !Number.isFinite(e.value)).sort(byName);
  return { ranked, unranked };
}

function outValue(metric: RankingMetric, v: number): number {
  if (metric === 'revenue') return cents(v);
  if (metric === 'new_customers' || metric === 'visits') return v;
  return round(v)!;
}

/**
 * Reps and account managers see the whole leaderboard a manager would see (GET /api/kpi/rankings),
 * not only their own row, but only names, teams and ranks of the others: their values are withheld
 * except attainment (metrics.md "rank_visibility"). Other routes keep the caller's scope.
 */
export const LEADERBOARD_ROLES: readonly Role[] = ['rep', 'account_manager'];

export interface LeaderboardRow extends Omit<RankedRow, 'value'> {
  /** Null for the other salespeople unless the metric is attainment. */
  value: number | null;
}

export interface LeaderboardAnswer extends Omit<RankingAnswer, 'rows'> {
  rows: LeaderboardRow[];
}

/** The leaderboard as `ownRepId` may see it: their own row whole, the others' values kept only for attainment. */
export function leaderboardView(answer: RankingAnswer, ownRepId: string): LeaderboardAnswer {
  const keepsValues = answer.metric === 'attainment';
  return { ...answer, rows: answer.rows.map((row) => (keepsValues || row.repId === ownRepId ? row : { ...row, value: null })) };
}

export async function rankings(input: RankingInput): Promise<RankingAnswer> {
  const f = input.filters;
  const now = rank(input.metric, await entriesFor(input, f.current));
  const before = f.compare ? rank(input.metric, await entriesFor(input, f.compare)) : null;
  const previousRank = new Map(before?.ranked.map((e) => [e.repId, e.rank]) ?? []);
  return {
    asOf: f.asOf,
    metric: input.metric,
    rows: now.ranked.map((e) => {
      const then = previousRank.get(e.repId);
      return { rank: e.rank, rankChange: then === undefined ? null : then - e.rank, repId: e.repId, name: e.name, team: e.team, value: outValue(input.metric, e.value) };
    }),
    unranked: now.unranked.map(({ repId, name, team }) => ({ repId, name, team })),
  };
}
