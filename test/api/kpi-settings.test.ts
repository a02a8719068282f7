// GET/PUT /api/settings (role guard, validation, cache invalidation) and GET /api/metrics/definitions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKpiTestApp, HOLIDAYS, MAKEUP, type KpiTestApp } from '../fixtures/kpi-fixture.ts';

describe('settings and metric definitions', () => {
  let t: KpiTestApp;
  beforeAll(async () => {
    t = await createKpiTestApp();
  });
  afterAll(async () => t.close());

  const put = (payload: unknown, who: keyof KpiTestApp['as'] = 'admin') => t.app.inject({ method: 'PUT', url: '/api/settings', headers: t.as[who], payload: payload as object });

  it('answers the settings', async () => {
    const { status, body } = await t.get('/api/settings', 'rep');
    expect(status).toBe(200);
    expect(body).toEqual({
      evaluationWeights: { revenue: 50, new_customers: 20, visits: 15, key_account_coverage: 15 },
      holidays: HOLIDAYS,
      makeupWorkdays: MAKEUP,
      fiscalYearStartMonth: 1,
      reportingCurrency: 'CNY',
    });
  });

  it('lets only admins and managers change them', async () => {
    const res = await put({ fiscalYearStartMonth: 4 }, 'supervisor');
    expect(res.statusCode).toBe(403);
  });

  it('refuses unknown keys and impossible dates', async () => {
    expect((await put({ colour: 'red' })).statusCode).toBe(400);
    const bad = await put({ holidays: ['2025-02-30'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].parameter).toMatch(/^holidays/);
    expect((await put({ fiscalYearStartMonth: 13 })).statusCode).toBe(400);
  });

  it('changes pacing at once: a new holiday drops cached answers', async () => {
    const before = await t.get('/api/kpi/attainment?by=rep');
    expect(before.body.rows.find((r: { key: string }) => r.key === 'R2').expectedToDate).toBe(9000);
    // One more holiday on Mon 03-03: March 19 working days, 8 elapsed.
    const res = await put({ holidays: ['2025-03-03', ...HOLIDAYS] });
    expect(res.statusCode).toBe(200);
    expect(res.json().holidays).toEqual(['2025-03-03', ...HOLIDAYS]);
    const after = await t.get('/api/kpi/attainment?by=rep');
    const bob = after.body.rows.find((r: { key: string }) => r.key === 'R2');
    // Bob's March share of 63000 is now 63000 × 19/62 (Jan 23 + Feb 20 + Mar 19); expected × 8/19.
    expect(bob.target).toBeCloseTo((63000 * 19) / 62, 2);
    expect(bob.expectedToDate).toBeCloseTo((((63000 * 19) / 62) * 8) / 19, 2);
    await put({ holidays: HOLIDAYS });
  });

  it('serves the metric definitions in either language from docs/metrics.md', async () => {
    const en = await t.get('/api/metrics/definitions?lang=en');
    expect(en.status).toBe(200);
    const revenue = en.body.metrics.find((m: { id: string }) => m.id === 'revenue');
    expect(revenue.name).toBe('Revenue');
    expect(revenue.definition).toMatch(/not cancelled/);
    expect(revenue.computedIn).toContain('server/queries/actuals.ts');
    const zh = await t.get('/api/metrics/definitions');
    expect(zh.body.lang).toBe('zh');
    expect(zh.body.metrics.find((m: { id: string }) => m.id === 'revenue').name).toBe('销售额');
    for (const id of ['orders', 'attainment', 'pace', 'projection', 'gap', 'growth', 'rank', 'target']) {
      expect(en.body.metrics.map((m: { id: string }) => m.id)).toContain(id);
    }
  });
});
