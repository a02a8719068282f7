// Gathers everything a review pack shows by calling the very query functions behind the KPI routes
// (overview, attainment, rankings, retention, visits, evaluation) with the same filters and scope.
import { metricDefinitions, type MetricDefinition } from '../queries/definitions.ts';
import { attainment, type AttainmentAnswer } from '../queries/attainment.ts';
import { evaluationBundle, scoreProvider, type EvaluationAnswer, type EvaluationDeps } from '../queries/evaluation.ts';
import type { Lang } from '../queries/filters.ts';
import { overview, type OverviewAnswer } from '../queries/overview.ts';
import { rankings, type RankingAnswer } from '../queries/rankings.ts';
import { retentionCustomers, retentionReport, type RetentionAnswer, type RetentionListAnswer } from '../queries/retention.ts';
import { visitsReport, type VisitRow, type VisitsAnswer } from '../queries/visits.ts';
import { fill, messages } from './messages.ts';
import type { PackSource } from './source.ts';
import { buildStamp, type Stamp } from './stamp.ts';

export interface TeamData {
  overview: OverviewAnswer;
  attainment: AttainmentAnswer;
  rankings: RankingAnswer;
  /** Rankings by evaluation score, as the rankings route answers metric=score. */
  scoreRankings: RankingAnswer;
  retention: RetentionAnswer;
  atRisk: RetentionListAnswer;
  visits: VisitsAnswer;
}

export interface RepData {
  evaluation: EvaluationAnswer;
  /** The rep's row of the visits table for the same filters (null: none). */
  visits: VisitRow | null;
}

export interface PackData {
  lang: Lang;
  currency: string;
  stamp: Stamp;
  /** Null for a one-rep pack: its evaluation is the whole pack. */
  team: TeamData | null;
  /** The reps that get a section, in section order. */
  repIds: string[];
  definitions: MetricDefinition[];
  /** A rep's name as of the period (the id when unknown; empty for none). */
  nameOf(repId: string | null): string;
}

export interface PackMeta {
  generatedBy: string;
  generatedAt?: Date;
}

/** A one-rep pack: exactly one rep filter and no team filter. */
export function isRepPack(src: PackSource): boolean {
  return src.filters.dims.reps.length === 1 && src.filters.dims.teams.length === 0;
}

async function teamData(src: PackSource): Promise<TeamData> {
  const { db, filters: f, scope, calendar } = src;
  const revenueBook = await src.targets('revenue');
  const visitBook = await src.targets('visits');
  return {
    overview: await src.cached('pack.overview', null, () => db.read((c) => overview(c, f, scope, revenueBook, calendar))),
    attainment: await src.cached('pack.attainment', ['rep', 'revenue'], () =>
      db.read((c) => attainment(c, f, scope, 'rep', 'revenue', revenueBook, calendar)),
    ),
    rankings: await src.cached('pack.rankings', ['revenue'], () =>
      db.read((c) => rankings({ conn: c, filters: f, scope, metric: 'revenue', book: revenueBook })),
    ),
    scoreRankings: await src.cached('pack.rankings', ['score'], async () => {
      const deps = await evaluationDeps(src);
      return db.read((c) => rankings({ conn: c, filters: f, scope, metric: 'score', book: revenueBook, provider: scoreProvider(c, f, scope, deps) }));
    }),
    retention: await src.cached('pack.retention', ['logo'], () => db.read((c) => retentionReport(c, f, scope, 'logo'))),
    atRisk: await src.cached('pack.at_risk', ['at_risk'], () => db.read((c) => retentionCustomers(c, f, scope, { kind: 'at_risk' }))),
    visits: await src.cached('pack.visits', null, () => db.read((c) => visitsReport(c, f, scope, visitBook))),
  };
}

/** Rep sections in team order, then by name. */
function sectionOrder(team: TeamData, teamOf: (id: string) => string | null): string[] {
  const named = team.attainment.rows.map((r) => ({ id: r.key, name: r.name, team: teamOf(r.key) ?? '\uffff' }));
  named.sort((a, b) => a.team.localeCompare(b.team, 'zh-CN') || a.name.localeCompare(b.name, 'zh-CN') || a.id.localeCompare(b.id));
  return named.filter((r) => r.id !== '').map((r) => r.id);
}

/** The whole pack's data except the rep sections, which repData() loads one at a time. */
export async function collectPack(src: PackSource, meta: PackMeta): Promise<PackData> {
  const f = src.filters;
  const m = messages(f.lang);
  const book = await src.targets('revenue');
  const date = f.current.effectiveEnd < f.current.start ? f.current.start : f.current.effectiveEnd;
  const describe = (id: string) => book.describe(id, date);
  const team = isRepPack(src) ? null : await teamData(src);
  const repIds = team ? sectionOrder(team, (id) => describe(id)?.team ?? null) : [...f.dims.reps];

  let scopeLabel: string;
  const names = (ids: string[]) => ids.map((id) => describe(id)?.name ?? id).join(f.lang === 'zh' ? '、' : ', ');
  if (f.dims.reps.length > 0) scopeLabel = fill(f.dims.reps.length === 1 ? m.repScope : m.repsScope, { name: names(f.dims.reps), names: names(f.dims.reps) });
  else if (f.dims.teams.length > 0) scopeLabel = fill(m.teamScope, { name: f.dims.teams.join(f.lang === 'zh' ? '、' : ', ') });
  else if (src.scope.all) scopeLabel = m.department;
  else {
    const teams = [...new Set(book.repsInView(f.dims, src.scope, date).map((id) => describe(id)?.team).filter((t): t is string => !!t))].sort();
    scopeLabel = fill(m.teamsInScope, { names: teams.join(f.lang === 'zh' ? '、' : ', ') });
  }

  return {
    lang: f.lang,
    currency: src.settings.reportingCurrency,
    stamp: buildStamp({ filters: f, dataVersion: src.dataVersion, scopeLabel, generatedBy: meta.generatedBy, generatedAt: meta.generatedAt ?? new Date(), describe }),
    team,
    repIds,
    definitions: metricDefinitions(),
    nameOf: (id) => (id === null ? '' : (describe(id)?.name ?? id)),
  };
}

async function evaluationDeps(src: PackSource): Promise<EvaluationDeps> {
  return {
    weights: src.settings.evaluationWeights,
    books: { revenue: await src.targets('revenue'), new_customers: await src.targets('new_customers'), visits: await src.targets('visits') },
  };
}

/** One rep's section: the evaluation the API answers for the same filters, and their visits row. */
export async function repData(src: PackSource, pack: PackData, repId: string): Promise<RepData> {
  const deps = await evaluationDeps(src);
  const evaluation = await src.cached('pack.evaluation', [repId], () => src.db.read((c) => evaluationBundle(c, src.filters, repId, deps)));
  let visits: VisitsAnswer;
  if (pack.team) visits = pack.team.visits;
  else {
    const book = await src.targets('visits');
    visits = await src.cached('pack.visits', null, () => src.db.read((c) => visitsReport(c, src.filters, src.scope, book)));
  }
  return { evaluation, visits: visits.rows.find((r) => r.repId === repId) ?? null };
}

/** fn over items, at most `limit` at a time, answers in input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** How many rep sections load at once (each holds one read connection). */
export const REP_CONCURRENCY = 2;

/** Every rep section's data, in pack.repIds order. */
export function allRepData(src: PackSource, pack: PackData): Promise<RepData[]> {
  return mapLimit(pack.repIds, REP_CONCURRENCY, (id) => repData(src, pack, id));
}
