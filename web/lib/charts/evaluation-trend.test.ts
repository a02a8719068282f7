// The evaluation trend option: revenue bars on the money axis, the rep's attainment and the team
// median on the percentage axis, gaps kept, the tooltip built from the hovered month.
import { describe, expect, it } from 'vitest';
import { evaluationTrendOption, evaluationTrendTooltip, hasEvaluationTrend, type EvaluationTrendRow, type EvaluationTrendText } from './evaluation-trend';

const text: EvaluationTrendText = {
  revenue: 'Revenue',
  target: 'Target',
  attainment: 'Attainment',
  teamMedian: 'Team median',
  monthShort: (m) => `s:${m}`,
  month: (m) => `m:${m}`,
  money: (v) => (v === null ? '-' : `¥${v}`),
  moneyAxis: (v) => `a:${v}`,
  percent: (v) => (v === null ? '-' : `${Math.round(v * 100)}%`),
};

const rows: EvaluationTrendRow[] = [
  { month: '2025-11', revenue: 900, target: 1000, attainment: 0.9, teamMedianAttainment: 1.1 },
  { month: '2025-12', revenue: 300, target: null, attainment: null, teamMedianAttainment: 0.5 },
];

type Series = { name: string; type: string; data: (number | null)[]; yAxisIndex?: number };

describe('evaluationTrendOption', () => {
  const option = evaluationTrendOption(rows, text);
  const series = option.series as Series[];

  it('draws revenue as bars and both attainments as lines on the second axis', () => {
    expect(series.map((s) => [s.name, s.type, s.yAxisIndex ?? 0])).toEqual([
      ['Revenue', 'bar', 0],
      ['Attainment', 'line', 1],
      ['Team median', 'line', 1],
    ]);
    expect(series[0]!.data).toEqual([900, 300]);
    expect(series[1]!.data).toEqual([0.9, null]);
    expect(series[2]!.data).toEqual([1.1, 0.5]);
    expect((option.xAxis as { data: string[] }).data).toEqual(['2025-11', '2025-12']);
  });

  it('names the month, revenue, target and both attainments in the tooltip', () => {
    const tooltip = option.tooltip as { formatter: (p: unknown) => string };
    const html = tooltip.formatter([{ dataIndex: 0 }]);
    expect(html).toBe(evaluationTrendTooltip(rows[0]!, text));
    for (const part of ['m:2025-11', '¥900', '¥1000', '90%', '110%']) expect(html).toContain(part);
    expect(tooltip.formatter([{ dataIndex: 7 }])).toBe('');
  });
});

describe('hasEvaluationTrend', () => {
  it('is false only when nothing can be drawn', () => {
    expect(hasEvaluationTrend(rows)).toBe(true);
    expect(hasEvaluationTrend([])).toBe(false);
    expect(hasEvaluationTrend([{ month: '2025-01', revenue: 0, target: null, attainment: null, teamMedianAttainment: null }])).toBe(false);
  });
});
