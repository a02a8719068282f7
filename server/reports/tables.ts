// The exported tables, each built from the answer of the query behind its dashboard table (so the
// file holds exactly what the API shows): used by the table exports and by the XLSX pack's sheets.
import type { ListedCustomer } from '../queries/at-risk.ts';
import type { AttainmentAnswer, AttainmentRow } from '../queries/attainment.ts';
import type { CustomerSummary } from '../queries/customers.ts';
import type { EvaluationAnswer } from '../queries/evaluation.ts';
import type { OrderLine } from '../queries/orders.ts';
import type { OverviewAnswer, TileName } from '../queries/overview.ts';
import type { RankingAnswer } from '../queries/rankings.ts';
import type { CohortRow, RetentionAnswer } from '../queries/retention.ts';
import type { TrendAnswer } from '../queries/trend.ts';
import type { UncoveredAccount, VisitRow, VisitsAnswer } from '../queries/visits.ts';
import type { MetricDefinition } from '../queries/definitions.ts';
import { fill, type Messages } from './messages.ts';
import type { StampLine } from './stamp.ts';
import { col, type CellKind, type TableSpec } from './table-spec.ts';

const MONEY_TILES: ReadonlySet<TileName> = new Set(['revenue', 'target', 'projection', 'aov']);
const PERCENT_TILES: ReadonlySet<TileName> = new Set(['attainment', 'pace']);

/** Cover sheet: the stamp as label–value rows. */
export function coverTable(m: Messages, title: string, lines: StampLine[]): TableSpec<StampLine> {
  return {
    sheet: m.sheetCover,
    columns: [col(title, 'text', (l) => l.label, 18), col('', 'text', (l) => l.value, 60)],
    rows: lines,
    plain: true,
  };
}

interface FigureRow {
  label: string;
  kind: CellKind;
  value: number | null;
  compare: number | null;
  change: number | null;
}

/** Headline KPIs with their comparison, plus NRR, GRR, churned and at-risk counts when given. */
export function overviewTable(m: Messages, o: OverviewAnswer, r?: RetentionAnswer): TableSpec<FigureRow> {
  const rows: FigureRow[] = (Object.keys(o.tiles) as TileName[]).map((name) => ({
    label: m[name],
    kind: MONEY_TILES.has(name) ? 'money' : PERCENT_TILES.has(name) ? 'percent' : 'int',
    ...o.tiles[name],
  }));
  if (r) {
    rows.push(
      { label: m.nrr, kind: 'percent', value: r.nrr, compare: null, change: null },
      { label: m.grr, kind: 'percent', value: r.grr, compare: null, change: null },
      { label: m.churned, kind: 'int', value: r.churned, compare: null, change: null },
      { label: m.atRisk, kind: 'int', value: r.atRisk, compare: null, change: null },
    );
  }
  return {
    sheet: m.sheetOverview,
    columns: [
      col(m.metric, 'text', (x) => x.label, 22),
      { ...col(m.value, 'number', (x: FigureRow) => x.value, 18), rowKind: (x) => x.kind },
      { ...col(m.compareValue, 'number', (x: FigureRow) => x.compare, 18), rowKind: (x) => x.kind },
      col(m.change, 'percent', (x) => x.change, 10),
    ],
    rows,
  };
}

export function attainmentTable(m: Messages, a: AttainmentAnswer, by: 'rep' | 'team' | 'region' = 'rep', money = true): TableSpec<AttainmentRow> {
  const amount: CellKind = money ? 'money' : 'number';
  const keyHeader = by === 'rep' ? m.repId : by === 'team' ? m.team : m.region;
  return {
    sheet: m.sheetAttainment,
    columns: [
      ...(by === 'rep' ? [col<AttainmentRow>(keyHeader, 'text', (r) => r.key, 10), col<AttainmentRow>(m.name, 'text', (r) => r.name, 14)] : [col<AttainmentRow>(keyHeader, 'text', (r) => r.name, 14)]),
      col(m.actual, amount, (r) => r.actual, 16),
      col(m.target, amount, (r) => r.target, 16),
      col(m.attainment, 'percent', (r) => r.attainment, 10),
      col(m.expectedToDate, amount, (r) => r.expectedToDate, 16),
      col(m.pace, 'percent', (r) => r.pace, 10),
      col(m.projection, amount, (r) => r.projection, 16),
      col(m.gap, amount, (r) => r.gap, 16),
    ],
    rows: a.rows,
  };
}

interface RankRow {
  rank: number | null;
  rankChange: number | null;
  repId: string;
  name: string;
  team: string | null;
  value: number | null;
}

const RANK_KIND: Record<string, CellKind> = { revenue: 'money', attainment: 'percent', growth: 'percent', conversion: 'percent', new_customers: 'int', visits: 'int', score: 'number' };

export function rankingsTable(m: Messages, r: RankingAnswer): TableSpec<RankRow> {
  const rows: RankRow[] = [...r.rows, ...r.unranked.map((u) => ({ ...u, rank: null, rankChange: null, value: null }))];
  const metricName: Record<string, string> = { revenue: m.revenue, attainment: m.attainment, growth: m.change, conversion: m.conversion, new_customers: m.newCustomers, visits: m.visits, score: m.score };
  return {
    sheet: m.sheetRankings,
    columns: [
      col(m.rank, 'int', (x) => x.rank, 8),
      col(m.rankChange, 'int', (x) => x.rankChange, 10),
      col(m.repId, 'text', (x) => x.repId, 10),
      col(m.name, 'text', (x) => x.name, 14),
      col(m.team, 'text', (x) => x.team, 14),
      col(metricName[r.metric] ?? r.metric, RANK_KIND[r.metric] ?? 'number', (x) => x.value, 16),
    ],
    rows,
  };
}

export function retentionTable(m: Messages, cohorts: CohortRow[]): TableSpec<CohortRow> {
  const span = Math.max(0, ...cohorts.map((c) => c.values.length));
  return {
    sheet: m.sheetRetention,
    columns: [
      col(m.cohort, 'text', (c) => c.cohort, 10),
      col(m.size, 'int', (c) => c.size, 8),
      ...Array.from({ length: span }, (_, k) => col<CohortRow>(fill(m.k, { k }), 'percent', (c) => c.values[k] ?? null, 8)),
    ],
    rows: cohorts,
  };
}

export function customerListTable(m: Messages, rows: Iterable<ListedCustomer>, nameOf?: (id: string | null) => string): TableSpec<ListedCustomer> {
  return {
    sheet: m.sheetAtRisk,
    columns: [
      col(m.customerId, 'text', (c) => c.customerId, 12),
      col(m.customer, 'text', (c) => c.name, 28),
      col(m.tier, 'text', (c) => (c.tier ? (m.tiers[c.tier] ?? c.tier) : null), 10),
      col(m.ownerId, 'text', (c) => c.ownerRepId, 10),
      ...(nameOf ? [col<ListedCustomer>(m.owner, 'text', (c) => nameOf(c.ownerRepId), 12)] : []),
      col(m.lastPurchase, 'date', (c) => c.lastPurchase, 12),
      col(m.daysSince, 'int', (c) => c.daysSincePurchase, 10),
      col(m.purchases, 'int', (c) => c.purchases, 10),
      col(m.medianGap, 'number', (c) => c.medianGapDays, 12),
      col(m.lastVisit, 'date', (c) => c.lastVisit, 12),
      col(m.revenue, 'money', (c) => c.revenue, 16),
      col(m.reason, 'text', (c) => c.reason, 50),
    ],
    rows,
  };
}

const VISIT_TYPES = ['visit', 'call', 'meeting', 'demo', 'other'] as const;

export function visitsTable(m: Messages, v: VisitsAnswer): TableSpec<VisitRow> {
  return {
    sheet: m.sheetVisits,
    columns: [
      col(m.repId, 'text', (r) => r.repId, 10),
      col(m.name, 'text', (r) => r.name, 14),
      col(m.visits, 'int', (r) => r.visits, 10),
      ...VISIT_TYPES.map((t) => col<VisitRow>(m.visitTypes[t] ?? t, 'int', (r) => r.byType[t], 9)),
      col(m.conversion, 'percent', (r) => r.conversion, 12),
      col(m.keyAccounts, 'int', (r) => r.keyAccounts, 10),
      col(m.keyAccountsCovered, 'int', (r) => r.keyAccountsCovered, 10),
      col(m.coverage, 'percent', (r) => r.coverage, 10),
    ],
    rows: v.rows,
  };
}

export function uncoveredTable(m: Messages, v: VisitsAnswer, nameOf?: (id: string | null) => string): TableSpec<UncoveredAccount> {
  return {
    sheet: m.sheetUncovered,
    columns: [
      col(m.customerId, 'text', (u) => u.customerId, 12),
      col(m.customer, 'text', (u) => u.name, 28),
      col(m.ownerId, 'text', (u) => u.ownerRepId, 10),
      ...(nameOf ? [col<UncoveredAccount>(m.owner, 'text', (u) => nameOf(u.ownerRepId), 12)] : []),
      col(m.lastVisit, 'date', (u) => u.lastVisit, 12),
    ],
    rows: v.uncovered,
  };
}

export function trendTable(m: Messages, t: TrendAnswer): TableSpec<TrendAnswer['rows'][number]> {
  return {
    sheet: m.sheetTrend,
    columns: [
      col(m.month, 'text', (r) => r.month, 10),
      col(m.revenue, 'money', (r) => r.revenue, 16),
      col(m.target, 'money', (r) => r.target, 16),
      col(m.attainment, 'percent', (r) => r.attainment, 10),
    ],
    rows: t.rows,
  };
}

export function customersTable(m: Messages, rows: Iterable<CustomerSummary> | AsyncIterable<CustomerSummary>): TableSpec<CustomerSummary> {
  return {
    sheet: m.sheetCustomers,
    columns: [
      col(m.customerId, 'text', (c) => c.customerId, 12),
      col(m.customer, 'text', (c) => c.name, 28),
      col(m.tier, 'text', (c) => (c.tier ? (m.tiers[c.tier] ?? c.tier) : null), 10),
      col(m.segment, 'text', (c) => c.segment, 12),
      col(m.ownerId, 'text', (c) => c.ownerRepId, 10),
      col(m.owner, 'text', (c) => c.ownerName, 12),
      col(m.firstPurchase, 'date', (c) => c.firstPurchase, 12),
      col(m.lastPurchase, 'date', (c) => c.lastPurchase, 12),
      col(m.lastVisit, 'date', (c) => c.lastVisit, 12),
      col(m.revenue12m, 'money', (c) => c.revenue12m, 16),
    ],
    rows,
  };
}

export function ordersTable(m: Messages, rows: AsyncIterable<OrderLine>): TableSpec<OrderLine> {
  return {
    sheet: m.sheetOrders,
    columns: [
      col(m.orderId, 'text', (o) => o.orderId, 12),
      col(m.lineNo, 'int', (o) => o.lineNo, 6),
      col(m.orderDate, 'date', (o) => o.orderDate, 12),
      col(m.customerId, 'text', (o) => o.customerId, 12),
      col(m.customer, 'text', (o) => o.customerName, 28),
      col(m.repId, 'text', (o) => o.repId, 10),
      col(m.repName, 'text', (o) => o.repName, 12),
      col(m.team, 'text', (o) => o.team, 12),
      col(m.region, 'text', (o) => o.region, 8),
      col(m.sku, 'text', (o) => o.sku, 12),
      col(m.product, 'text', (o) => o.productName, 20),
      col(m.category, 'text', (o) => o.category, 10),
      col(m.channel, 'text', (o) => o.channel, 10),
      col(m.quantity, 'number', (o) => o.quantity, 8),
      col(m.unitPrice, 'money', (o) => o.unitPrice, 12),
      col(m.discount, 'percent', (o) => o.discount, 8),
      col(m.amount, 'money', (o) => o.amount, 14),
      col(m.status, 'text', (o) => m.statuses[o.status] ?? o.status, 8),
      col(m.originalOrderId, 'text', (o) => o.originalOrderId, 12),
    ],
    rows,
  };
}

interface ScoreRow {
  e: EvaluationAnswer;
}

/** One row per rep: score, each component's actual, target and attainment, and the review. */
export function scoresTable(m: Messages, evaluations: EvaluationAnswer[]): TableSpec<ScoreRow> {
  const metrics = ['revenue', 'new_customers', 'visits', 'key_account_coverage'] as const;
  const part = (e: EvaluationAnswer, metric: string) => e.components.find((c) => c.metric === metric);
  const unit = (metric: string): CellKind => (metric === 'revenue' ? 'money' : metric === 'key_account_coverage' ? 'percent' : 'int');
  return {
    sheet: m.sheetScores,
    columns: [
      col(m.repId, 'text', (r) => r.e.repId, 10),
      col(m.name, 'text', (r) => r.e.name, 14),
      col(m.team, 'text', (r) => r.e.team, 12),
      col(m.score, 'number', (r) => r.e.score, 10),
      ...metrics.flatMap((metric) => {
        const name = m.componentNames[metric] ?? metric;
        return [
          col<ScoreRow>(`${name} · ${m.actual}`, unit(metric), (r) => part(r.e, metric)?.actual ?? null, 14),
          col<ScoreRow>(`${name} · ${m.target}`, unit(metric), (r) => part(r.e, metric)?.target ?? null, 14),
          col<ScoreRow>(`${name} · ${m.attainment}`, 'percent', (r) => part(r.e, metric)?.attainment ?? null, 10),
        ];
      }),
      col(m.rating, 'int', (r) => r.e.review?.rating ?? null, 8),
      col(m.comment, 'text', (r) => r.e.review?.comment ?? null, 40),
    ],
    rows: evaluations.map((e) => ({ e })),
  };
}

interface RepMonth {
  e: EvaluationAnswer;
  i: number;
}

/** Per rep and month: revenue, target, attainment, the team median and the rank. */
export function repTrendTable(m: Messages, evaluations: EvaluationAnswer[]): TableSpec<RepMonth> {
  const t = (r: RepMonth) => r.e.trend[r.i]!;
  const rk = (r: RepMonth) => r.e.rankHistory[r.i];
  return {
    sheet: m.sheetTrend,
    columns: [
      col(m.repId, 'text', (r) => r.e.repId, 10),
      col(m.name, 'text', (r) => r.e.name, 14),
      col(m.month, 'text', (r) => t(r).month, 10),
      col(m.revenue, 'money', (r) => t(r).revenue, 16),
      col(m.target, 'money', (r) => t(r).target, 16),
      col(m.attainment, 'percent', (r) => t(r).attainment, 10),
      col(m.teamMedianLine, 'percent', (r) => t(r).teamMedianAttainment, 12),
      col(m.rank, 'int', (r) => rk(r)?.rank ?? null, 8),
      col(m.rankedCount, 'int', (r) => rk(r)?.of ?? null, 10),
    ],
    rows: evaluations.flatMap((e) => e.trend.map((_, i) => ({ e, i }))),
  };
}

interface RepCustomer {
  e: EvaluationAnswer;
  c: EvaluationAnswer['topCustomers'][number];
}

export function topCustomersTable(m: Messages, evaluations: EvaluationAnswer[]): TableSpec<RepCustomer> {
  return {
    sheet: m.topCustomers,
    columns: [
      col(m.repId, 'text', (r) => r.e.repId, 10),
      col(m.name, 'text', (r) => r.e.name, 14),
      col(m.customerId, 'text', (r) => r.c.customerId, 12),
      col(m.customer, 'text', (r) => r.c.name, 28),
      col(m.revenue, 'money', (r) => r.c.revenue, 16),
      col(m.share, 'percent', (r) => r.c.share, 10),
    ],
    rows: evaluations.flatMap((e) => e.topCustomers.map((c) => ({ e, c }))),
  };
}

export function definitionsTable(m: Messages, lang: 'zh' | 'en', defs: MetricDefinition[]): TableSpec<MetricDefinition> {
  return {
    sheet: m.sheetDefinitions,
    columns: [col('id', 'text', (d) => d.id, 20), col(m.metric, 'text', (d) => d.name[lang], 22), col(m.definition, 'text', (d) => d.definition[lang], 100)],
    rows: defs,
  };
}
