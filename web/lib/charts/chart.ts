// The chart action: creates the ECharts instance (loading ECharts on first use), applies options,
// follows the container's size, disposes on destroy, and marks the container data-chart-ready="true"
// once a render with data has finished, so browser tests wait on a condition.
import type { Action } from 'svelte/action';
import type { ChartOption } from './types';

/** What a click on a chart element reports: which series and which data item. */
export interface ChartClick {
  componentType: string;
  seriesIndex?: number;
  dataIndex: number;
  name: string;
}

export interface ChartParams {
  option: ChartOption;
  /** False while the option carries no data: the container then never reports ready. */
  hasData: boolean;
  /** Called when a data element is clicked (bars that open a rep, a cell that opens a list). */
  onclick?: (event: ChartClick) => void;
}

export const chart: Action<HTMLElement, ChartParams> = (node, initial) => {
  let params = initial;
  let instance: import('./echarts').ECharts | null = null;
  let destroyed = false;
  let frame = 0;
  node.dataset.chartReady = 'false';

  const observer = new ResizeObserver(() => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => instance?.resize());
  });

  function apply(): void {
    if (!instance) return;
    node.dataset.chartReady = 'false';
    instance.setOption(params.option, { notMerge: true });
  }

  void import('./echarts').then(({ init, THEME }) => {
    if (destroyed) return;
    instance = init(node, THEME, { renderer: 'canvas' });
    instance.on('finished', () => {
      if (params.hasData) node.dataset.chartReady = 'true';
    });
    instance.on('click', (event) => params.onclick?.(event as ChartClick));
    apply();
    observer.observe(node);
  });

  return {
    update(next) {
      params = next;
      apply();
    },
    destroy() {
      destroyed = true;
      cancelAnimationFrame(frame);
      observer.disconnect();
      instance?.dispose();
      instance = null;
    },
  };
};
