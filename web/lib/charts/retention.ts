// Retention visuals, pure: the cohort heatmap's cell colours (a blue ramp up to 100 %, green above
// it for revenue that grew) and the option of the retention curves (one line per cohort over the
// months since its first purchase).
import type { Cohort } from '../components/retention/types';
import type { ChartOption } from './types';

const LOW: [number, number, number] = [240, 244, 252];
const HIGH: [number, number, number] = [31, 95, 191];
const GROWTH: [number, number, number] = [14, 122, 85];

function mix(a: [number, number, number], b: [number, number, number], t: number): string {
  const c = a.map((x, i) => Math.round(x + (b[i]! - x) * t));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

/** Background and text colour of a heatmap cell; null values (months not reached yet) get none. */
export function heatColor(value: number | null): { background: string; color: string } | null {
  if (value === null || !Number.isFinite(value)) return null;
  if (value > 1) {
    const t = Math.min(1, (value - 1) / 1);
    return { background: mix(HIGH, GROWTH, 0.35 + 0.65 * t), color: '#ffffff' };
  }
  const t = Math.max(0, value);
  return { background: mix(LOW, HIGH, t), color: t > 0.5 ? '#ffffff' : '#1d2939' };
}

/** The longest follow-up among the cohorts (number of month columns). */
export function monthColumns(cohorts: readonly Cohort[]): number {
  return Math.max(0, ...cohorts.map((c) => c.values.length));
}

export const CURVE_COLORS = ['#3d6fd6', '#12a37f', '#f0a23b', '#9d6bd8', '#e0607e', '#4bb3d4', '#475467', '#c2842a', '#5a9e3a', '#b5508f', '#2f8f9d', '#8a8fe0'];

export interface CurvesText {
  /** Axis label for month offset k ("M+2"). */
  offset(k: number): string;
  /** Legend name of a cohort ('YYYY-MM'). */
  cohort(month: string): string;
  percent(value: number | null): string;
}

export function hasCurveData(cohorts: readonly Cohort[]): boolean {
  return cohorts.some((c) => c.values.some((v) => v !== null));
}

export function retentionCurvesOption(cohorts: readonly Cohort[], text: CurvesText): ChartOption {
  const columns = monthColumns(cohorts);
  return {
    animationDuration: 300,
    color: CURVE_COLORS,
    grid: { left: 8, right: 16, top: cohorts.length > 1 ? 56 : 16, bottom: 8, containLabel: true },
    legend: cohorts.length > 1 ? { top: 0, left: 0, itemWidth: 14, itemHeight: 8, data: cohorts.map((c) => text.cohort(c.cohort)) } : undefined,
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: unknown) => text.percent(typeof v === 'number' ? v : null),
    },
    xAxis: {
      type: 'category',
      boundaryGap: false,
      data: Array.from({ length: columns }, (_, k) => text.offset(k)),
    },
    yAxis: { type: 'value', min: 0, axisLabel: { formatter: (v: number) => text.percent(v) } },
    series: cohorts.map((c) => ({
      name: text.cohort(c.cohort),
      type: 'line' as const,
      data: c.values,
      symbol: 'circle',
      symbolSize: 5,
      connectNulls: false,
      lineStyle: { width: 1.8 },
    })),
  };
}
