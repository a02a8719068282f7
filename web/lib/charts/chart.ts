// The chart action: creates the ECharts instance, applies options, follows the container's size,
// disposes on destroy, and marks the container data-chart-ready="true" once a render with data has
// finished, so browser tests wait on a condition.
import type { Action } from 'svelte/action';
import type { ChartOption } from './types';

// ECharts is its own chunk, fetched as soon as a page that draws charts loads its code, so it
// arrives while that page's data is on its way rather than after it. A failed fetch is forgotten,
// so the next chart tries again.
let echarts: Promise<typeof import('./echarts')> | null = null;
function loadECharts(): Promise<typeof import('./echarts')> {
  echarts ??= import('./echarts').catch((err: unknown) => {
    echarts = null;
    throw err;
  });
  return echarts;
}
if (typeof window !== 'undefined') loadECharts().catch(() => undefined);

/** Whether the user asked the system for less motion. */
const reducedMotion = () => typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

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

  let drawn = false;

  // The first draw shows the figures at once: ECharts reports "finished" only after its entry
  // animation, which would hold a page's content back by the animation's length on every visit.
  // Later changes in place animate so the eye can follow them, unless the user asks for less motion.
  function apply(): void {
    if (!instance) return;
    node.dataset.chartReady = 'false';
    const animate = drawn && !reducedMotion();
    instance.setOption(animate ? params.option : { ...params.option, animation: false }, { notMerge: true });
    drawn = true;
  }

  void loadECharts().then(({ init, THEME }) => {
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
