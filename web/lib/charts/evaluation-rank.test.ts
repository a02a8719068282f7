// The rank history: rank 1 at the top of a downward axis, months without a rank drawn as gaps.
import { describe, expect, it } from 'vitest';
import { evaluationRankOption, hasRankHistory, type RankPoint } from './evaluation-rank';

const points: RankPoint[] = [
  { month: '2025-11', rank: 3, of: 30 },
  { month: '2025-12', rank: null, of: 31 },
  { month: '2026-01', rank: 1, of: 29 },
];
const text = {
  rank: 'Rank',
  monthShort: (m: string) => m,
  month: (m: string) => `m:${m}`,
  rankOf: (r: number | null, of: number) => (r === null ? 'unranked' : `${r} of ${of}`),
};

describe('evaluationRankOption', () => {
  const option = evaluationRankOption(points, text);

  it('runs the axis downwards from rank 1', () => {
    expect(option.yAxis).toMatchObject({ inverse: true, min: 1 });
    expect((option.series as { data: (number | null)[] }[])[0]!.data).toEqual([3, null, 1]);
  });

  it('says "r of n" in the tooltip, and unranked where there is no rank', () => {
    const format = (option.tooltip as { formatter: (p: unknown) => string }).formatter;
    expect(format([{ dataIndex: 0 }])).toContain('3 of 30');
    expect(format([{ dataIndex: 1 }])).toContain('unranked');
  });

  it('knows when there is nothing to draw', () => {
    expect(hasRankHistory(points)).toBe(true);
    expect(hasRankHistory([{ month: '2025-01', rank: null, of: 4 }])).toBe(false);
  });
});
