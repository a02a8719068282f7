// One rep's section of the PDF pack: score and components, the 12-month attainment trend, rank
// history, top and at-risk customers, visits, and the manager's comment and rating.
import type { Component } from '../queries/evaluation.ts';
import { rankHistoryChart, trendChart } from './charts.ts';
import type { RepData } from './data.ts';
import type { Formatter } from './format.ts';
import { block, chart, h1, keyValues, note, table, type Content } from './pdf-kit.ts';
import { atRiskList, visitColumns, type SectionContext } from './pdf-team.ts';

/** At-risk customers listed in a rep's section (the XLSX pack lists all the evaluation holds). */
export const REP_AT_RISK_ROWS = 10;

type ComponentRow = Component & { teamMedian: number | null };

/** Actual and target of a component in its own unit: money, a count, or a share (coverage). */
function componentFigure(c: ComponentRow, v: number | null, fmt: Formatter): string {
  if (c.metric === 'revenue') return fmt.money(v);
  if (c.metric === 'key_account_coverage') return fmt.percent(v);
  return fmt.count(v);
}

function stars(rating: number | null): string {
  if (rating === null) return '—';
  return `${'★'.repeat(rating)}${'☆'.repeat(Math.max(0, 5 - rating))} (${rating}/5)`;
}

export function repSection(rep: RepData, ctx: SectionContext): Content[] {
  const { m, fmt } = ctx;
  const e = rep.evaluation;
  const id = fmt.lang === 'zh' ? `（${e.repId}）` : ` (${e.repId})`;
  const title = `${e.name}${id}${e.team ? ` · ${e.team}` : ''}`;
  const out: Content[] = [
    h1(`${m.repSection} · ${title}`),
    {
      columns: [
        { width: 120, stack: [{ text: m.score, fontSize: 9, color: '#495057' }, { text: e.score === null ? '—' : e.score.toFixed(1), style: 'big' }] },
        {
          width: '*',
          stack: [
            table<ComponentRow>(
              [
                { header: m.metric, cell: (c) => m.componentNames[c.metric] ?? c.metric, width: '*' },
                { header: m.weight, cell: (c) => fmt.number(c.weight, 0), align: 'right' },
                { header: m.actual, cell: (c) => componentFigure(c, c.actual, fmt), align: 'right' },
                { header: m.target, cell: (c) => componentFigure(c, c.target, fmt), align: 'right' },
                { header: m.attainment, cell: (c) => fmt.percent(c.attainment), align: 'right' },
                { header: m.teamMedian, cell: (c) => fmt.percent(c.teamMedian), align: 'right' },
              ],
              e.components,
              m.noData,
            ),
          ],
        },
      ],
      columnGap: 12,
    },
    block(m.trend, [chart(trendChart(e.trend, m))]),
    block(m.rankHistory, [chart(rankHistoryChart(e.rankHistory, m))]),
    block(
      m.topCustomers,
      [
        table(
          [
            { header: m.customer, cell: (c: RepData['evaluation']['topCustomers'][number]) => c.name, width: '*' },
            { header: m.customerId, cell: (c) => c.customerId, width: 80 },
            { header: m.revenue, cell: (c) => fmt.money(c.revenue), align: 'right', width: 90 },
            { header: m.share, cell: (c) => fmt.percent(c.share), align: 'right', width: 50 },
          ],
          e.topCustomers,
          m.noData,
        ),
      ],
      e.topCustomers.length,
    ),
    block(m.repAtRisk, atRiskList(e.atRisk, ctx, REP_AT_RISK_ROWS, false), Math.min(e.atRisk.length, REP_AT_RISK_ROWS)),
    block(m.repVisits, [rep.visits ? table(visitColumns(ctx, false), [rep.visits], m.noData) : note(m.noData)]),
    block(
      m.recentVisits,
      [
        table(
          [
            { header: m.at, cell: (v: RepData['evaluation']['recentVisits'][number]) => v.at.replace('T', ' ').slice(0, 16), width: 70 },
            { header: m.customer, cell: (v) => v.customerName, width: '*' },
            { header: m.type, cell: (v) => m.visitTypes[v.type] ?? v.type, width: 50 },
            { header: m.outcome, cell: (v) => v.outcome ?? '', width: 140 },
          ],
          e.recentVisits,
          m.noData,
        ),
      ],
      e.recentVisits.length,
    ),
    block(
      m.review,
      e.review
        ? [
            keyValues(
              [
                { label: m.rating, value: stars(e.review.rating) },
                { label: m.comment, value: e.review.comment ?? '—' },
                { label: m.reviewedBy, value: e.review.by },
                { label: m.reviewedAt, value: fmt.dateTime(e.review.at) },
              ],
              8.5,
            ),
          ]
        : [note(m.noReview)],
      // A long comment may run over a page: count its lines as rows.
      Math.ceil((e.review?.comment?.length ?? 0) / 40),
    ),
  ];
  return out;
}
