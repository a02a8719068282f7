// The ECharts theme: the same calm palette and CJK-capable font stack as the page (app.css).
export const FONT_STACK =
  '-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif';

export const PALETTE = {
  revenue: '#3d6fd6',
  target: '#475467',
  attainment: '#12a37f',
  extra: ['#f0a23b', '#9d6bd8', '#e0607e', '#4bb3d4'],
};

const axisCommon = {
  axisLine: { lineStyle: { color: '#d0d5dd' } },
  axisTick: { show: false },
  axisLabel: { color: '#667085' },
  splitLine: { lineStyle: { color: '#eaecf0' } },
};

export const attainTheme = {
  color: [PALETTE.revenue, PALETTE.target, PALETTE.attainment, ...PALETTE.extra],
  backgroundColor: 'transparent',
  textStyle: { fontFamily: FONT_STACK, color: '#344054' },
  legend: { textStyle: { color: '#475467' } },
  tooltip: {
    backgroundColor: '#ffffff',
    borderColor: '#e4e7ec',
    textStyle: { color: '#1d2939' },
    extraCssText: 'box-shadow: 0 6px 20px rgba(16,24,40,.12); border-radius: 8px;',
  },
  categoryAxis: { ...axisCommon, splitLine: { show: false } },
  valueAxis: { ...axisCommon, axisLine: { show: false } },
};
