// The navigation rounds cover every analytic page the side navigation offers, and the per-page
// summary is the nearest-rank percentiles of its samples.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NAV_STEPS, summarise } from './navigation.ts';

/** The side navigation's pages that carry the filters (the analytic ones), read from web/lib/nav.ts's source. */
function analyticHrefs(): string[] {
  const source = fs.readFileSync(path.resolve(import.meta.dirname, '../../web/lib/nav.ts'), 'utf8');
  return [...source.matchAll(/\{ href: '([^']+)'[^}]*keepsFilters: true/g)].map((m) => m[1]!);
}

describe('navigation rounds', () => {
  it('click every analytic page of the side navigation, one detail page under reps and customers, and end on the overview', () => {
    const analytic = analyticHrefs();
    expect(analytic).toContain('/attainment');
    const testid = (href: string) => `[data-testid="nav-${href === '/' ? 'overview' : href.slice(1)}"]`;
    for (const href of analytic) expect(NAV_STEPS.map((s) => s.link), href).toContain(testid(href));
    expect(NAV_STEPS.map((s) => s.name)).toEqual(['attainment', 'rankings', 'retention', 'visits', 'reps', 'evaluation', 'customers', 'customer', 'orders', 'overview']);
    // Each detail page is reached from the list just before it.
    expect(NAV_STEPS[NAV_STEPS.findIndex((s) => s.name === 'evaluation') - 1]!.name).toBe('reps');
    expect(NAV_STEPS[NAV_STEPS.findIndex((s) => s.name === 'customer') - 1]!.name).toBe('customers');
    expect(NAV_STEPS.at(-1)!.path.test('/')).toBe(true);
  });

  it('summarises a page by median, nearest-rank p95 and maximum', () => {
    // Twenty samples 10, 20, …, 200: median (100 + 110) / 2, p95 the 19th, max the 20th.
    const samples = Array.from({ length: 20 }, (_, i) => (i + 1) * 10).reverse();
    expect(summarise('reps', samples)).toEqual({ page: 'reps', samples, p50: 105, p95: 190, max: 200 });
    expect(summarise('reps', [])).toEqual({ page: 'reps', samples: [], p50: null, p95: null, max: null });
  });
});
