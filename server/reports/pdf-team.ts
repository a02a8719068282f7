// The team section of the PDF pack: headline KPIs, attainment by rep (chart and table), rankings by
// revenue and by evaluation score with movement, the retention heatmap with NRR and GRR, at-risk customers, visits and coverage.
import type { AttainmentRow } from '../queries/attainment.ts';
import type { ListedCustomer } from '../queries/at-risk.ts';
import type { TileName } from '../queries/overview.ts';
import type { RankedRow, RankingAnswer } from '../queries/rankings.ts';
import type { UncoveredAccount, VisitRow } from '../queries/visits.ts';
import { attainmentChart, retentionHeatmap } from './charts.ts';
import type { TeamData } from './data.ts';
import type { Formatter } from './format.ts';
import { fill, type Messages } from './messages.ts';
import { block, chart, h1, note, table, type Column, type Content } from './pdf-kit.ts';

const MONEY_TILES: ReadonlySet<TileName> = new Set(['revenue', 'target', 'projection', 'aov']);
const PERCENT_TILES: ReadonlySet<TileName> = new Set(['attainment', 'pace']);
const TILE_ORDER: TileName[] = ['revenue', 'target', 'attainment', 'pace', 'projection', 'orders', 'aov', 'activeCustomers', 'newCustomers', 'visits'];

export interface SectionContext {
  m: Messages;
  fmt: Formatter;
  nameOf(repId: string | null): string;
}

function tileValue(name: TileName, v: number | null, fmt: Formatter): string {
  if (MONEY_TILES.has(name)) return fmt.money(v);
  if (PERCENT_TILES.has(name)) return fmt.percent(v);
  return fmt.count(v);
}

function headline(team: TeamData, { m, fmt }: SectionContext): Content {
  const rows = TILE_ORDER.map((name) => ({ name, tile: team.overview.tiles[name] }));
  return table(
    [
      { header: m.metric, cell: (r) => m[r.name], width: '*' },
      { header: m.value, cell: (r) => tileValue(r.name, r.tile.value, fmt), align: 'right', width: 110 },
      { header: m.compareValue, cell: (r) => tileValue(r.name, r.tile.compare, fmt), align: 'right', width: 110 },
      { header: m.change, cell: (r) => fmt.change(r.tile.change), align: 'right', width: 60 },
    ],
    rows,
    m.noData,
  );
}

export function attainmentColumns({ m, fmt }: SectionContext): Array<Column<AttainmentRow>> {
  return [
    { header: m.name, cell: (r) => r.name, width: '*' },
    { header: m.actual, cell: (r) => fmt.money(r.actual), align: 'right' },
    { header: m.target, cell: (r) => fmt.money(r.target), align: 'right' },
    { header: m.attainment, cell: (r) => fmt.percent(r.attainment), align: 'right' },
    { header: m.expectedToDate, cell: (r) => fmt.money(r.expectedToDate), align: 'right' },
    { header: m.pace, cell: (r) => fmt.percent(r.pace), align: 'right' },
    { header: m.projection, cell: (r) => fmt.money(r.projection), align: 'right' },
    { header: m.gap, cell: (r) => fmt.money(r.gap), align: 'right' },
  ];
}

function rankingTable(ranking: RankingAnswer, { m, fmt }: SectionContext): Content[] {
  const score = ranking.metric === 'score';
  const out: Content[] = [
    table<RankedRow>(
      [
        { header: m.rank, cell: (r) => String(r.rank), align: 'right', width: 34 },
        { header: m.rankChange, cell: (r) => fmt.rankChange(r.rankChange), align: 'center', width: 50 },
        { header: m.name, cell: (r) => r.name, width: '*' },
        { header: m.team, cell: (r) => r.team ?? '', width: 90 },
        score
          ? { header: m.score, cell: (r) => fmt.number(r.value, 1), align: 'right', width: 100 }
          : { header: m.revenue, cell: (r) => fmt.money(r.value), align: 'right', width: 100 },
      ],
      ranking.rows,
      m.noData,
    ),
  ];
  if (ranking.unranked.length > 0) {
    out.push(note(`${m.unranked}: ${ranking.unranked.map((u) => u.name).join(fmt.lang === 'zh' ? '、' : ', ')}`));
  }
  return out;
}

function retention(team: TeamData, ctx: SectionContext): Content[] {
  const { m, fmt } = ctx;
  const r = team.retention;
  const heatmap = r.cohorts.length > 0 ? [note(m.retentionNote), chart(retentionHeatmap(r.cohorts, m))] : [note(m.noData)];
  return [
    block(m.retention, heatmap),
    block(m.rates, [
      table(
        [
          { header: m.nrr, cell: () => fmt.percent(r.nrr), align: 'right', width: '*' },
          { header: m.grr, cell: () => fmt.percent(r.grr), align: 'right', width: '*' },
          { header: m.churned, cell: () => fmt.count(r.churned), align: 'right', width: '*' },
          { header: m.atRisk, cell: () => fmt.count(r.atRisk), align: 'right', width: '*' },
        ],
        [r],
        m.noData,
      ),
    ]),
  ];
}

export function atRiskColumns({ m, fmt, nameOf }: SectionContext, withOwner: boolean): Array<Column<ListedCustomer>> {
  const cols: Array<Column<ListedCustomer>> = [{ header: m.customer, cell: (c) => c.name, width: 120 }];
  if (withOwner) cols.push({ header: m.owner, cell: (c) => nameOf(c.ownerRepId), width: 50 });
  cols.push(
    { header: m.lastPurchase, cell: (c) => c.lastPurchase ?? '', width: 50 },
    { header: m.revenue12m, cell: (c) => fmt.money(c.revenue), align: 'right', width: 62 },
    { header: m.reason, cell: (c) => c.reason, width: '*' },
  );
  return cols;
}

export function visitColumns({ m, fmt }: SectionContext, withName: boolean): Array<Column<VisitRow>> {
  const cols: Array<Column<VisitRow>> = withName ? [{ header: m.name, cell: (r) => r.name, width: '*' }] : [];
  cols.push(
    { header: m.visits, cell: (r) => fmt.count(r.visits), align: 'right' },
    ...(['visit', 'call', 'meeting', 'demo', 'other'] as const).map(
      (t): Column<VisitRow> => ({ header: m.visitTypes[t] ?? t, cell: (r) => fmt.count(r.byType[t]), align: 'right' }),
    ),
    { header: m.conversion, cell: (r) => fmt.percent(r.conversion), align: 'right' },
    { header: m.keyAccounts, cell: (r) => fmt.count(r.keyAccounts), align: 'right' },
    { header: m.keyAccountsCovered, cell: (r) => fmt.count(r.keyAccountsCovered), align: 'right' },
    { header: m.coverage, cell: (r) => fmt.percent(r.coverage), align: 'right' },
  );
  return cols;
}

/** Rows of the department's at-risk list in the PDF; the XLSX pack and the table export hold all. */
export const AT_RISK_PDF_ROWS = 100;

/** An at-risk list, cut to the `limit` customers with the most revenue at stake when longer (with a note saying so). */
export function atRiskList(rows: ListedCustomer[], ctx: SectionContext, limit: number, withOwner: boolean): Content[] {
  if (rows.length <= limit) return [table(atRiskColumns(ctx, withOwner), rows, ctx.m.noData)];
  const top = [...rows].sort((a, b) => b.revenue - a.revenue || a.customerId.localeCompare(b.customerId)).slice(0, limit);
  return [note(fill(ctx.m.topOfList, { shown: limit, total: rows.length })), table(atRiskColumns(ctx, withOwner), top, ctx.m.noData)];
}

export function teamSection(team: TeamData, title: string, ctx: SectionContext): Content[] {
  const { m } = ctx;
  const rows = team.attainment.rows;
  const shownAtRisk = Math.min(team.atRisk.rows.length, AT_RISK_PDF_ROWS);
  return [
    h1(`${m.teamSection} · ${title}`),
    block(m.headline, [headline(team, ctx)]),
    block(m.attainmentByRep, [rows.some((r) => r.attainment !== null) ? chart(attainmentChart(rows, m)) : '']),
    table(attainmentColumns(ctx), rows, m.noData),
    block(m.rankings, rankingTable(team.rankings, ctx), team.rankings.rows.length),
    block(m.rankingsScore, rankingTable(team.scoreRankings, ctx), team.scoreRankings.rows.length),
    ...retention(team, ctx),
    block(m.atRiskCustomers, atRiskList(team.atRisk.rows, ctx, AT_RISK_PDF_ROWS, true), shownAtRisk),
    block(m.visitsSection, [table(visitColumns(ctx, true), team.visits.rows, m.noData)], team.visits.rows.length),
    block(
      m.uncovered,
      [
        table<UncoveredAccount>(
          [
            { header: m.customer, cell: (u) => u.name, width: '*' },
            { header: m.customerId, cell: (u) => u.customerId, width: 80 },
            { header: m.owner, cell: (u) => ctx.nameOf(u.ownerRepId), width: 90 },
            { header: m.lastVisit, cell: (u) => u.lastVisit ?? '—', width: 70 },
          ],
          team.visits.uncovered,
          m.noData,
        ),
      ],
      team.visits.uncovered.length,
    ),
  ];
}
