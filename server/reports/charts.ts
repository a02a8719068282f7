// The pack's charts as vector SVG from ECharts' server-side renderer: pure option builders (tested)
// and one render function that always disposes the chart (an undisposed one keeps Node busy).
import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, VisualMapComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { AttainmentRow } from '../queries/attainment.ts';
import type { EvaluationAnswer } from '../queries/evaluation.ts';
import type { CohortRow } from '../queries/retention.ts';
import { FONT } from './fonts.ts';
import { fill, type Messages } from './messages.ts';

echarts.use([BarChart, LineChart, HeatmapChart, GridComponent, LegendComponent, MarkLineComponent, VisualMapComponent, SVGRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

export interface Chart {
  option: ChartOption;
  width: number;
  height: number;
}

const COLORS = { met: '#2f9e44', below: '#3b6fd8', target: '#e8590c', median: '#868e96', grid: '#dee2e6' };
/** The tallest chart that fits a page under its heading. */
const MAX_CHART_HEIGHT = 680;
const pct = (v: number) => `${Math.round(v)}%`;

/** Renders a chart to an SVG string; the registered font is set on every text. */
export function renderSvg(chart: Chart): string {
  const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, width: chart.width, height: chart.height });
  try {
    instance.setOption({ animation: false, textStyle: { fontFamily: FONT, fontSize: 10, color: '#343a40' }, ...chart.option });
    return withoutTextHalos(instance.renderToSVGString());
  } finally {
    instance.dispose();
  }
}

/**
 * Drops the white halo ECharts strokes behind some labels: the PDF's SVG renderer ignores
 * paint-order, so the stroke would be painted over the glyphs and hide them.
 */
export function withoutTextHalos(svg: string): string {
  return svg.replace(/<text\b[^>]*>/g, (tag) =>
    tag.includes('paint-order="stroke"') ? tag.replace(/\s(stroke|stroke-width|paint-order|stroke-miterlimit)="[^"]*"/g, '') : tag,
  );
}

/** Revenue attainment per rep as horizontal bars (first row at the top), a line at 100 %. */
export function attainmentChart(rows: AttainmentRow[], m: Messages, width = 515): Chart {
  const shown = [...rows].reverse();
  // At most a page tall: with many reps the rows (and their names) get smaller rather than clipped.
  const height = Math.min(MAX_CHART_HEIGHT, Math.max(120, 16 * shown.length + 50));
  const nameSize = Math.max(5, Math.min(9, ((height - 50) / Math.max(1, shown.length)) * 0.7));
  return {
    width,
    height,
    option: {
      grid: { left: 8, right: 48, top: 10, bottom: 24, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      xAxis: { type: 'value', axisLabel: { fontSize: 8, formatter: (v: number) => pct(v) }, splitLine: { lineStyle: { color: COLORS.grid } } },
      yAxis: { type: 'category', data: shown.map((r) => r.name), axisLabel: { interval: 0, fontSize: nameSize }, axisTick: { show: false } },
      series: [
        {
          type: 'bar',
          barMaxWidth: 11,
          data: shown.map((r) =>
            r.attainment === null
              ? null
              : { value: r.attainment * 100, itemStyle: { color: r.attainment >= 1 ? COLORS.met : COLORS.below } },
          ),
          label: { show: true, position: 'right', fontSize: Math.min(8, nameSize), textBorderWidth: 0, textBorderColor: 'transparent', formatter: (p: { value: number }) => `${p.value.toFixed(1)}%` },
          markLine: { symbol: 'none', silent: true, label: { show: false }, lineStyle: { color: COLORS.target, type: 'dashed', width: 1, opacity: 0.6 }, data: [{ xAxis: 100 }] },
        },
      ],
    },
  };
}

/** 12 months of revenue (bars) and target (line) on the left axis, attainment and the team median on the right. */
export function trendChart(trend: EvaluationAnswer['trend'], m: Messages, width = 515): Chart {
  const months = trend.map((t) => t.month.slice(2));
  return {
    width,
    height: 180,
    option: {
      legend: { top: 0, itemWidth: 14, itemHeight: 8, textStyle: { fontSize: 9 } },
      // Fixed margins (the axis labels are short and known): measuring them costs more than the chart.
      grid: { left: 44, right: 40, top: 30, bottom: 22 },
      xAxis: { type: 'category', data: months, axisLabel: { interval: 0, fontSize: 8 } },
      yAxis: [
        { type: 'value', axisLabel: { fontSize: 8, formatter: (v: number) => compact(v) }, splitLine: { lineStyle: { color: COLORS.grid } } },
        { type: 'value', axisLabel: { fontSize: 8, formatter: (v: number) => pct(v) }, splitLine: { show: false } },
      ],
      series: [
        { name: m.revenue, type: 'bar', barMaxWidth: 16, itemStyle: { color: COLORS.below }, data: trend.map((t) => t.revenue) },
        { name: m.targetLine, type: 'line', symbolSize: 4, itemStyle: { color: COLORS.target }, data: trend.map((t) => t.target) },
        {
          name: m.attainment,
          type: 'line',
          yAxisIndex: 1,
          symbolSize: 4,
          itemStyle: { color: COLORS.met },
          data: trend.map((t) => (t.attainment === null ? null : t.attainment * 100)),
        },
        {
          name: m.teamMedianLine,
          type: 'line',
          yAxisIndex: 1,
          symbol: 'none',
          lineStyle: { type: 'dashed' },
          itemStyle: { color: COLORS.median },
          data: trend.map((t) => (t.teamMedianAttainment === null ? null : t.teamMedianAttainment * 100)),
        },
      ],
    },
  };
}

/** Rank per month, 1 at the top; months without a rank leave a gap. */
export function rankHistoryChart(history: EvaluationAnswer['rankHistory'], m: Messages, width = 515): Chart {
  const most = Math.max(1, ...history.map((h) => h.of));
  return {
    width,
    height: 120,
    option: {
      grid: { left: 36, right: 20, top: 16, bottom: 22 },
      xAxis: { type: 'category', data: history.map((h) => h.month.slice(2)), axisLabel: { interval: 0, fontSize: 8 } },
      yAxis: { type: 'value', inverse: true, min: 1, max: most, minInterval: 1, axisLabel: { fontSize: 8 }, splitLine: { lineStyle: { color: COLORS.grid } } },
      series: [
        {
          type: 'line',
          connectNulls: false,
          symbolSize: 5,
          itemStyle: { color: COLORS.below },
          label: { show: true, fontSize: 8, position: 'top', textBorderWidth: 0, textBorderColor: 'transparent', formatter: (p: { dataIndex: number }) => rankLabel(history[p.dataIndex], m) },
          data: history.map((h) => h.rank),
        },
      ],
    },
  };
}

function rankLabel(h: EvaluationAnswer['rankHistory'][number] | undefined, m: Messages): string {
  return h && h.rank !== null ? `${h.rank}/${h.of}` : fill(m.of, { n: h?.of ?? 0 });
}

/** Cohort × month-offset retention as a heatmap with the percentage in each cell. */
export function retentionHeatmap(cohorts: CohortRow[], m: Messages, width = 515): Chart {
  const span = Math.max(1, ...cohorts.map((c) => c.values.length));
  const data: Array<[number, number, number]> = [];
  cohorts.forEach((c, y) =>
    c.values.forEach((v, k) => {
      if (v !== null) data.push([k, y, Math.round(v * 1000) / 10]);
    }),
  );
  return {
    width,
    height: Math.max(90, 22 * cohorts.length + 50),
    option: {
      grid: { left: 8, right: 8, top: 8, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      xAxis: { type: 'category', data: Array.from({ length: span }, (_, k) => String(k)), axisLabel: { interval: 0, fontSize: 8 }, splitArea: { show: true } },
      yAxis: { type: 'category', inverse: true, data: cohorts.map((c) => `${c.cohort} (${c.size})`), axisLabel: { interval: 0, fontSize: 8 } },
      visualMap: { show: false, min: 0, max: 100, inRange: { color: ['#f1f3f5', '#a5d8ff', '#1c7ed6'] } },
      series: [{ type: 'heatmap', data, label: { show: span <= 18, fontSize: 7, textBorderWidth: 0, textBorderColor: 'transparent', color: '#212529', formatter: (p: { value: [number, number, number] }) => `${p.value[2]}` } }],
    },
  };
}

/** 1234567 → 1.2M; axis labels only (tables carry the exact figures). */
function compact(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e9) return `${(v / 1e9).toFixed(1)}B`;
  if (a >= 1e6) return `${(v / 1e6).toFixed(1)}M`;
  if (a >= 1e3) return `${(v / 1e3).toFixed(0)}K`;
  return String(v);
}
