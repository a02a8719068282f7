import { describe, expect, it } from 'vitest';
import { rank } from './rankings.ts';

const e = (repId: string, name: string, value: number | null) => ({ repId, name, team: null, value });

describe('rank', () => {
  it('gives standard competition ranks, ties in name order, the valueless unranked', () => {
    const out = rank('visits', [e('r4', 'Dan', 2), e('r1', 'Bea', 5), e('r2', 'Ann', 5), e('r5', 'Eve', null), e('r3', 'Cy', 1)]);
    expect(out.ranked.map((r) => [r.rank, r.name])).toEqual([
      [1, 'Ann'],
      [1, 'Bea'],
      [3, 'Dan'],
      [4, 'Cy'],
    ]);
    expect(out.unranked.map((r) => r.name)).toEqual(['Eve']);
  });

  it('treats money equal to the cent as a tie', () => {
    const out = rank('revenue', [e('a', 'A', 100.004), e('b', 'B', 100.0001), e('c', 'C', 100.01)]);
    expect(out.ranked.map((r) => [r.repId, r.rank])).toEqual([
      ['c', 1],
      ['a', 2],
      ['b', 2],
    ]);
  });
});
