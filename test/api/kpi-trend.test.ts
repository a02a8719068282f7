// GET /api/kpi/trend against the hand-built fixture: revenue, revenue target and attainment per month.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKpiTestApp, type KpiTestApp } from '../fixtures/kpi-fixture.ts';

describe('GET /api/kpi/trend', () => {
  let t: KpiTestApp;
  beforeAll(async () => {
    t = await createKpiTestApp();
  });
  afterAll(async () => t.close());

  it('answers the last N months up to the as-of month', async () => {
    const { status, body } = await t.get('/api/kpi/trend?months=4');
    expect(status).toBe(200);
    expect(body.asOf).toBe('2025-03-14');
    // January target: T1 Alice 30000 + Bob 63000 × 23/63 = 23000; T2 Dave 10000 → 63000.
    expect(body.rows).toEqual([
      { month: '2024-12', revenue: 2500, target: null, attainment: null },
      { month: '2025-01', revenue: 24000, target: 63000, attainment: 0.380952 },
      { month: '2025-02', revenue: 29500, target: 50000, attainment: 0.59 },
      { month: '2025-03', revenue: 47500.86, target: 85000, attainment: 0.558834 },
    ]);
  });

  it('defaults to 24 months and follows filters and scope', async () => {
    const all = await t.get('/api/kpi/trend');
    expect(all.body.rows).toHaveLength(24);
    expect(all.body.rows[0].month).toBe('2023-04');
    // March 2024: O401 9000 + O402 6000.
    expect(all.body.rows.find((r: { month: string }) => r.month === '2024-03').revenue).toBe(15000);
    const alice = await t.get('/api/kpi/trend?months=3', 'rep');
    expect(alice.body.rows).toEqual([
      { month: '2025-01', revenue: 6000, target: 30000, attainment: 0.2 },
      { month: '2025-02', revenue: 10000, target: 30000, attainment: 0.333333 },
      { month: '2025-03', revenue: 15500.46, target: 40000, attainment: 0.387511 },
    ]);
  });

  it('ends at the selected period', async () => {
    const { body } = await t.get('/api/kpi/trend?months=2&period=2025-01');
    expect(body.rows.map((r: { month: string }) => r.month)).toEqual(['2024-12', '2025-01']);
  });
});
