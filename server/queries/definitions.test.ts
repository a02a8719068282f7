import { describe, expect, it } from 'vitest';
import { metricDefinitions, parseDefinitions } from './definitions.ts';

describe('metric definitions', () => {
  it('parses metric blocks and skips incomplete ones', () => {
    const md = [
      '# Title',
      '### revenue',
      '- name: Revenue | 销售额',
      '- en: Net sales.',
      '- zh: 净销售额。',
      '- computed in: `server/queries/actuals.ts`, `x.ts`',
      'A note for readers.',
      '### half',
      '- name: Half | 半',
      '- en: Only English.',
      '## Section',
      '- en: not in a block',
    ].join('\n');
    expect(parseDefinitions(md)).toEqual([
      { id: 'revenue', name: { en: 'Revenue', zh: '销售额' }, definition: { en: 'Net sales.', zh: '净销售额。' }, computedIn: ['server/queries/actuals.ts', 'x.ts'] },
    ]);
  });

  it('finds a complete block for every KPI of the overview in docs/metrics.md', () => {
    const ids = metricDefinitions().map((d) => d.id);
    for (const id of ['revenue', 'target', 'attainment', 'pace', 'projection', 'orders', 'aov', 'active_customers', 'new_customers', 'visits']) {
      expect(ids).toContain(id);
    }
  });
});
