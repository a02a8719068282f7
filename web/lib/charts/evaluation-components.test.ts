// The components chart: bars listed top-down in the table's order, a 100 % reference line, and
// only the components that have something to draw.
import { describe, expect, it } from 'vitest';
import { chartableComponents, evaluationComponentsOption, type ComponentBar } from './evaluation-components';

const rows: ComponentBar[] = [
  { label: 'Revenue', attainment: 0.8, teamMedian: 1.0 },
  { label: 'Visits', attainment: 1.3, teamMedian: null },
  { label: 'Coverage', attainment: null, teamMedian: null },
];
const text = { rep: 'This rep', teamMedian: 'Team median', target: 'Target', percent: (v: number | null) => `${v}` };

describe('evaluationComponentsOption', () => {
  it('keeps components with an attainment or a team median', () => {
    expect(chartableComponents(rows).map((r) => r.label)).toEqual(['Revenue', 'Visits']);
  });

  it('lists categories bottom-up so the first component is drawn on top', () => {
    const option = evaluationComponentsOption(chartableComponents(rows), text);
    expect((option.yAxis as { data: string[] }).data).toEqual(['Visits', 'Revenue']);
    const series = option.series as { name: string; data: (number | null)[]; markLine?: { data: { xAxis: number }[] } }[];
    expect(series[0]!.data).toEqual([1.3, 0.8]);
    expect(series[1]!.data).toEqual([null, 1.0]);
    expect(series[0]!.markLine!.data).toEqual([{ xAxis: 1 }]);
  });

  it('describes the hovered component in the tooltip', () => {
    const option = evaluationComponentsOption(chartableComponents(rows), text);
    const html = (option.tooltip as { formatter: (p: unknown) => string }).formatter([{ dataIndex: 1 }]);
    expect(html).toContain('Revenue');
    expect(html).toContain('0.8');
  });
});
