// Option builder for the overview's revenue vs target chart: revenue bars, target line, and
// attainment as a line on a second (percentage) axis. Pure: labels and formatters come in.
import type { TrendRow } from '../types';
import { PALETTE } from './theme';
import type { ChartOption } from './types';

export interface RevenueTargetText {
  revenue: string;
  target: string;
  attainment: string;
  /** Axis label for a 'YYYY-MM' month. */
  monthShort(month: string): string;
  /** Tooltip heading for a 'YYYY-MM' month. */
  month(month: string): string;
  money(value: number | null): string;
  moneyAxis(value: number): string;
  percent(value: number | null): string;
}

function isValue(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** True when at least one month has revenue or a target to draw. */
export function hasTrendData(rows: readonly TrendRow[]): boolean {
  return rows.some((r) => (isValue(r.revenue) && r.revenue !== 0) || (isValue(r.target) && r.target !== 0));
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

interface TooltipItem {
  dataIndex: number;
}

/** The tooltip body for one month (exported for its test). */
export function revenueTargetTooltip(row: TrendRow, text: RevenueTargetText): string {
  const line = (color: string, name: string, value: string) =>
    `<div style="display:flex;gap:12px;justify-content:space-between;align-items:center">` +
    `<span><span style="display:inline-block;width:8px;height:8px;border-radius:2px;margin-right:6px;background:${color}"></span>` +
    `${escapeHtml(name)}</span><strong>${escapeHtml(value)}</strong></div>`;
  return (
    `<div style="font-weight:600;margin-bottom:4px">${escapeHtml(text.month(row.month))}</div>` +
    line(PALETTE.revenue, text.revenue, text.money(row.revenue)) +
    line(PALETTE.target, text.target, text.money(row.target)) +
    line(PALETTE.attainment, text.attainment, text.percent(row.attainment))
  );
}

export function revenueTargetOption(rows: readonly TrendRow[], text: RevenueTargetText): ChartOption {
  const months = rows.map((r) => r.month);
  const value = (v: number | null) => (isValue(v) ? v : null);
  return {
    animationDuration: 400,
    grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
    legend: { top: 0, left: 0, itemWidth: 14, itemHeight: 10, data: [text.revenue, text.target, text.attainment] },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const first = (Array.isArray(params) ? params[0] : params) as TooltipItem | undefined;
        const row = first ? rows[first.dataIndex] : undefined;
        return row ? revenueTargetTooltip(row, text) : '';
      },
    },
    xAxis: {
      type: 'category',
      data: months,
      axisLabel: { formatter: (m: string) => text.monthShort(m), hideOverlap: true },
    },
    yAxis: [
      { type: 'value', axisLabel: { formatter: (v: number) => text.moneyAxis(v) } },
      {
        type: 'value',
        min: 0,
        axisLabel: { formatter: (v: number) => text.percent(v) },
        splitLine: { show: false },
      },
    ],
    series: [
      {
        name: text.revenue,
        type: 'bar',
        data: rows.map((r) => value(r.revenue)),
        barMaxWidth: 28,
        itemStyle: { color: PALETTE.revenue, borderRadius: [3, 3, 0, 0] },
      },
      {
        name: text.target,
        type: 'line',
        data: rows.map((r) => value(r.target)),
        symbol: 'circle',
        symbolSize: 4,
        lineStyle: { color: PALETTE.target, width: 1.5, type: 'dashed' },
        itemStyle: { color: PALETTE.target },
      },
      {
        name: text.attainment,
        type: 'line',
        yAxisIndex: 1,
        data: rows.map((r) => value(r.attainment)),
        smooth: true,
        symbol: 'circle',
        symbolSize: 5,
        lineStyle: { color: PALETTE.attainment, width: 2 },
        itemStyle: { color: PALETTE.attainment },
      },
    ],
  };
}
