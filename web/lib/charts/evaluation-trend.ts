// Option builder for a rep's 12-month trend on the evaluation page: revenue bars, and the rep's
// revenue attainment against the team median attainment as lines on a percentage axis. Pure.
import { PALETTE } from './theme';
import type { ChartOption } from './types';
import { hoveredIndex, isValue, tooltipLine, tooltipTitle, valueOrNull } from './evaluation-common';

export interface EvaluationTrendRow {
  month: string;
  revenue: number;
  target: number | null;
  attainment: number | null;
  teamMedianAttainment: number | null;
}

export interface EvaluationTrendText {
  revenue: string;
  target: string;
  attainment: string;
  teamMedian: string;
  monthShort(month: string): string;
  month(month: string): string;
  money(value: number | null): string;
  moneyAxis(value: number): string;
  percent(value: number | null): string;
}

export const TEAM_MEDIAN_COLOR = '#f0a23b';

/** True when some month has revenue, a target or an attainment to draw. */
export function hasEvaluationTrend(rows: readonly EvaluationTrendRow[]): boolean {
  return rows.some((r) => (isValue(r.revenue) && r.revenue !== 0) || isValue(r.target) || isValue(r.teamMedianAttainment));
}

export function evaluationTrendTooltip(row: EvaluationTrendRow, text: EvaluationTrendText): string {
  return (
    tooltipTitle(text.month(row.month)) +
    tooltipLine(PALETTE.revenue, text.revenue, text.money(row.revenue)) +
    tooltipLine(PALETTE.target, text.target, text.money(row.target)) +
    tooltipLine(PALETTE.attainment, text.attainment, text.percent(row.attainment)) +
    tooltipLine(TEAM_MEDIAN_COLOR, text.teamMedian, text.percent(row.teamMedianAttainment), true)
  );
}

export function evaluationTrendOption(rows: readonly EvaluationTrendRow[], text: EvaluationTrendText): ChartOption {
  return {
    animationDuration: 400,
    grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
    legend: { top: 0, left: 0, itemWidth: 14, itemHeight: 10, data: [text.revenue, text.attainment, text.teamMedian] },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const index = hoveredIndex(params);
        const row = index === null ? undefined : rows[index];
        return row ? evaluationTrendTooltip(row, text) : '';
      },
    },
    xAxis: {
      type: 'category',
      data: rows.map((r) => r.month),
      axisLabel: { formatter: (m: string) => text.monthShort(m), hideOverlap: true },
    },
    yAxis: [
      { type: 'value', axisLabel: { formatter: (v: number) => text.moneyAxis(v) } },
      { type: 'value', min: 0, axisLabel: { formatter: (v: number) => text.percent(v) }, splitLine: { show: false } },
    ],
    series: [
      {
        name: text.revenue,
        type: 'bar',
        data: rows.map((r) => valueOrNull(r.revenue)),
        barMaxWidth: 24,
        itemStyle: { color: PALETTE.revenue, opacity: 0.8, borderRadius: [3, 3, 0, 0] },
      },
      {
        name: text.attainment,
        type: 'line',
        yAxisIndex: 1,
        data: rows.map((r) => valueOrNull(r.attainment)),
        symbol: 'circle',
        symbolSize: 6,
        lineStyle: { color: PALETTE.attainment, width: 2.5 },
        itemStyle: { color: PALETTE.attainment },
      },
      {
        name: text.teamMedian,
        type: 'line',
        yAxisIndex: 1,
        data: rows.map((r) => valueOrNull(r.teamMedianAttainment)),
        symbol: 'none',
        lineStyle: { color: TEAM_MEDIAN_COLOR, width: 2, type: 'dashed' },
        itemStyle: { color: TEAM_MEDIAN_COLOR },
      },
    ],
  };
}
