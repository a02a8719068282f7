// /api/reps, /api/reps/:id/evaluation and PUT /api/reps/:id/review on the extended fixture
// (as-of 2025-03-14, default weights revenue 50, new customers 20, visits 15, coverage 15).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomerTestApp, type CustomerTestApp } from '../fixtures/customer-fixture.ts';

describe('GET /api/reps', () => {
  let t: CustomerTestApp;
  beforeAll(async () => {
    t = await createCustomerTestApp();
  });
  afterAll(async () => t.close());

  it('lists the roster in scope with whether each is employed on the as-of date', async () => {
    const all = await t.get('/api/reps');
    expect(all.status).toBe(200);
    expect(all.body.rows.map((r: { repId: string; active: boolean }) => [r.repId, r.active])).toEqual([
      ['R1', true],
      ['R2', true],
      ['R3', true],
      ['R4', false],
      ['S1', true],
    ]);
    expect(all.body.rows[0]).toEqual({ repId: 'R1', name: 'Alice', role: 'rep', team: '华东一组', region: '华东', managerId: 'S1', active: true });
    const sam = await t.get('/api/reps', 'supervisor');
    expect(sam.body.rows.map((r: { repId: string }) => r.repId)).toEqual(['R1', 'R2', 'S1']);
    const alice = await t.get('/api/reps', 'rep');
    expect(alice.body.rows.map((r: { repId: string }) => r.repId)).toEqual(['R1']);
  });
});

describe('GET /api/reps/:id/evaluation', () => {
  let t: CustomerTestApp;
  beforeAll(async () => {
    t = await createCustomerTestApp();
  });
  afterAll(async () => t.close());

  it("scores Alice's March: components with a target, clamped and weighted", async () => {
    const { status, body } = await t.get('/api/reps/R1/evaluation');
    expect(status).toBe(200);
    // Revenue: O301 12000 + 2000.455, O302 3000, O303 −1500, O502 2000, O505 −800, O511 600 = 17300.455;
    //   target 40000 → 0.432511. New customers: C11 (first purchase 03-12, hers) = 1 of 1 → 1.
    // Visits: V1, V2, V3 = 3 of 10 → 0.3. Coverage: C10 not visited since 02-01 → 0 of 1 → 0 (target 100 %).
    // Score = 100 × (50 × 0.432511 + 20 × 1 + 15 × 0.3 + 15 × 0) / 100 = 46.12555 → 46.13.
    // Team medians (华东一组: Alice and Bob; Sam supervises and is not scored):
    //   revenue: Bob 16000 of 20000 (Q1 63000 × 20 / 63 working days) = 0.8 → median (0.432511 + 0.8) / 2;
    //   new customers: Bob has no target → Alice's 1; visits: Bob 1 of 4 = 0.25 → (0.3 + 0.25) / 2 = 0.275;
    //   coverage: Bob owns no key account → Alice's 0.
    expect(body.score).toBe(46.13);
    expect(body.components.map((c: { metric: string; weight: number; actual: number; target: number; attainment: number }) => [c.metric, c.weight, c.actual, c.target, c.attainment])).toEqual([
      ['revenue', 50, 17300.46, 40000, 0.432511],
      ['new_customers', 20, 1, 1, 1],
      ['visits', 15, 3, 10, 0.3],
      ['key_account_coverage', 15, 0, 1, 0],
    ]);
    const medians = body.components.map((c: { teamMedian: number }) => c.teamMedian);
    expect(medians[0]).toBeCloseTo(0.6162555, 5);
    expect(medians.slice(1)).toEqual([1, 0.275, 0]);
  });

  it('drops components without a target: Carol is scored on coverage alone', async () => {
    const { body } = await t.get('/api/reps/R3/evaluation');
    // No revenue, new-customer or visit targets; key accounts C3 (unvisited) and C4 (03-12) → 0.5 → 50.
    expect(body.score).toBe(50);
    expect(body.components.filter((c: { attainment: number | null }) => c.attainment !== null).map((c: { metric: string }) => c.metric)).toEqual([
      'key_account_coverage',
    ]);
  });

  it('drops coverage for a rep without key accounts (Bob)', async () => {
    const { body } = await t.get('/api/reps/R2/evaluation');
    // Revenue 16000 / 20000 = 0.8; visits 1 / 4 = 0.25; no new-customer target; no key accounts.
    // 100 × (50 × 0.8 + 15 × 0.25) / 65 = 67.307… → 67.31.
    expect(body.score).toBe(67.31);
    expect(body.components[3]).toMatchObject({ metric: 'key_account_coverage', actual: null, target: null, attainment: null });
  });

  it('gives the 12-month trend with team medians and the rank history by revenue', async () => {
    const { body } = await t.get('/api/reps/R1/evaluation');
    expect(body.trend).toHaveLength(12);
    expect(body.trend[0].month).toBe('2024-04');
    // January: Alice 6000 + 5000 (C8) = 11000 of 30000; Bob 4000 + 3000 (C7) = 7000 of 23000 (63000 × 23 / 63).
    // February: Alice 10000 + 1500 = 11500 of 30000; Bob 6000 + 4000 = 10000 of 20000.
    expect(body.trend.slice(-3)).toEqual([
      { month: '2025-01', revenue: 11000, target: 30000, attainment: 0.366667, teamMedianAttainment: 0.335507 },
      { month: '2025-02', revenue: 11500, target: 30000, attainment: 0.383333, teamMedianAttainment: 0.441667 },
      { month: '2025-03', revenue: 17300.46, target: 40000, attainment: 0.432511, teamMedianAttainment: 0.616256 },
    ]);
    expect(body.trend[8]).toMatchObject({ month: '2024-12', revenue: 9500, target: null, attainment: null });
    // January: Alice 11000, Carol 8000, Bob 7000, Dave 6000 → 1 of 4. February: Alice 11500, Bob 10000,
    // Carol 9500 (Dave gone) → 1 of 3. March: Alice 17300.46, Carol 16000.4, Bob 16000 → 1 of 3.
    expect(body.rankHistory.slice(-3)).toEqual([
      { month: '2025-01', rank: 1, of: 4 },
      { month: '2025-02', rank: 1, of: 3 },
      { month: '2025-03', rank: 1, of: 3 },
    ]);
    const bob = await t.get('/api/reps/R2/evaluation');
    expect(bob.body.rankHistory.slice(-3).map((r: { rank: number }) => r.rank)).toEqual([3, 2, 3]);
  });

  it('lists top customers, customers at risk and recent visits', async () => {
    const { body } = await t.get('/api/reps/R1/evaluation?lang=en');
    // Her March lines by customer: C1 12500.455, C2 3000, C7 2000, C11 600, C8 −800.
    expect(body.topCustomers.map((c: { customerId: string; revenue: number }) => [c.customerId, c.revenue])).toEqual([
      ['C1', 12500.46],
      ['C2', 3000],
      ['C7', 2000],
      ['C11', 600],
      ['C8', -800],
    ]);
    expect(body.topCustomers[0].share).toBeCloseTo(12500.455 / 17300.455, 6);
    expect(body.atRisk.map((c: { customerId: string; reason: string }) => [c.customerId, c.reason])).toEqual([
      ['C10', 'key account, last visit 2025-02-01'],
    ]);
    expect(body.recentVisits.map((v: { visitId: string }) => v.visitId)).toEqual(['V3', 'V2', 'V1', 'V8', 'V14', 'V13', 'V9', 'V10']);
    expect(body.review).toBeNull();
  });

  it('lets a rep see their own evaluation, hides others (404) and refuses assistants (403)', async () => {
    expect((await t.get('/api/reps/R1/evaluation', 'rep')).status).toBe(200);
    expect((await t.get('/api/reps/R2/evaluation', 'rep')).status).toBe(404);
    expect((await t.get('/api/reps/R3/evaluation', 'supervisor')).status).toBe(404);
    expect((await t.get('/api/reps/R1/evaluation', 'supervisor')).status).toBe(200);
    expect((await t.get('/api/reps/R1/evaluation', 'assistant')).status).toBe(403);
    expect((await t.get('/api/reps/NOBODY/evaluation')).status).toBe(404);
  });
});

describe('PUT /api/reps/:id/review', () => {
  let t: CustomerTestApp;
  beforeAll(async () => {
    t = await createCustomerTestApp();
  });
  afterAll(async () => t.close());

  const put = (id: string, who: keyof CustomerTestApp['as'], payload: unknown, period = '2025-03') =>
    t.app.inject({ method: 'PUT', url: `/api/reps/${id}/review?period=${period}`, headers: t.as[who], payload: payload as object });

  it("stores the supervisor's review, which the evaluation then shows", async () => {
    const res = await put('R1', 'supervisor', { comment: '回款跟进及时', rating: 4 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ comment: '回款跟进及时', rating: 4, by: 'sam' });
    const { body } = await t.get('/api/reps/R1/evaluation');
    expect(body.review).toMatchObject({ comment: '回款跟进及时', rating: 4, by: 'sam' });
    // Another period's evaluation has none; a second write replaces the first.
    expect((await t.get('/api/reps/R1/evaluation?period=2025-02')).body.review).toBeNull();
    expect((await put('R1', 'manager', { comment: null, rating: 5 })).json()).toMatchObject({ comment: null, rating: 5, by: 'mona' });
  });

  it('allows managers and admins; refuses reps, assistants, and a supervisor outside their team or on themselves', async () => {
    expect((await put('R3', 'admin', { comment: 'ok', rating: 3 })).statusCode).toBe(200);
    expect((await put('R1', 'rep', { comment: 'me', rating: 5 })).statusCode).toBe(403);
    expect((await put('R1', 'assistant', { comment: 'x', rating: 5 })).statusCode).toBe(403);
    expect((await put('R3', 'supervisor', { comment: 'x', rating: 2 })).statusCode).toBe(404);
    expect((await put('S1', 'supervisor', { comment: 'x', rating: 5 })).statusCode).toBe(403);
  });

  it('validates the rating, the body and the period', async () => {
    expect((await put('R1', 'manager', { comment: 'x', rating: 6 })).statusCode).toBe(400);
    expect((await put('R1', 'manager', { comment: 'x', rating: 0 })).statusCode).toBe(400);
    expect((await put('R1', 'manager', { comment: 'x' })).statusCode).toBe(400);
    expect((await put('R1', 'manager', { comment: 'x', rating: 3, extra: 1 })).statusCode).toBe(400);
    expect((await put('R1', 'manager', { comment: 'x', rating: 3 }, '2025-13')).statusCode).toBe(400);
  });

  it('needs the session CSRF token', async () => {
    const { cookie } = t.as.manager as { cookie: string };
    const res = await t.app.inject({ method: 'PUT', url: '/api/reps/R1/review?period=2025-03', headers: { cookie }, payload: { comment: 'x', rating: 3 } });
    expect(res.statusCode).toBe(403);
  });
});
