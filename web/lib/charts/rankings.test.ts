// The leaders chart: top ten in rank order plus the signed-in rep, highlighted.
import { describe, expect, it } from 'vitest';
import type { RankingRow } from '../components/rankings/types';
import { leaders, rankingsOption, type RankingText } from './rankings';
import { PALETTE } from './theme';

const row = (rank: number, repId: string, value: number): RankingRow => ({ rank, rankChange: 0, repId, name: `N${repId}`, team: 'T', value });
const rows = Array.from({ length: 14 }, (_, i) => row(i + 1, `E${i + 1}`, 1400 - i * 100));
const text: RankingText = { value: (v) => `v${v}`, label: (r) => `${r.rank} · ${r.name}` };

describe('leaders', () => {
  it('takes the top rows and adds the signed-in rep when below them', () => {
    expect(leaders(rows, null, 3).map((r) => r.repId)).toEqual(['E1', 'E2', 'E3']);
    expect(leaders(rows, 'E12', 3).map((r) => r.repId)).toEqual(['E1', 'E2', 'E3', 'E12']);
    expect(leaders(rows, 'E2', 3).map((r) => r.repId)).toEqual(['E1', 'E2', 'E3']);
  });
});

describe('rankingsOption', () => {
  const drawn = leaders(rows, 'E12', 3);
  const option = rankingsOption(drawn, 'E12', text);
  const series = option.series as { data: { value: number; itemStyle: { color: string } }[] }[];

  it('draws the values in rank order, top first, with rank and name on the axis', () => {
    expect((option.yAxis as { data: string[] }).data).toEqual(['1 · NE1', '2 · NE2', '3 · NE3', '12 · NE12']);
    expect(series[0]!.data.map((d) => d.value)).toEqual([1400, 1300, 1200, 300]);
  });

  it('highlights the signed-in rep', () => {
    expect(series[0]!.data.map((d) => d.itemStyle.color === PALETTE.revenue)).toEqual([false, false, false, true]);
  });

  it('starts the axis below zero for negative values', () => {
    const negative = rankingsOption([row(1, 'A', 0.2), row(2, 'B', -0.3)], null, text);
    expect((negative.xAxis as { min: number }).min).toBe(-0.3);
  });
});
