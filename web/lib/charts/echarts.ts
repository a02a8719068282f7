// The only place ECharts is loaded: echarts/core plus exactly the charts and components the pages
// use, registered once (keeps the bundle small). Add a chart type here when a page needs it.
import { use, init, registerTheme } from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { attainTheme } from './theme';

// Charts carry their own accessible table (Chart.svelte), so ECharts' aria component is not needed.
use([BarChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

export const THEME = 'attain';
registerTheme(THEME, attainTheme);

export { init };
export type { ECharts } from 'echarts/core';
