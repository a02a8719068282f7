// Chart option builders and the SVG renderer: every label shown, the registered font on the text,
// and no text halo the PDF renderer would paint over the glyphs.
import { describe, expect, it } from 'vitest';
import { attainmentChart, rankHistoryChart, renderSvg, retentionHeatmap, trendChart, withoutTextHalos } from './charts.ts';
import { FONT } from './fonts.ts';
import { messages } from './messages.ts';

const m = messages('zh');
const row = (key: string, name: string, attainment: number | null) => ({ key, name, actual: 1, target: 1, attainment, expectedToDate: 1, pace: 1, projection: 1, gap: 0 });

describe('charts', () => {
  it('draws one bar per rep with the first rep at the top and every name shown', () => {
    const c = attainmentChart([row('R1', '李爱丽', 1.25), row('R2', '王博', 0.5), row('R3', '陈卡萝', null)], m);
    const y = (c.option.yAxis as { data: string[]; axisLabel: { interval: number } });
    expect(y.data).toEqual(['陈卡萝', '王博', '李爱丽']);
    expect(y.axisLabel.interval).toBe(0);
    const svg = renderSvg(c);
    for (const name of ['李爱丽', '王博', '陈卡萝', '125.0%', '50.0%']) expect(svg).toContain(`>${name}<`);
    expect(svg).toContain(`font-family:${FONT}`);
    expect(svg).not.toContain('paint-order');
  });

  it('labels all 12 months of a trend and writes attainment in percent on the second axis', () => {
    const trend = Array.from({ length: 12 }, (_, i) => ({ month: `2025-${String(i + 1).padStart(2, '0')}`, revenue: 1000 * i, target: 900 * i, attainment: 0.5, teamMedianAttainment: null }));
    const c = trendChart(trend, m);
    const svg = renderSvg(c);
    for (const month of ['25-01', '25-06', '25-12']) expect(svg).toContain(`>${month}<`);
    const series = c.option.series as Array<{ yAxisIndex?: number; data: Array<number | null> }>;
    expect(series[2]!.yAxisIndex).toBe(1);
    expect(series[2]!.data[0]).toBe(50);
  });

  it('puts rank 1 at the top and leaves months without a rank empty', () => {
    const c = rankHistoryChart([{ month: '2025-01', rank: 2, of: 3 }, { month: '2025-02', rank: null, of: 3 }], m);
    expect((c.option.yAxis as { inverse: boolean }).inverse).toBe(true);
    expect((c.option.series as Array<{ data: unknown[] }>)[0]!.data).toEqual([2, null]);
    expect(renderSvg(c)).toContain('>2/3<');
  });

  it('fills the retention heatmap with percentages by cohort and month offset', () => {
    const c = retentionHeatmap([{ cohort: '2025-01', size: 4, values: [1, 0.25] }, { cohort: '2025-02', size: 2, values: [1] }], m);
    expect((c.option.series as Array<{ data: unknown[] }>)[0]!.data).toEqual([[0, 0, 100], [1, 0, 25], [0, 1, 100]]);
    expect(renderSvg(c)).toContain('>2025-01 (4)<');
  });

  it('removes stroked halos from text only', () => {
    const svg = '<text fill="#333" stroke="#fff" stroke-width="2" paint-order="stroke">a</text><path stroke="#000"/>';
    expect(withoutTextHalos(svg)).toBe('<text fill="#333">a</text><path stroke="#000"/>');
  });
});
