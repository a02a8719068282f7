// Option builder for a rep's rank history: rank by revenue per month as a line whose axis runs
// downwards (1 at the top), months without a rank left as gaps. Pure.
import { PALETTE } from './theme';
import type { ChartOption } from './types';
import { hoveredIndex, isValue, tooltipTitle } from './evaluation-common';

export interface RankPoint {
  month: string;
  rank: number | null;
  of: number;
}

export interface EvaluationRankText {
  rank: string;
  monthShort(month: string): string;
  month(month: string): string;
  /** "4 of 36", or the words for no rank. */
  rankOf(rank: number | null, of: number): string;
}

export function hasRankHistory(points: readonly RankPoint[]): boolean {
  return points.some((p) => isValue(p.rank));
}

export function evaluationRankOption(points: readonly RankPoint[], text: EvaluationRankText): ChartOption {
  return {
    animationDuration: 400,
    grid: { left: 8, right: 28, top: 16, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      formatter: (params: unknown) => {
        const index = hoveredIndex(params);
        const point = index === null ? undefined : points[index];
        return point ? tooltipTitle(text.month(point.month)) + `<div>${text.rank}: <strong>${text.rankOf(point.rank, point.of)}</strong></div>` : '';
      },
    },
    xAxis: {
      type: 'category',
      data: points.map((p) => p.month),
      boundaryGap: false,
      axisLabel: { formatter: (m: string) => text.monthShort(m), hideOverlap: true },
    },
    // Rank 1 at the top; the bottom is left to ECharts' round numbers so labels never crowd.
    yAxis: { type: 'value', inverse: true, min: 1, minInterval: 1 },
    series: [
      {
        name: text.rank,
        type: 'line',
        data: points.map((p) => (isValue(p.rank) ? p.rank : null)),
        symbol: 'circle',
        symbolSize: 7,
        lineStyle: { color: PALETTE.revenue, width: 2 },
        itemStyle: { color: PALETTE.revenue },
        // Only the latest rank is written on the line; the others are in the tooltip and the table.
        endLabel: { show: true, fontSize: 12, fontWeight: 600, color: PALETTE.revenue },
      },
    ],
  };
}
