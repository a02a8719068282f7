// Option builder for the rankings' leaders chart: the top rows as horizontal bars in rank order,
// the signed-in rep's bar in the accent colour. Pure: rows, formatter and labels come in.
import type { RankingRow } from '../components/rankings/types';
import { PALETTE } from './theme';
import type { ChartOption } from './types';

export const LEADER_COUNT = 10;
const OTHER = '#a9bde8';

export interface RankingText {
  value(v: number | null): string;
  /** Axis label for a row: "1 · 周勇". */
  label(row: RankingRow): string;
}

/** The top `count` rows, plus the highlighted rep's row when it ranks below them. */
export function leaders(rows: readonly RankingRow[], highlight: string | null, count = LEADER_COUNT): RankingRow[] {
  const top = rows.slice(0, count);
  const mine = highlight ? rows.find((r) => r.repId === highlight) : undefined;
  return mine && !top.includes(mine) ? [...top, mine] : top;
}

export function leadersHeight(count: number): number {
  return Math.max(140, 24 + count * 28);
}

export function rankingsOption(rows: readonly RankingRow[], highlight: string | null, text: RankingText): ChartOption {
  // Hidden values (null: another rep's figure shown to a rep) draw no bar.
  const min = Math.min(0, ...rows.map((r) => r.value ?? 0));
  return {
    animationDuration: 300,
    grid: { left: 8, right: 64, top: 4, bottom: 4, containLabel: true },
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const row = rows[(p as { dataIndex: number }).dataIndex];
        return row ? `${text.label(row).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)}: ${text.value(row.value)}` : '';
      },
    },
    xAxis: { type: 'value', min, show: false },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((r) => text.label(r)),
      axisLabel: { width: 110, overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar',
        barWidth: 14,
        data: rows.map((r) => ({ value: r.value, itemStyle: { color: r.repId === highlight ? PALETTE.revenue : OTHER } })),
        itemStyle: { borderRadius: 3 },
        label: { show: true, position: 'right', fontSize: 11, color: '#344054', formatter: (p: { dataIndex: number }) => text.value(rows[p.dataIndex]?.value ?? null) },
        cursor: 'pointer',
      },
    ],
  };
}
