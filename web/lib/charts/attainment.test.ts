// The attainment bullet chart: bands at 80 % and 100 %, one bar per row over a 100 % target bar,
// the expected-to-date tick at expected ÷ target, and the axis sized to the best row.
import { describe, expect, it } from 'vitest';
import type { AttainmentRow } from '../components/attainment/types';
import { BAND_COLORS, attainmentOption, attainmentTooltip, axisMax, bandOf, chartRows, expectedShare, type AttainmentText } from './attainment';

const text: AttainmentText = {
  attainment: 'Attainment',
  target: 'Target',
  actual: 'Actual',
  expected: 'Expected',
  pace: 'Pace',
  percent: (v) => (v === null ? '-' : `${Math.round(v * 100)}%`),
  value: (v) => (v === null ? '-' : `¥${v}`),
};

const row = (key: string, actual: number, target: number | null, expectedToDate: number | null): AttainmentRow => ({
  key,
  name: `N${key}`,
  actual,
  target,
  attainment: target ? actual / target : null,
  expectedToDate,
  pace: expectedToDate ? actual / expectedToDate : null,
  projection: null,
  gap: target === null ? null : Math.max(0, target - actual),
});

type Series = { name: string; type: string; data: unknown[] };

describe('bandOf', () => {
  it('cuts at 80 % and 100 %', () => {
    expect([0, 0.799, 0.8, 0.999, 1, 1.5, null].map(bandOf)).toEqual(['low', 'low', 'mid', 'mid', 'high', 'high', 'none']);
  });
});

describe('attainmentOption', () => {
  // 500 of 1000 (50 %, half expected), 900 of 1000, 1300 of 1000; a row without a target is not drawn.
  const all = [row('A', 500, 1000, 500), row('B', 900, 1000, 500), row('C', 1300, 1000, 500), row('D', 80, null, null)];
  const rows = chartRows(all);
  const option = attainmentOption(rows, text);
  const series = option.series as Series[];

  it('draws the rows with a target, top first', () => {
    expect(rows.map((r) => r.key)).toEqual(['A', 'B', 'C']);
    const [names, values] = option.yAxis as { data: string[]; inverse: boolean; position?: string }[];
    expect(names!.data).toEqual(['NA', 'NB', 'NC']);
    expect(names!.inverse && values!.inverse).toBe(true);
    // Each row's attainment is written on the right-hand axis, beside its bar.
    expect(values!.data).toEqual(['50%', '90%', '130%']);
    expect(values!.position).toBe('right');
  });

  it('puts a 100 % target bar under each attainment bar, coloured by band', () => {
    expect(series.map((s) => [s.name, s.type])).toEqual([
      ['Target', 'bar'],
      ['Attainment', 'bar'],
      ['Expected', 'line'],
    ]);
    expect(series[0]!.data).toEqual([1, 1, 1]);
    expect(series[1]!.data).toEqual([
      { value: 0.5, itemStyle: { color: BAND_COLORS.low } },
      { value: 0.9, itemStyle: { color: BAND_COLORS.mid } },
      { value: 1.3, itemStyle: { color: BAND_COLORS.high } },
    ]);
  });

  it('places the expected-to-date tick at expected ÷ target on each row', () => {
    expect(series[2]!.data).toEqual([
      [0.5, 0],
      [0.5, 1],
      [0.5, 2],
    ]);
    expect(expectedShare(row('E', 10, 200, 50))).toBe(0.25);
    expect(expectedShare(row('F', 10, null, null))).toBeNull();
  });

  it('sizes the axis to the best row between 120 % and 200 %', () => {
    expect((option.xAxis as { max: number }).max).toBe(1.3);
    expect(axisMax([row('A', 10, 100, null)])).toBe(1.2);
    expect(axisMax([row('A', 900, 100, null)])).toBe(2);
  });

  it('shows the row under the pointer in the tooltip, escaped', () => {
    const tooltip = option.tooltip as { formatter: (p: unknown) => string };
    const html = tooltip.formatter([{ dataIndex: 1 }]);
    expect(html).toContain('NB');
    expect(html).toContain('90%');
    expect(html).toContain('¥900');
    expect(attainmentTooltip({ ...rows[0]!, name: '<i>' }, text)).toContain('&#60;i&#62;');
  });
});
