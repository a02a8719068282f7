import type { Scope } from '../auth/types.ts';
import { describe, expect, it } from 'vitest';
import { parsePeriod } from './periods.ts';
import { TargetBook, type RosterRow, type TargetRow } from './targets.ts';
import { makeCalendar } from './working-days.ts';

const ALL: Scope = { all: true, repIds: [], key: 'all' };
const NO_DIMS = { teams: [], regions: [], reps: [], categories: [], channels: [] };
const p = (s: string) => parsePeriod(s)!;

const person = (rep_id: string, team: string | null, extra: Partial<RosterRow> = {}): RosterRow => ({
  rep_id,
  valid_from: '1900-01-01',
  name: rep_id,
  role: 'rep',
  team,
  region: 'R',
  hire_date: null,
  leave_date: null,
  ...extra,
});

const t = (scope_kind: TargetRow['scope_kind'], scope_id: string, period: string, value: number): TargetRow => ({
  period,
  period_kind: period.includes('Q') ? 'quarter' : period.length === 4 ? 'year' : 'month',
  scope_kind,
  scope_id,
  value,
});

// Working days with no holidays: Jan 2025 23, Feb 20, Mar 21 (Q1 64); Apr 22, May 22, Jun 21 (Q2 65).
const cal = makeCalendar();

describe('TargetBook', () => {
  it('spreads a quarter-only target over its months by working days', () => {
    const book = new TargetBook([t('rep', 'A', '2025-Q1', 64000)], [person('A', 'T')], cal);
    expect(book.rep('A', p('2025-01'))).toBe(23000);
    expect(book.rep('A', p('2025-02'))).toBe(20000);
    expect(book.rep('A', p('2025-03'))).toBe(21000);
    expect(book.rep('A', p('2025-Q1'))).toBe(64000);
    expect(book.rep('A', p('2025-04'))).toBeNull();
  });

  it('lets an explicit quarter override its months, and spreads what explicit months leave', () => {
    const book = new TargetBook([t('rep', 'A', '2025-01', 30000), t('rep', 'A', '2025-Q1', 71000)], [person('A', 'T')], cal);
    // Feb and Mar share 71000 − 30000 = 41000 by 20 : 21 working days.
    expect(book.rep('A', p('2025-01'))).toBe(30000);
    expect(book.rep('A', p('2025-02'))).toBe(20000);
    expect(book.rep('A', p('2025-03'))).toBe(21000);
    const overridden = new TargetBook(
      [t('rep', 'A', '2025-01', 10), t('rep', 'A', '2025-02', 10), t('rep', 'A', '2025-03', 10), t('rep', 'A', '2025-Q1', 25)],
      [person('A', 'T')],
      cal,
    );
    expect(overridden.rep('A', p('2025-Q1'))).toBe(25);
  });

  it('spreads a year target over the months no quarter or month target covers', () => {
    // Year 2025 = 1000000; Q1 explicit 100000; April explicit 50000; the rest (850000) over May–Dec by working days.
    const book = new TargetBook([t('rep', 'A', '2025', 1_000_000), t('rep', 'A', '2025-Q1', 100_000), t('rep', 'A', '2025-04', 50_000)], [person('A', 'T')], cal);
    // May–Dec 2025 working days: 22+21+23+21+22+23+20+23 = 175.
    expect(book.rep('A', p('2025-05'))).toBeCloseTo((850_000 * 22) / 175, 6);
    expect(book.rep('A', p('2025-02'))).toBeCloseTo((100_000 * 20) / 64, 6);
    expect(book.rep('A', p('2025'))).toBe(1_000_000);
  });

  it('sums members for a team without its own target, using membership as of each month', () => {
    const roster = [
      person('A', 'T'),
      person('B', 'U'),
      person('B', 'T', { valid_from: '2025-02-10' }), // B joins T in February
      person('C', 'T', { leave_date: '2025-01-31' }), // C leaves after January
    ];
    const targets = [
      t('rep', 'A', '2025-01', 100),
      t('rep', 'A', '2025-02', 100),
      t('rep', 'B', '2025-01', 10),
      t('rep', 'B', '2025-02', 10),
      t('rep', 'C', '2025-01', 1),
      t('rep', 'C', '2025-02', 1), // after leaving: not the team's
    ];
    const book = new TargetBook(targets, roster, cal);
    expect(book.team('T', p('2025-01'))).toBe(101);
    expect(book.team('T', p('2025-02'))).toBe(110);
    expect(book.team('U', p('2025-01'))).toBe(10);
    expect(book.team('U', p('2025-02'))).toBeNull();
    expect(book.team('T', p('2025-Q1'))).toBe(211);
  });

  it('prefers a team target of its own, and sums whole-quarter members by their quarter targets', () => {
    const roster = [person('A', 'T'), person('B', 'T')];
    const targets = [
      t('rep', 'A', '2025-01', 10),
      t('rep', 'A', '2025-02', 10),
      t('rep', 'A', '2025-03', 10),
      t('rep', 'A', '2025-Q1', 25),
      t('rep', 'B', '2025-Q1', 64),
    ];
    const book = new TargetBook(targets, roster, cal);
    // A's explicit Q1 (25) wins over their months (30): 25 + 64.
    expect(book.team('T', p('2025-Q1'))).toBe(89);
    const own = new TargetBook([...targets, t('team', 'T', '2025-03', 500)], roster, cal);
    expect(own.team('T', p('2025-03'))).toBe(500);
    // Jan: 10 + 23 (B's 64 over 23/64), Feb: 10 + 20, Mar: own 500.
    expect(own.team('T', p('2025-Q1'))).toBe(563);
  });

  it('answers the target of a filtered view', () => {
    const roster = [person('A', 'T'), person('B', 'T'), person('C', 'U', { region: 'S' })];
    const targets = [t('rep', 'A', '2025-03', 1), t('rep', 'B', '2025-03', 2), t('rep', 'C', '2025-03', 4), t('team', 'U', '2025-03', 40)];
    const book = new TargetBook(targets, roster, cal);
    const march = p('2025-03');
    expect(book.view(NO_DIMS, ALL, march)).toBe(43);
    expect(book.view({ ...NO_DIMS, teams: ['U'] }, ALL, march)).toBe(40);
    expect(book.view({ ...NO_DIMS, reps: ['A', 'C'] }, ALL, march)).toBe(5);
    expect(book.view({ ...NO_DIMS, regions: ['R'] }, ALL, march)).toBe(3);
    expect(book.view({ ...NO_DIMS, categories: ['X'] }, ALL, march)).toBeNull();
    expect(book.view(NO_DIMS, { all: false, repIds: ['B'], key: 'b' }, march)).toBe(2);
    // The scope covers all of T: T's target (the sum of A and B here).
    expect(book.view({ ...NO_DIMS, teams: ['T'] }, { all: false, repIds: ['A', 'B'], key: 'ab' }, march)).toBe(3);
  });

  it('pro-rates months by working days for a custom range', () => {
    const book = new TargetBook([t('rep', 'A', '2025-03', 21000)], [person('A', 'T')], cal);
    // 2025-03-01..03-14 holds 10 of March's 21 working days.
    expect(book.rep('A', { kind: 'custom', label: '', start: '2025-03-01', end: '2025-03-14' })).toBe(10000);
  });
});
