// Retention visuals: heat colours by value, one curve per cohort over the month offsets.
import { describe, expect, it } from 'vitest';
import type { Cohort } from '../components/retention/types';
import { hasCurveData, heatColor, monthColumns, retentionCurvesOption, type CurvesText } from './retention';

const cohorts: Cohort[] = [
  { cohort: '2025-01', size: 10, values: [1, 0.5, 0.3] },
  { cohort: '2025-02', size: 4, values: [1, 0.25] },
  { cohort: '2025-03', size: 2, values: [1] },
];
const text: CurvesText = { offset: (k) => `M${k}`, cohort: (m) => `c${m}`, percent: (v) => (v === null ? '-' : `${Math.round(v * 100)}%`) };

describe('heatColor', () => {
  it('ramps from pale to the accent up to 100 %, with readable text', () => {
    expect(heatColor(0)).toEqual({ background: 'rgb(240, 244, 252)', color: '#1d2939' });
    expect(heatColor(1)).toEqual({ background: 'rgb(31, 95, 191)', color: '#ffffff' });
    expect(heatColor(0.3)?.color).toBe('#1d2939');
  });

  it('turns green above 100 % and leaves months not reached blank', () => {
    expect(heatColor(2.5)).toEqual({ background: 'rgb(14, 122, 85)', color: '#ffffff' });
    expect(heatColor(null)).toBeNull();
  });
});

describe('retentionCurvesOption', () => {
  const option = retentionCurvesOption(cohorts, text);
  const series = option.series as { name: string; data: (number | null)[] }[];

  it('has one column per month offset of the longest cohort', () => {
    expect(monthColumns(cohorts)).toBe(3);
    expect((option.xAxis as { data: string[] }).data).toEqual(['M0', 'M1', 'M2']);
  });

  it('draws one line per cohort with its values', () => {
    expect(series.map((s) => s.name)).toEqual(['c2025-01', 'c2025-02', 'c2025-03']);
    expect(series[1]!.data).toEqual([1, 0.25]);
    expect((option.legend as { data: string[] }).data).toHaveLength(3);
  });

  it('knows when there is something to draw', () => {
    expect(hasCurveData(cohorts)).toBe(true);
    expect(hasCurveData([])).toBe(false);
  });
});
