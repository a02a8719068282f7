// GET /api/kpi/overview against the hand-built fixture (test/fixtures/kpi-fixture.ts).
// As-of date 2025-03-14; March 2025 has 20 working days, 9 of them up to the 14th.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKpiTestApp, T1, type KpiTestApp } from '../fixtures/kpi-fixture.ts';

// March revenue: Alice 12000 + 2000.455 + 3000 − 1500 = 15500.455; Bob 8000 + 2000 + 5000 + 1000 = 16000;
// Carol 11000 + 5000.4 = 16000.4 (O308 cancelled) → 47500.855. February: 10000 + 10000 + 9500 = 29500.
const MAR = 15500.455 + 16000 + 16000.4;
const FEB = 29500;
// Company March target: T1 = Alice 40000 + Bob 63000 × 20/63 = 60000; T2 explicit 25000 → 85000.
// February: T1 = 30000 + 63000 × 20/63 = 50000; T2: Carol has none, Dave left in January → none.
const TARGET_MAR = 85000;
const TARGET_FEB = 50000;

describe('GET /api/kpi/overview', () => {
  let t: KpiTestApp;
  beforeAll(async () => {
    t = await createKpiTestApp();
  });
  afterAll(async () => t.close());

  it('answers the as-of month against February for the whole company', async () => {
    const { status, body } = await t.get('/api/kpi/overview');
    expect(status).toBe(200);
    expect(body.asOf).toBe('2025-03-14');
    expect(body.period).toEqual({ kind: 'month', label: '2025-03', start: '2025-03-01', end: '2025-03-31', effectiveEnd: '2025-03-14' });
    expect(body.compare).toMatchObject({ label: '2025-02', effectiveEnd: '2025-02-28' });
    const tl = body.tiles;
    expect(tl.revenue.value).toBe(47500.86); // 47500.855 rounded half away from zero
    expect(tl.revenue.compare).toBe(29500);
    expect(tl.revenue.change).toBeCloseTo((MAR - FEB) / FEB, 6);
    expect(tl.target).toEqual({ value: 85000, compare: 50000, change: 0.7 });
    expect(tl.attainment.value).toBeCloseTo(MAR / TARGET_MAR, 6);
    expect(tl.attainment.compare).toBe(0.59);
    expect(tl.attainment.change).toBeCloseTo((MAR / TARGET_MAR - 0.59) / 0.59, 6);
    // Expected to date = 85000 × 9 / 20 = 38250; February is over, so its expected is its whole target.
    expect(tl.pace.value).toBeCloseTo(MAR / 38250, 6);
    expect(tl.pace.compare).toBe(0.59);
    // Projection = 47500.855 × 20 / 9 = 105557.4555… ; a finished month projects to its actual.
    expect(tl.projection.value).toBe(105557.46);
    expect(tl.projection.compare).toBe(29500);
    // Orders with revenue > 0: March O301, O302, O304, O305, O306, O307, O309 (O303 is a return, O308 cancelled);
    // February O201–O204 (O205 cancelled).
    expect(tl.orders).toEqual({ value: 7, compare: 4, change: 0.75 });
    // 47500.855 / 7 = 6785.836…; 29500 / 4 = 7375.
    expect(tl.aov.value).toBe(6785.84);
    expect(tl.aov.compare).toBe(7375);
    expect(tl.aov.change).toBeCloseTo((MAR / 7 - 7375) / 7375, 6);
    // Purchasing customers: March C1, C2, C3, C4, C6 (C5 churned); February C1, C2, C4, C5 (C3's line cancelled).
    expect(tl.activeCustomers).toEqual({ value: 5, compare: 4, change: 0.25 });
    // First purchases: C6 on 2025-03-04, C4 on 2025-02-18.
    expect(tl.newCustomers).toEqual({ value: 1, compare: 1, change: 0 });
    // Visits: V1–V5 in March, V6–V8 in February.
    expect(tl.visits.value).toBe(5);
    expect(tl.visits.compare).toBe(3);
    expect(tl.visits.change).toBeCloseTo(2 / 3, 6);
  });

  it('compares with the same month a year earlier, where there was no target', async () => {
    const { body } = await t.get('/api/kpi/overview?compare=last_year');
    // March 2024: O401 9000 + O402 6000.
    expect(body.tiles.revenue.compare).toBe(15000);
    expect(body.tiles.target.compare).toBeNull();
    expect(body.tiles.attainment).toEqual({ value: expect.any(Number), compare: null, change: null });
    // C1 and C3 bought for the first time in March 2024.
    expect(body.tiles.newCustomers.compare).toBe(2);
  });

  it('answers no comparison when asked for none', async () => {
    const { body } = await t.get('/api/kpi/overview?compare=none');
    expect(body.compare).toBeNull();
    expect(body.tiles.revenue).toEqual({ value: 47500.86, compare: null, change: null });
  });

  it('reads the data as of an earlier date (raw lines: the month is cut before the data ends)', async () => {
    const { body } = await t.get('/api/kpi/overview?asOf=2025-03-07&compare=none');
    // Up to 03-07: Alice O301 14000.455 + O302 3000; Bob O304 10000; Carol O307 11000 → 38000.455.
    expect(body.tiles.revenue.value).toBe(38000.46);
    expect(body.tiles.orders.value).toBe(4);
    // Working days 03-01..03-07: 3, 4, 7 (5 and 6 are holidays) = 3 → projection 38000.455 × 20 / 3.
    expect(body.tiles.projection.value).toBe(253336.37);
    expect(body.tiles.pace.value).toBeCloseTo(38000.455 / ((85000 * 3) / 20), 6);
    // Visits V1, V2, V4 (V3 and V5 come later).
    expect(body.tiles.visits.value).toBe(3);
  });

  it("limits a supervisor to their team and a rep to themselves, with their targets", async () => {
    const sam = await t.get('/api/kpi/overview?compare=none', 'supervisor');
    // Sam's scope: S1, Alice, Bob. Revenue 15500.455 + 16000; target 40000 + 20000.
    expect(sam.body.tiles.revenue.value).toBe(31500.46);
    expect(sam.body.tiles.target.value).toBe(60000);
    const alice = await t.get('/api/kpi/overview?compare=none', 'rep');
    expect(alice.body.tiles.revenue.value).toBe(15500.46);
    expect(alice.body.tiles.target.value).toBe(40000);
    expect(alice.body.tiles.visits.value).toBe(3);
  });

  it('filters by team, category and channel', async () => {
    const team = await t.get(`/api/kpi/overview?compare=none&team=${encodeURIComponent(T1)}`);
    expect(team.body.tiles.revenue.value).toBe(31500.46);
    expect(team.body.tiles.target.value).toBe(60000);
    // Category B in March: O301/2 2000.455, O304/1 8000, O306 1000, O309 5000.4 → 16000.855; no targets per category.
    const cat = await t.get('/api/kpi/overview?compare=none&category=B');
    expect(cat.body.tiles.revenue.value).toBe(16000.86);
    expect(cat.body.tiles.target.value).toBeNull();
    expect(cat.body.tiles.attainment.value).toBeNull();
    // Orders with a category B line: O301, O304, O306, O309; customers C1, C6, C3.
    expect(cat.body.tiles.orders.value).toBe(4);
    expect(cat.body.tiles.activeCustomers.value).toBe(3);
    // Channel 电商 in March: O302 3000 + O305 5000.
    const chan = await t.get(`/api/kpi/overview?compare=none&channel=${encodeURIComponent('电商')}`);
    expect(chan.body.tiles.revenue.value).toBe(8000);
  });

  it('answers a quarter with explicit and summed targets', async () => {
    const { body } = await t.get('/api/kpi/overview?period=2025-Q1&compare=none');
    // Jan 24000 + Feb 29500 + Mar 47500.855.
    expect(body.tiles.revenue.value).toBe(101000.86);
    // T1: Alice's explicit Q1 95000 + Bob's Q1 63000; T2 (has its own March target): Jan Dave 10000 + Feb none + Mar 25000.
    expect(body.tiles.target.value).toBe(95000 + 63000 + 35000);
  });

  it('needs a signed-in user', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/kpi/overview' });
    expect(res.statusCode).toBe(401);
  });
});
