// Option builder for the evaluation's components chart: each scored component's attainment beside
// its team median, as horizontal bars with a 100 % reference line. Pure.
import { PALETTE } from './theme';
import type { ChartOption } from './types';
import { hoveredIndex, isValue, tooltipLine, tooltipTitle, valueOrNull } from './evaluation-common';
import { TEAM_MEDIAN_COLOR } from './evaluation-trend';

export interface ComponentBar {
  /** Label of the component (already translated). */
  label: string;
  attainment: number | null;
  teamMedian: number | null;
}

export interface EvaluationComponentsText {
  rep: string;
  teamMedian: string;
  target: string;
  percent(value: number | null): string;
}

/** Components worth drawing: those with an attainment or a team median. */
export function chartableComponents(rows: readonly ComponentBar[]): ComponentBar[] {
  return rows.filter((r) => isValue(r.attainment) || isValue(r.teamMedian));
}

export function evaluationComponentsOption(rows: readonly ComponentBar[], text: EvaluationComponentsText): ChartOption {
  // Horizontal bars list categories bottom-up; reversing keeps the table's order top-down.
  const ordered = [...rows].reverse();
  return {
    animationDuration: 400,
    grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
    legend: { top: 0, left: 0, itemWidth: 14, itemHeight: 10, data: [text.rep, text.teamMedian] },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const index = hoveredIndex(params);
        const row = index === null ? undefined : ordered[index];
        if (!row) return '';
        return (
          tooltipTitle(row.label) +
          tooltipLine(PALETTE.attainment, text.rep, text.percent(row.attainment)) +
          tooltipLine(TEAM_MEDIAN_COLOR, text.teamMedian, text.percent(row.teamMedian))
        );
      },
    },
    xAxis: { type: 'value', min: 0, axisLabel: { formatter: (v: number) => text.percent(v) } },
    yAxis: { type: 'category', data: ordered.map((r) => r.label), axisLabel: { width: 120, overflow: 'truncate' } },
    series: [
      {
        name: text.rep,
        type: 'bar',
        data: ordered.map((r) => valueOrNull(r.attainment)),
        barMaxWidth: 14,
        itemStyle: { color: PALETTE.attainment, borderRadius: [0, 3, 3, 0] },
        markLine: {
          silent: true,
          symbol: 'none',
          label: { formatter: text.target, position: 'end', color: '#667085' },
          lineStyle: { color: '#98a2b3', type: 'dashed' },
          data: [{ xAxis: 1 }],
        },
      },
      {
        name: text.teamMedian,
        type: 'bar',
        data: ordered.map((r) => valueOrNull(r.teamMedian)),
        barMaxWidth: 14,
        itemStyle: { color: TEAM_MEDIAN_COLOR, borderRadius: [0, 3, 3, 0] },
      },
    ],
  };
}
