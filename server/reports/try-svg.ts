import { renderSvg, attainmentChart, retentionHeatmap } from './charts.ts';
import { messages } from './messages.ts';
const m = messages('zh');
const svg = renderSvg(attainmentChart([{ key: 'a', name: '周勇', actual: 1, target: 1, attainment: 1.2, expectedToDate: 1, pace: 1, projection: 1, gap: 0 }, { key: 'b', name: 'Bob', actual: 1, target: 1, attainment: 0.5, expectedToDate: 1, pace: 1, projection: 1, gap: 0 }], m));
console.log(svg.split('\n').filter((l) => l.includes('<text')).join('\n'));
const h = renderSvg(retentionHeatmap([{ cohort: '2025-12', size: 29, values: [1, 0.207] }], m));
console.log(h.split('\n').filter((l) => l.includes('<text')).join('\n'));
