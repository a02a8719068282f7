// GET /api/kpi/retention and /api/kpi/retention/customers on the extended fixture (as-of 2025-03-14).
// Every expectation is worked out by hand below from test/fixtures/{kpi,customer}-fixture.ts.
//
// Purchases (not cancelled, amount > 0) per customer, with the month of the first = cohort:
//   C1 2024-03-15, 2025-01-10, 02-05, 03-03            cohort 2024-03   (return -1500 on 03-10)
//   C2 2024-12-10, 2025-01-22, 02-12, 03-07, 03-11     cohort 2024-12
//   C3 2024-03-20, 2025-01-20, 03-14                   cohort 2024-03   key, never visited
//   C4 2025-02-18, 03-05                               cohort 2025-02   key, visited 03-12
//   C5 2025-01-15, 02-10                               cohort 2025-01
//   C6 2025-03-04                                      cohort 2025-03
//   C7 2025-01-08 (Bob), 03-06 (Alice)                 cohort 2025-01
//   C8 2025-01-25, 02-14 (and a -800 return 03-09)     cohort 2025-01
//   C9 2024-10-01, 10-15, 11-05, 11-19                 cohort 2024-10
//   C10 2024-12-20                                     cohort 2024-12   key, last visit 02-01
//   C11 2025-03-12                                     cohort 2025-03
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomerTestApp, type CustomerTestApp } from '../fixtures/customer-fixture.ts';

describe('GET /api/kpi/retention', () => {
  let t: CustomerTestApp;
  beforeAll(async () => {
    t = await createCustomerTestApp();
  });
  afterAll(async () => t.close());

  it('builds the logo cohort matrix of the quarter, followed to the as-of month', async () => {
    const { status, body } = await t.get('/api/kpi/retention?period=2025-Q1&basis=logo');
    expect(status).toBe(200);
    // 2025-01 = {C5, C7, C8}: February buyers C5, C8 → 2/3; March buyers C7 only (C8 only returned) → 1/3.
    // 2025-02 = {C4}: buys again in March → 1. 2025-03 = {C6, C11}: only k = 0.
    expect(body.cohorts).toEqual([
      { cohort: '2025-01', size: 3, values: [1, 0.666667, 0.333333] },
      { cohort: '2025-02', size: 1, values: [1, 1] },
      { cohort: '2025-03', size: 2, values: [1] },
    ]);
  });

  it('builds the revenue cohort matrix: net revenue of month k over that of the cohort month', async () => {
    const { body } = await t.get('/api/kpi/retention?period=2025-Q1&basis=revenue');
    // 2025-01: January 4000 + 3000 + 5000 = 12000; February 6000 + 1500 = 7500 → 0.625;
    //          March 2000 (C7) − 800 (C8's return) = 1200 → 0.1.
    // 2025-02: February 9000 + 500 = 9500; March 11000 → 11000 / 9500 = 1.157895.
    expect(body.cohorts).toEqual([
      { cohort: '2025-01', size: 3, values: [1, 0.625, 0.1] },
      { cohort: '2025-02', size: 1, values: [1, 1.157895] },
      { cohort: '2025-03', size: 2, values: [1] },
    ]);
  });

  it('computes NRR, GRR and churn of a closed month against the month before, and risk as of its end', async () => {
    const { body } = await t.get('/api/kpi/retention?period=2025-02');
    // January buyers: C1 6000, C2 6000 (from Dave), C3 8000, C5 4000, C7 3000, C8 5000 → base 32000.
    // Their February: C1 10000, C2 4000, C3 0 (its line was cancelled), C5 6000, C7 0, C8 1500 → 21500.
    // NRR = 21500 / 32000 = 0.671875. GRR: 6000 + 4000 + 0 + 4000 + 0 + 1500 = 15500 / 32000 = 0.484375.
    // Churned: C3 and C7. At risk as of 02-28: C9 (101 days since 2024-11-19 > 45) and C3 (key
    // account, no visit); C10 was visited on 02-01, within the 30 days to 02-28.
    expect(body.compare.label).toBe('2025-01');
    // The February cohort (C4) is followed to the as-of month: C4 bought again on 03-05.
    expect(body.cohorts).toEqual([{ cohort: '2025-02', size: 1, values: [1, 1] }]);
    expect(body.nrr).toBe(0.671875);
    expect(body.grr).toBe(0.484375);
    expect(body.churned).toBe(2);
    expect(body.atRisk).toBe(2);
  });

  it('counts churn and risk of the as-of month (March to 03-14 against February)', async () => {
    const { body } = await t.get('/api/kpi/retention');
    // C5 (last bought 02-10) and C8 (02-14, only a return in March) bought in February, not in March.
    // At risk on 03-14: C3, C9, C10 (see the list test).
    expect(body.period.label).toBe('2025-03');
    expect(body.compare.label).toBe('2025-02');
    expect(body.cohorts).toEqual([{ cohort: '2025-03', size: 2, values: [1] }]);
    expect(body.churned).toBe(2);
    expect(body.atRisk).toBe(3);
  });

  it('computes NRR and GRR of a whole quarter against the previous quarter', async () => {
    // As of 03-31 (after the last order) the quarter and its comparison are both whole.
    const { body } = await t.get('/api/kpi/retention?period=2025-Q1&asOf=2025-03-31');
    // Q4 2024 buyers: C9 1000 + 1200 + 900 + 1100 = 4200, C2 2500, C10 7000 → base 13700.
    // Q1 2025: C9 0, C2 6000 + 4000 + 3000 + 5000 = 18000, C10 0 → NRR 18000 / 13700 = 1.313869.
    // GRR: 0 + min(18000, 2500) + 0 = 2500 / 13700 = 0.182482. Churned: C9, C10.
    expect(body.nrr).toBe(1.313869);
    expect(body.grr).toBe(0.182482);
    expect(body.churned).toBe(2);
  });

  it('has no NRR, GRR or churn without a comparison period', async () => {
    const { body } = await t.get('/api/kpi/retention?compare=none');
    expect([body.nrr, body.grr, body.churned]).toEqual([null, null, null]);
  });

  it("gives a rep's figures over their customers: owned, sold to or visited (Alice: C1, C2, C7, C8, C10, C11)", async () => {
    const { body } = await t.get('/api/kpi/retention?rep=R1');
    // February buyers among them: C1 10000, C2 4000 (bought from Bob, still Alice's customer), C8 1500 → 15500.
    // March: 12500.455 + 8000 − 800 = 19700.455 → NRR 1.270997; GRR (10000 + 4000 + 0) / 15500 = 0.903226.
    // Churned: C8. At risk: C10 only. March cohort: C11 (C6 is Bob's).
    expect(body.nrr).toBe(1.270997);
    expect(body.grr).toBe(0.903226);
    expect(body.churned).toBe(1);
    expect(body.atRisk).toBe(1);
    expect(body.cohorts).toEqual([{ cohort: '2025-03', size: 1, values: [1] }]);
    // Alice herself sees the same figures.
    const own = await t.get('/api/kpi/retention', 'rep');
    expect(own.body.nrr).toBe(1.270997);
  });

  it("gives a team's figures over the customers of its reps (华北二组: C2 via Dave, C3, C4)", async () => {
    const { body } = await t.get(`/api/kpi/retention?period=2025-02&team=${encodeURIComponent('华北二组')}`);
    // January buyers: C2 6000, C3 8000 → 14000; February: C2 4000, C3 0 → NRR 4000 / 14000 = 0.285714;
    // GRR min(4000, 6000) / 14000 = 0.285714. Churned: C3. At risk on 02-28: C3 (key account, no visit).
    expect(body.nrr).toBe(0.285714);
    expect(body.grr).toBe(0.285714);
    expect(body.churned).toBe(1);
    expect(body.atRisk).toBe(1);
  });

  it('refuses a rep filter outside the caller scope, and unknown parameters', async () => {
    expect((await t.get('/api/kpi/retention?rep=R2', 'rep')).status).toBe(403);
    expect((await t.get('/api/kpi/retention?basis=gross')).status).toBe(400);
    expect((await t.get('/api/kpi/retention?grain=week')).status).toBe(400);
  });
});

describe('GET /api/kpi/retention/customers', () => {
  let t: CustomerTestApp;
  beforeAll(async () => {
    t = await createCustomerTestApp();
  });
  afterAll(async () => t.close());

  it('lists the at-risk customers with their reasons', async () => {
    const { status, body } = await t.get('/api/kpi/retention/customers?kind=at_risk&lang=en');
    expect(status).toBe(200);
    // Reference day 2025-03-14. C9: 4 purchase days, gaps 14, 21, 14 → median 14, limit max(28, 45) = 45;
    //   115 days since 2024-11-19 > 45. 12-month revenue 4200.
    // C10: 1 purchase → limit 90; 84 days since 2024-12-20 is within it, but a key account whose
    //   last visit (02-01) is before 02-13 (the 30 days to 03-14). Revenue 7000.
    // C3: key account, never visited; bought 2024-03-20, 2025-01-20, 03-14 → 6000 + 8000 + 5000.4.
    // Order: overdue first, then by days since the last purchase.
    expect(body.rows.map((r: { customerId: string; reason: string; revenue: number }) => [r.customerId, r.reason, r.revenue])).toEqual([
      ['C9', 'no purchase since 2024-11-19 (115 days; usual gap 14 days)', 4200],
      ['C10', 'key account, last visit 2025-02-01', 7000],
      ['C3', 'key account, no visit on record', 19000.4],
    ]);
    expect(body.rows[0]).toMatchObject({ lastPurchase: '2024-11-19', daysSincePurchase: 115, purchases: 4, medianGapDays: 14, ownerRepId: 'R2' });
  });

  it('writes the reasons in Chinese by default', async () => {
    const { body } = await t.get('/api/kpi/retention/customers?kind=at_risk');
    expect(body.rows.map((r: { reason: string }) => r.reason)).toEqual([
      '自 2024-11-19 起未采购（115 天；通常间隔 14 天）',
      '重点客户，最近拜访 2025-02-01',
      '重点客户，无拜访记录',
    ]);
  });

  it('lists the churned customers with their comparison-period revenue', async () => {
    const { body } = await t.get('/api/kpi/retention/customers?kind=churned&lang=en');
    // C5: February 6000, last purchase 02-10 (32 days to 03-14), 2 purchases. C8: February 1500, last 02-14 (28 days).
    expect(body.rows.map((r: { customerId: string; revenue: number; reason: string }) => [r.customerId, r.revenue, r.reason])).toEqual([
      ['C5', 6000, 'no purchase since 2025-02-10 (32 days; fewer than 3 purchases)'],
      ['C8', 1500, 'no purchase since 2025-02-14 (28 days; fewer than 3 purchases)'],
    ]);
  });

  it('lists the customers behind a cohort cell', async () => {
    // Cohort 2025-01, k = 1 (February): C5 (6000 on 02-10) and C8 (1500 on 02-14).
    const { body } = await t.get('/api/kpi/retention/customers?kind=cohort&cohort=2025-01&k=1&lang=en');
    expect(body.rows.map((r: { customerId: string; revenue: number; reason: string }) => [r.customerId, r.revenue, r.reason])).toEqual([
      ['C5', 6000, 'first purchase 2025-01-15; 1 purchase in 2025-02'],
      ['C8', 1500, 'first purchase 2025-01-25; 1 purchase in 2025-02'],
    ]);
    // k = 0 is the whole cohort; a month after the as-of date has nobody.
    const whole = await t.get('/api/kpi/retention/customers?kind=cohort&cohort=2025-01');
    expect(whole.body.rows.map((r: { customerId: string }) => r.customerId)).toEqual(['C8', 'C5', 'C7']);
    expect((await t.get('/api/kpi/retention/customers?kind=cohort&cohort=2025-01&k=5')).body.rows).toEqual([]);
  });

  it('pages a customer list, with the size of the whole list', async () => {
    // The at-risk list above is C9, C10, C3 in this order.
    const { body } = await t.get('/api/kpi/retention/customers?kind=at_risk&lang=en&limit=1&offset=1');
    expect(body.total).toBe(3);
    expect(body.offset).toBe(1);
    expect(body.rows.map((r: { customerId: string }) => r.customerId)).toEqual(['C10']);
    const past = await t.get('/api/kpi/retention/customers?kind=at_risk&lang=en&offset=5');
    expect(past.body.total).toBe(3);
    expect(past.body.rows).toEqual([]);
  });

  it("keeps a rep's lists to their customers", async () => {
    const { body } = await t.get('/api/kpi/retention/customers?kind=at_risk&lang=en', 'rep');
    expect(body.rows.map((r: { customerId: string }) => r.customerId)).toEqual(['C10']);
    const churned = await t.get('/api/kpi/retention/customers?kind=churned', 'rep');
    expect(churned.body.rows.map((r: { customerId: string }) => r.customerId)).toEqual(['C8']);
  });

  it('asks for the cohort of a cohort list, by name', async () => {
    const res = await t.get('/api/kpi/retention/customers?kind=cohort');
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].parameter).toBe('cohort');
    expect((await t.get('/api/kpi/retention/customers?kind=lost')).status).toBe(400);
    expect((await t.get('/api/kpi/retention/customers?kind=cohort&cohort=2025-13')).status).toBe(400);
  });
});
