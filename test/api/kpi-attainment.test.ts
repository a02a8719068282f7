// GET /api/kpi/attainment against the hand-built fixture: pacing on March 2025 (20 working days,
// 9 elapsed at the as-of date 2025-03-14, with two holidays and a make-up Saturday).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKpiTestApp, EAST, NORTH, T1, T2, type KpiTestApp } from '../fixtures/kpi-fixture.ts';

describe('GET /api/kpi/attainment', () => {
  let t: KpiTestApp;
  beforeAll(async () => {
    t = await createKpiTestApp();
  });
  afterAll(async () => t.close());

  it('paces each rep on working days, with null figures for a rep without target', async () => {
    const { status, body } = await t.get('/api/kpi/attainment?by=rep&metric=revenue');
    expect(status).toBe(200);
    expect(body.period.label).toBe('2025-03');
    expect(body.rows).toEqual([
      // Carol: no target. Projection 16000.4 × 20 / 9 = 35556.444….
      { key: 'R3', name: 'Carol', actual: 16000.4, target: null, attainment: null, expectedToDate: null, pace: null, projection: 35556.44, gap: null },
      // Bob: Q1 63000 spread by working days (Jan 23, Feb 20, Mar 20 of 63) → March 20000.
      // Expected 20000 × 9/20 = 9000; pace 16000/9000; projection 16000 × 20/9 = 35555.555…; gap 4000.
      { key: 'R2', name: 'Bob', actual: 16000, target: 20000, attainment: 0.8, expectedToDate: 9000, pace: 1.777778, projection: 35555.56, gap: 4000 },
      // Alice: 40000; expected 18000; attainment 15500.455/40000 = 0.38751…; gap 24499.545.
      { key: 'R1', name: 'Alice', actual: 15500.46, target: 40000, attainment: 0.387511, expectedToDate: 18000, pace: 0.861136, projection: 34445.46, gap: 24499.55 },
    ]);
    // Dave (left in January) and Sam (supervisor, no sales, no target) are not listed.
  });

  it('takes an explicit team target and sums members for a team without one', async () => {
    const { body } = await t.get('/api/kpi/attainment?by=team');
    expect(body.rows).toEqual([
      // T1 has no target of its own: Alice 40000 + Bob 20000.
      { key: T1, name: T1, actual: 31500.46, target: 60000, attainment: 0.525008, expectedToDate: 27000, pace: 1.166684, projection: 70001.01, gap: 28499.55 },
      // T2's explicit March target 25000 (Carol has none of her own).
      { key: T2, name: T2, actual: 16000.4, target: 25000, attainment: 0.640016, expectedToDate: 11250, pace: 1.422258, projection: 35556.44, gap: 8999.6 },
    ]);
  });

  it('sums region targets from members only', async () => {
    const { body } = await t.get('/api/kpi/attainment?by=region');
    expect(body.rows.map((r: { key: string; target: number | null }) => [r.key, r.target])).toEqual([
      [EAST, 60000],
      [NORTH, null],
    ]);
  });

  it('uses an explicit quarter target over the sum of the months', async () => {
    const { body } = await t.get('/api/kpi/attainment?by=rep&period=2025-Q1');
    const byKey = Object.fromEntries(body.rows.map((r: { key: string }) => [r.key, r]));
    // Q1 working days 23 + 20 + 20 = 63; elapsed at 03-14: 23 + 20 + 9 = 52.
    // Alice: explicit 95000 (her months add up to 100000); actual 6000 + 10000 + 15500.455.
    expect(byKey.R1).toMatchObject({ actual: 31500.46, target: 95000, expectedToDate: 78412.7 });
    expect(byKey.R1.attainment).toBeCloseTo(31500.455 / 95000, 6);
    // Bob: 4000 + 10000 + 16000 against 63000.
    expect(byKey.R2).toMatchObject({ actual: 30000, target: 63000, expectedToDate: 52000, gap: 33000 });
    // Dave worked in January of the quarter: 6000 against his January target 10000.
    expect(byKey.R4).toMatchObject({ name: 'Dave', actual: 6000, target: 10000, attainment: 0.6 });
    expect(byKey.R3).toMatchObject({ actual: 33500.4, target: null });
  });

  it('measures visits against visit targets', async () => {
    const { body } = await t.get('/api/kpi/attainment?by=rep&metric=visits');
    const byKey = Object.fromEntries(body.rows.map((r: { key: string }) => [r.key, r]));
    // Alice 3 of 10 (expected 10 × 9/20 = 4.5), Bob 1 of 4 (expected 1.8).
    expect(byKey.R1).toMatchObject({ actual: 3, target: 10, attainment: 0.3, expectedToDate: 4.5, gap: 7 });
    expect(byKey.R2).toMatchObject({ actual: 1, target: 4, attainment: 0.25, expectedToDate: 1.8 });
    expect(byKey.R3).toMatchObject({ actual: 1, target: null });
  });

  it("shows a rep only their own row", async () => {
    const { body } = await t.get('/api/kpi/attainment?by=rep', 'rep');
    expect(body.rows.map((r: { key: string }) => r.key)).toEqual(['R1']);
  });

  it('refuses a rep filter outside the scope', async () => {
    const { status, body } = await t.get('/api/kpi/attainment?rep=R2', 'rep');
    expect(status).toBe(403);
    expect(body.error.code).toBe('forbidden');
  });
});
