// Visit visuals, pure: visits by rep stacked by type (horizontal bars), and the rep × ISO-week
// activity matrix with its cell colours.
import type { VisitRepRow, VisitType, WeeklyAnswer } from '../components/visits/types';
import { VISIT_TYPES } from '../components/visits/types';
import type { ChartOption } from './types';

export const TYPE_COLORS: Record<VisitType, string> = {
  visit: '#3d6fd6',
  call: '#4bb3d4',
  meeting: '#9d6bd8',
  demo: '#f0a23b',
  other: '#98a2b3',
};

export interface VisitsText {
  type(type: VisitType): string;
  count(value: number | null): string;
}

/** Reps with at least one visit, most visits first (ties by name), for the stacked chart. */
export function visitingReps(rows: readonly VisitRepRow[]): VisitRepRow[] {
  return rows.filter((r) => r.visits > 0).sort((a, b) => b.visits - a.visits || a.name.localeCompare(b.name, 'zh-CN'));
}

export function visitsChartHeight(count: number): number {
  return Math.max(160, 56 + count * 22);
}

export function visitsByTypeOption(rows: readonly VisitRepRow[], text: VisitsText): ChartOption {
  return {
    animationDuration: 300,
    grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
    legend: { top: 0, left: 0, itemWidth: 12, itemHeight: 10, data: VISIT_TYPES.map((v) => text.type(v)) },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => text.count(typeof v === 'number' ? v : null) },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.name), axisLabel: { width: 96, overflow: 'truncate' } },
    series: VISIT_TYPES.map((type) => ({
      name: text.type(type),
      type: 'bar' as const,
      stack: 'visits',
      barWidth: 14,
      data: rows.map((r) => r.byType[type]),
      itemStyle: { color: TYPE_COLORS[type] },
      cursor: 'pointer',
    })),
  };
}

export interface WeeklyMatrix {
  weeks: string[];
  reps: { repId: string; name: string; counts: number[]; total: number }[];
  max: number;
}

/**
 * Visits per rep (rows, in the order of `reps`, then reps only the weekly answer knows) and ISO
 * week (columns, ascending); weeks without a visit count 0.
 */
export function weeklyMatrix(weekly: WeeklyAnswer['rows'], reps: readonly { repId: string; name: string }[]): WeeklyMatrix {
  const weeks = [...new Set(weekly.map((r) => r.week))].sort();
  const column = new Map(weeks.map((w, i) => [w, i]));
  const order = [...reps];
  for (const r of weekly) if (!order.some((o) => o.repId === r.repId)) order.push({ repId: r.repId, name: r.repId });
  const counts = new Map(order.map((r) => [r.repId, weeks.map(() => 0)]));
  for (const r of weekly) counts.get(r.repId)![column.get(r.week)!]! += r.visits;
  const rows = order.map((r) => {
    const c = counts.get(r.repId)!;
    return { repId: r.repId, name: r.name, counts: c, total: c.reduce((a, b) => a + b, 0) };
  });
  return { weeks, reps: rows, max: Math.max(0, ...rows.flatMap((r) => r.counts)) };
}

/** Background and text colour of a week cell by its share of the busiest cell. */
export function weekCellColor(count: number, max: number): { background: string; color: string } {
  if (count <= 0 || max <= 0) return { background: '#f9fafb', color: '#98a2b3' };
  const t = count / max;
  const from = [225, 236, 252];
  const to = [31, 95, 191];
  const c = from.map((x, i) => Math.round(x + (to[i]! - x) * t));
  return { background: `rgb(${c[0]}, ${c[1]}, ${c[2]})`, color: t > 0.55 ? '#ffffff' : '#1d2939' };
}

/** Monday of an ISO week 'YYYY-Www' as 'YYYY-MM-DD'. */
export function isoWeekStart(week: string): string | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!m) return null;
  const year = Number(m[1]);
  const n = Number(m[2]);
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const monday1 = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86_400_000);
  return new Date(monday1.getTime() + (n - 1) * 7 * 86_400_000).toISOString().slice(0, 10);
}
