// Option builder for the attainment bullet chart: per row a light bar to 100 % of target, the
// attainment bar over it coloured by band (< 80 %, 80–100 %, ≥ 100 %), and a dark tick at the
// share of the target expected by the as-of date. Pure: rows come sorted, text comes in.
import type { AttainmentRow } from '../components/attainment/types';
import type { ChartOption } from './types';

export type Band = 'low' | 'mid' | 'high' | 'none';

export const BAND_COLORS: Record<Band, string> = {
  low: '#e0605e',
  mid: '#f0a23b',
  high: '#12a37f',
  none: '#d0d5dd',
};
export const TARGET_COLOR = '#e4e7ec';
export const EXPECTED_COLOR = '#1d2939';

/** The band of an attainment fraction: below 80 %, 80 % up to 100 %, at or above 100 %. */
export function bandOf(attainment: number | null | undefined): Band {
  if (attainment === null || attainment === undefined || !Number.isFinite(attainment)) return 'none';
  if (attainment < 0.8) return 'low';
  if (attainment < 1) return 'mid';
  return 'high';
}

export interface AttainmentText {
  attainment: string;
  target: string;
  actual: string;
  expected: string;
  pace: string;
  percent(value: number | null): string;
  /** The metric's own unit: money for revenue, counts otherwise. */
  value(value: number | null): string;
}

/** The rows the chart draws: those with a target (attainment is null without one). */
export function chartRows(rows: readonly AttainmentRow[]): AttainmentRow[] {
  return rows.filter((r) => r.attainment !== null);
}

/** Height in pixels for `count` bars. */
export function attainmentChartHeight(count: number): number {
  return Math.max(160, 40 + count * 26);
}

/** The axis end: at least 120 %, room for the best row, at most 200 % (longer bars are cut). */
export function axisMax(rows: readonly AttainmentRow[]): number {
  const best = Math.max(0, ...rows.map((r) => r.attainment ?? 0));
  return Math.min(2, Math.max(1.2, Math.ceil(best * 10) / 10));
}

/** Expected to date as a share of the target (where the tick sits). */
export function expectedShare(row: AttainmentRow): number | null {
  if (row.expectedToDate === null || !row.target) return null;
  return row.expectedToDate / row.target;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function attainmentTooltip(row: AttainmentRow, text: AttainmentText): string {
  const line = (name: string, value: string) =>
    `<div style="display:flex;gap:16px;justify-content:space-between"><span>${escapeHtml(name)}</span><strong>${escapeHtml(value)}</strong></div>`;
  return (
    `<div style="font-weight:600;margin-bottom:4px">${escapeHtml(row.name)}</div>` +
    line(text.attainment, text.percent(row.attainment)) +
    line(text.actual, text.value(row.actual)) +
    line(text.target, text.value(row.target)) +
    line(text.expected, text.value(row.expectedToDate)) +
    line(text.pace, text.percent(row.pace))
  );
}

interface AxisItem {
  dataIndex: number;
}

/** `rows` in display order (top first); draw only chartRows(). */
export function attainmentOption(rows: readonly AttainmentRow[], text: AttainmentText): ChartOption {
  const max = axisMax(rows);
  return {
    animationDuration: 300,
    grid: { left: 8, right: 8, top: 8, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const first = (Array.isArray(params) ? params[0] : params) as AxisItem | undefined;
        const row = first ? rows[first.dataIndex] : undefined;
        return row ? attainmentTooltip(row, text) : '';
      },
    },
    xAxis: {
      type: 'value',
      min: 0,
      max,
      // Steps of 50 % keep the labels apart in a narrow card; 100 % is always one of them.
      interval: 0.5,
      axisLabel: { formatter: (v: number) => text.percent(v), hideOverlap: true },
    },
    // Names on the left; each row's attainment on the right, clear of the bars and ticks.
    yAxis: [
      {
        type: 'category',
        inverse: true,
        data: rows.map((r) => r.name),
        axisLabel: { width: 96, overflow: 'truncate' },
      },
      {
        type: 'category',
        inverse: true,
        position: 'right',
        data: rows.map((r) => text.percent(r.attainment)),
        axisLine: { show: false },
        axisLabel: { color: '#344054', fontWeight: 600 },
      },
    ],
    series: [
      {
        name: text.target,
        type: 'bar',
        data: rows.map(() => 1),
        barWidth: 14,
        barGap: '-100%',
        silent: true,
        itemStyle: { color: TARGET_COLOR, borderRadius: 3 },
        z: 1,
      },
      {
        name: text.attainment,
        type: 'bar',
        data: rows.map((r) => ({
          value: r.attainment === null ? null : Math.min(r.attainment, max),
          itemStyle: { color: BAND_COLORS[bandOf(r.attainment)] },
        })),
        barWidth: 14,
        itemStyle: { borderRadius: 3 },
        cursor: 'pointer',
        z: 2,
      },
      {
        name: text.expected,
        type: 'line',
        data: rows.map((r, i) => [expectedShare(r), i]),
        symbol: 'rect',
        symbolSize: [3, 20],
        lineStyle: { opacity: 0 },
        itemStyle: { color: EXPECTED_COLOR },
        emphasis: { disabled: true },
        silent: true,
        z: 3,
      },
    ],
  };
}
