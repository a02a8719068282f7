// Visit visuals: the stacked-by-type option, the rep × week matrix, ISO week starts.
import { describe, expect, it } from 'vitest';
import type { VisitRepRow } from '../components/visits/types';
import { TYPE_COLORS, isoWeekStart, visitingReps, visitsByTypeOption, weekCellColor, weeklyMatrix, type VisitsText } from './visits';

const zero = { visit: 0, call: 0, meeting: 0, demo: 0, other: 0 };
const rep = (repId: string, name: string, byType: Partial<VisitRepRow['byType']>): VisitRepRow => {
  const types = { ...zero, ...byType };
  const visits = Object.values(types).reduce((a, b) => a + b, 0);
  return { repId, name, visits, byType: types, conversion: null, keyAccounts: 0, keyAccountsCovered: 0, coverage: null };
};
const text: VisitsText = { type: (t) => t.toUpperCase(), count: (v) => String(v) };

describe('visitsByTypeOption', () => {
  const rows = visitingReps([rep('A', 'Ann', { visit: 1 }), rep('B', 'Ben', { visit: 2, call: 3 }), rep('C', 'Cy', {})]);
  const option = visitsByTypeOption(rows, text);
  const series = option.series as { name: string; stack: string; data: number[]; itemStyle: { color: string } }[];

  it('keeps reps with visits, most first', () => {
    expect(rows.map((r) => r.repId)).toEqual(['B', 'A']);
    expect((option.yAxis as { data: string[] }).data).toEqual(['Ben', 'Ann']);
  });

  it('stacks one series per visit type', () => {
    expect(series.map((s) => s.name)).toEqual(['VISIT', 'CALL', 'MEETING', 'DEMO', 'OTHER']);
    expect(new Set(series.map((s) => s.stack)).size).toBe(1);
    expect(series[0]!.data).toEqual([2, 1]);
    expect(series[1]!.data).toEqual([3, 0]);
    expect(series[3]!.itemStyle.color).toBe(TYPE_COLORS.demo);
  });
});

describe('weeklyMatrix', () => {
  it('puts weeks in order, fills gaps with 0 and keeps the reps order', () => {
    const m = weeklyMatrix(
      [
        { week: '2025-W11', repId: 'B', visits: 2 },
        { week: '2025-W10', repId: 'A', visits: 1 },
        { week: '2025-W11', repId: 'A', visits: 4 },
        { week: '2025-W10', repId: 'X', visits: 1 },
      ],
      [
        { repId: 'A', name: 'Ann' },
        { repId: 'B', name: 'Ben' },
        { repId: 'C', name: 'Cy' },
      ],
    );
    expect(m.weeks).toEqual(['2025-W10', '2025-W11']);
    expect(m.reps).toEqual([
      { repId: 'A', name: 'Ann', counts: [1, 4], total: 5 },
      { repId: 'B', name: 'Ben', counts: [0, 2], total: 2 },
      { repId: 'C', name: 'Cy', counts: [0, 0], total: 0 },
      { repId: 'X', name: 'X', counts: [1, 0], total: 1 },
    ]);
    expect(m.max).toBe(4);
  });

  it('colours cells by their share of the busiest one', () => {
    expect(weekCellColor(0, 4).color).toBe('#98a2b3');
    expect(weekCellColor(4, 4)).toEqual({ background: 'rgb(31, 95, 191)', color: '#ffffff' });
    expect(weekCellColor(1, 4).color).toBe('#1d2939');
  });
});

describe('isoWeekStart', () => {
  it('finds the Monday of ISO weeks, across year ends', () => {
    expect(isoWeekStart('2025-W01')).toBe('2024-12-30');
    expect(isoWeekStart('2025-W41')).toBe('2025-10-06');
    expect(isoWeekStart('2026-W53')).toBe('2026-12-28');
    expect(isoWeekStart('2025-41')).toBeNull();
  });
});
