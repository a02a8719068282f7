// GET /api/kpi/visits and /api/kpi/visits/weekly on the extended fixture (as-of 2025-03-14).
// Visits: V1 03-03 R1 C1 visit, V2 03-04 R1 C2 call, V3 03-10 R1 C1 meeting, V4 03-06 R2 C6 visit,
// V5 03-12 R3 C4 visit, V6 02-20 R3 C4 call, V7 02-11 R2 C5 visit, V8 02-25 R1 C1 visit,
// V9 02-01 R1 C10 visit, V10 01-05 R1 C1 visit, V11 01-07 R2 C5 visit, V12 01-26 R2 C6 call,
// V13 02-12 R1 C2 call, V14 02-13 R1 C1 visit. Key accounts: C3, C4 (Carol), C10 (Alice).
// A visit counts for conversion once visit day + 30 ≤ as-of date, i.e. on or before 2025-02-12.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomerTestApp, type CustomerTestApp } from '../fixtures/customer-fixture.ts';

const zero = { visit: 0, call: 0, meeting: 0, demo: 0, other: 0 };

describe('GET /api/kpi/visits', () => {
  let t: CustomerTestApp;
  beforeAll(async () => {
    t = await createCustomerTestApp();
  });
  afterAll(async () => t.close());

  it('counts March visits by type and measures key-account coverage over the 30 days to the as-of date', async () => {
    const { status, body } = await t.get('/api/kpi/visits');
    expect(status).toBe(200);
    // No March visit's window has closed by 03-14 → conversion null for all.
    // Coverage window 02-13 … 03-14: C4 visited 03-12 (covered), C3 never, C10 last on 02-01.
    // Dave left on 01-31, so only Alice, Bob and Carol are active; ties on visits go by name.
    expect(body.rows).toEqual([
      { repId: 'R1', name: 'Alice', visits: 3, byType: { ...zero, visit: 1, call: 1, meeting: 1 }, conversion: null, keyAccounts: 1, keyAccountsCovered: 0, coverage: 0 },
      { repId: 'R2', name: 'Bob', visits: 1, byType: { ...zero, visit: 1 }, conversion: null, keyAccounts: 0, keyAccountsCovered: 0, coverage: null },
      { repId: 'R3', name: 'Carol', visits: 1, byType: { ...zero, visit: 1 }, conversion: null, keyAccounts: 2, keyAccountsCovered: 1, coverage: 0.5 },
    ]);
    expect(body.uncovered).toEqual([
      { customerId: 'C10', name: '癸公司', ownerRepId: 'R1', lastVisit: '2025-02-01' },
      { customerId: 'C3', name: '丙公司', ownerRepId: 'R3', lastVisit: null },
    ]);
    expect(body.uncoveredTotal).toBe(2);
  });

  it('measures January conversion: a purchase of the same customer within 30 days', async () => {
    const { body } = await t.get('/api/kpi/visits?period=2025-01');
    // V10 (C1, bought 01-10: 5 days) converts → Alice 1/1. V11 (C5, bought 01-15) converts,
    // V12 (C6, first purchase 03-04: 37 days later) does not → Bob 1/2.
    // Coverage as of 01-31 (window 01-02 … 01-31): no key account visited yet.
    const byRep = Object.fromEntries(body.rows.map((r: { repId: string }) => [r.repId, r]));
    expect(byRep.R1).toMatchObject({ visits: 1, conversion: 1, keyAccounts: 1, keyAccountsCovered: 0 });
    expect(byRep.R2).toMatchObject({ visits: 2, byType: { ...zero, visit: 1, call: 1 }, conversion: 0.5 });
    expect(byRep.R3).toMatchObject({ visits: 0, conversion: null, keyAccounts: 2, keyAccountsCovered: 0, coverage: 0 });
    // Dave was still employed in January: listed with no visits.
    expect(byRep.R4).toMatchObject({ visits: 0, conversion: null });
    expect(body.rows.map((r: { repId: string }) => r.repId)).toEqual(['R2', 'R1', 'R3', 'R4']);
  });

  it('leaves out February visits whose 30-day window passes the as-of date', async () => {
    const { body } = await t.get('/api/kpi/visits?period=2025-02');
    // Alice's February visits: V9 02-01 (C10, no purchase after), V13 02-12 (C2 bought from Bob that
    // same day → converts), V14 02-13 and V8 02-25 (windows end after 03-14: left out) → 1/2.
    // Bob: V7 02-11 (C5's last purchase was 02-10) → 0/1. Carol: V6 02-20 left out → null.
    const byRep = Object.fromEntries(body.rows.map((r: { repId: string }) => [r.repId, r]));
    expect(byRep.R1).toMatchObject({ visits: 4, byType: { ...zero, visit: 3, call: 1 }, conversion: 0.5 });
    expect(byRep.R2).toMatchObject({ visits: 1, conversion: 0 });
    expect(byRep.R3).toMatchObject({ visits: 1, byType: { ...zero, call: 1 }, conversion: null });
  });

  it('counts a visit once the as-of date reaches the end of its window', async () => {
    // As of 03-15, V14 (02-13, C1 bought 03-03) can be judged too → Alice 2/3.
    const { body } = await t.get('/api/kpi/visits?period=2025-02&asOf=2025-03-15');
    const alice = body.rows.find((r: { repId: string }) => r.repId === 'R1');
    expect(alice.conversion).toBe(0.666667);
  });

  it("keeps a rep to their own row and key accounts, and a team filter to the team's reps", async () => {
    const own = await t.get('/api/kpi/visits', 'rep');
    expect(own.body.rows.map((r: { repId: string }) => r.repId)).toEqual(['R1']);
    expect(own.body.uncovered.map((r: { customerId: string }) => r.customerId)).toEqual(['C10']);
    const team = await t.get(`/api/kpi/visits?team=${encodeURIComponent('华北二组')}`);
    expect(team.body.rows.map((r: { repId: string }) => r.repId)).toEqual(['R3']);
    expect(team.body.uncovered.map((r: { customerId: string }) => r.customerId)).toEqual(['C3']);
  });

  it('pages the uncovered key accounts and counts them all', async () => {
    // Uncovered as of 03-14: C10 (Alice) and C3 (Carol), in owner order.
    const first = await t.get('/api/kpi/visits?uncoveredLimit=1');
    expect(first.status).toBe(200);
    expect(first.body.uncoveredTotal).toBe(2);
    expect(first.body.uncovered).toEqual([{ customerId: 'C10', name: '癸公司', ownerRepId: 'R1', lastVisit: '2025-02-01' }]);
    const second = await t.get('/api/kpi/visits?uncoveredLimit=1&uncoveredOffset=1');
    expect(second.body.uncovered).toEqual([{ customerId: 'C3', name: '丙公司', ownerRepId: 'R3', lastVisit: null }]);
    expect(second.body.rows).toEqual(first.body.rows);
    const past = await t.get('/api/kpi/visits?uncoveredOffset=2');
    expect(past.body.uncovered).toEqual([]);
    expect(past.body.uncoveredTotal).toBe(2);
    expect((await t.get('/api/kpi/visits?uncoveredLimit=5001')).status).toBe(400);
  });
});

describe('GET /api/kpi/visits/weekly', () => {
  let t: CustomerTestApp;
  beforeAll(async () => {
    t = await createCustomerTestApp();
  });
  afterAll(async () => t.close());

  it('counts visits per ISO week and rep', async () => {
    const { status, body } = await t.get('/api/kpi/visits/weekly');
    expect(status).toBe(200);
    // Week 10 (03-03 … 03-09): V1, V2 (Alice), V4 (Bob). Week 11 (03-10 …): V3 (Alice), V5 (Carol).
    expect(body.rows).toEqual([
      { week: '2025-W10', repId: 'R1', visits: 2 },
      { week: '2025-W10', repId: 'R2', visits: 1 },
      { week: '2025-W11', repId: 'R1', visits: 1 },
      { week: '2025-W11', repId: 'R3', visits: 1 },
    ]);
    const own = await t.get('/api/kpi/visits/weekly', 'rep');
    expect(own.body.rows).toEqual([
      { week: '2025-W10', repId: 'R1', visits: 2 },
      { week: '2025-W11', repId: 'R1', visits: 1 },
    ]);
  });

  it('names the ISO year of a week that straddles New Year', async () => {
    // ISO week 2025-W01 runs 2024-12-30 … 2025-01-05 (V10); 01-07 is in W02; Sunday 01-26 ends W04.
    const { body } = await t.get('/api/kpi/visits/weekly?period=2025-01');
    expect(body.rows).toEqual([
      { week: '2025-W01', repId: 'R1', visits: 1 },
      { week: '2025-W02', repId: 'R2', visits: 1 },
      { week: '2025-W04', repId: 'R2', visits: 1 },
    ]);
  });
});
