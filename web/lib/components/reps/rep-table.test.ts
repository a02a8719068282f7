// Joining, searching and sorting the rep list, on a hand-made roster of four.
import { describe, expect, it } from 'vitest';
import { filterReps, joinReps, nextSort, sortReps, type RepRow } from './rep-table';
import type { RosterRep } from './types';

const roster: RosterRep[] = [
  { repId: 'E2', name: 'Bo', role: 'rep', team: 'East 1', region: 'East', managerId: 'E9', active: true },
  { repId: 'E1', name: 'Al', role: 'rep', team: 'East 2', region: 'East', managerId: 'E9', active: true },
  { repId: 'E3', name: 'Cy', role: 'account_manager', team: null, region: 'North', managerId: null, active: true },
  { repId: 'E4', name: 'Di', role: 'rep', team: 'East 1', region: 'East', managerId: 'E9', active: false },
];

const rows: RepRow[] = joinReps(
  roster,
  [
    { key: 'E1', name: 'Al', actual: 500, target: 1000, attainment: 0.5 },
    { key: 'E2', name: 'Bo', actual: 900, target: 600, attainment: 1.5 },
    { key: 'E3', name: 'Cy', actual: 100, target: null, attainment: null },
  ],
  { rows: [{ rank: 1, repId: 'E2', name: 'Bo', team: 'East 1', value: 88.5 }], unranked: [] },
);
const collator = new Intl.Collator('en');

describe('joinReps', () => {
  it('adds revenue, target, attainment and score, null where the rep has none', () => {
    expect(rows.find((r) => r.repId === 'E2')).toMatchObject({ revenue: 900, target: 600, attainment: 1.5, score: 88.5 });
    expect(rows.find((r) => r.repId === 'E3')).toMatchObject({ revenue: 100, target: null, attainment: null, score: null });
    expect(rows.find((r) => r.repId === 'E4')).toMatchObject({ revenue: null, score: null });
  });
});

describe('filterReps', () => {
  it('hides former staff unless asked, and matches name, id, team or region in any case', () => {
    expect(filterReps(rows, '', false).map((r) => r.repId)).toEqual(['E2', 'E1', 'E3']);
    expect(filterReps(rows, '', true)).toHaveLength(4);
    expect(filterReps(rows, 'east 1', true).map((r) => r.repId)).toEqual(['E2', 'E4']);
    expect(filterReps(rows, 'e3', false).map((r) => r.repId)).toEqual(['E3']);
    expect(filterReps(rows, 'north', false).map((r) => r.repId)).toEqual(['E3']);
  });
});

describe('sortReps', () => {
  it('sorts numbers either way with missing values last', () => {
    expect(sortReps(rows, 'attainment', 'desc', collator).map((r) => r.repId)).toEqual(['E2', 'E1', 'E3', 'E4']);
    expect(sortReps(rows, 'attainment', 'asc', collator).map((r) => r.repId)).toEqual(['E1', 'E2', 'E3', 'E4']);
  });

  it('sorts text with the collator and breaks ties by name', () => {
    expect(sortReps(rows, 'name', 'asc', collator).map((r) => r.name)).toEqual(['Al', 'Bo', 'Cy', 'Di']);
    // E2 and E4 share a team; E3 has none and goes last.
    expect(sortReps(rows, 'team', 'asc', collator).map((r) => r.repId)).toEqual(['E2', 'E4', 'E1', 'E3']);
  });

  it('orders Chinese names by pinyin under a zh collator', () => {
    const zh = joinReps(
      [
        { repId: 'A', name: '张伟', role: 'rep', team: null, region: null, managerId: null, active: true },
        { repId: 'B', name: '李娜', role: 'rep', team: null, region: null, managerId: null, active: true },
      ],
      [],
      null,
    );
    expect(sortReps(zh, 'name', 'asc', new Intl.Collator('zh-CN')).map((r) => r.name)).toEqual(['李娜', '张伟']);
  });
});

describe('nextSort', () => {
  it('flips the same column and starts another at its natural direction', () => {
    expect(nextSort('attainment', 'desc', 'attainment')).toEqual({ sort: 'attainment', dir: 'asc' });
    expect(nextSort('attainment', 'desc', 'name')).toEqual({ sort: 'name', dir: 'asc' });
    expect(nextSort('name', 'asc', 'revenue')).toEqual({ sort: 'revenue', dir: 'desc' });
  });
});
