// The revenue vs target option: one bar and two line series aligned on the months, attainment on
// the second axis, gaps kept as gaps, and the tooltip built from the row under the pointer.
import { describe, expect, it } from 'vitest';
import type { TrendRow } from '../types';
import { hasTrendData, revenueTargetOption, revenueTargetTooltip, type RevenueTargetText } from './revenue-target';

const text: RevenueTargetText = {
  revenue: 'Revenue',
  target: 'Target',
  attainment: 'Attainment',
  monthShort: (m) => `s:${m}`,
  month: (m) => `m:${m}`,
  money: (v) => (v === null ? '-' : `¥${v}`),
  moneyAxis: (v) => `a:${v}`,
  percent: (v) => (v === null ? '-' : `${Math.round(v * 100)}%`),
};

const rows: TrendRow[] = [
  { month: '2025-01', revenue: 1200, target: 1000, attainment: 1.2 },
  { month: '2025-02', revenue: 450, target: null, attainment: null },
  { month: '2025-03', revenue: 0, target: 500, attainment: 0 },
];

type Series = { name: string; type: string; data: (number | null)[]; yAxisIndex?: number };

describe('revenueTargetOption', () => {
  const option = revenueTargetOption(rows, text);
  const series = option.series as Series[];

  it('puts the months on the category axis', () => {
    expect((option.xAxis as { data: string[] }).data).toEqual(['2025-01', '2025-02', '2025-03']);
  });

  it('draws revenue as bars, target and attainment as lines, attainment on the second axis', () => {
    expect(series.map((s) => [s.name, s.type, s.yAxisIndex ?? 0])).toEqual([
      ['Revenue', 'bar', 0],
      ['Target', 'line', 0],
      ['Attainment', 'line', 1],
    ]);
    expect(series[0]!.data).toEqual([1200, 450, 0]);
    expect(series[1]!.data).toEqual([1000, null, 500]);
    expect(series[2]!.data).toEqual([1.2, null, 0]);
  });

  it('formats axes with the given formatters', () => {
    const xAxis = option.xAxis as { axisLabel: { formatter: (m: string) => string } };
    const yAxis = option.yAxis as { axisLabel: { formatter: (v: number) => string } }[];
    expect(xAxis.axisLabel.formatter('2025-01')).toBe('s:2025-01');
    expect(yAxis[0]!.axisLabel.formatter(5000)).toBe('a:5000');
    expect(yAxis[1]!.axisLabel.formatter(0.5)).toBe('50%');
  });

  it('builds the tooltip from the hovered month', () => {
    const tooltip = option.tooltip as { formatter: (p: unknown) => string };
    const html = tooltip.formatter([{ dataIndex: 1 }]);
    expect(html).toContain('m:2025-02');
    expect(html).toContain('¥450');
    expect(html).toBe(revenueTargetTooltip(rows[1]!, text));
  });

  it('escapes text in the tooltip', () => {
    const html = revenueTargetTooltip(rows[0]!, { ...text, revenue: '<b>R&D</b>' });
    expect(html).toContain('&#60;b&#62;R&#38;D&#60;/b&#62;');
  });
});

describe('hasTrendData', () => {
  it('needs a non-zero revenue or target', () => {
    expect(hasTrendData(rows)).toBe(true);
    expect(hasTrendData([])).toBe(false);
    expect(hasTrendData([{ month: '2025-01', revenue: 0, target: null, attainment: null }])).toBe(false);
    expect(hasTrendData([{ month: '2025-01', revenue: null, target: 10, attainment: null }])).toBe(true);
  });
});
