// GET /api/kpi/rankings against the hand-built fixture: competition ranking, ties in name order,
// rank change against February, unranked salespeople.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKpiTestApp, T1, T2, type KpiTestApp } from '../fixtures/kpi-fixture.ts';

type Row = { rank: number; rankChange: number | null; repId: string; name: string; team: string | null; value: number };
const brief = (rows: Row[]) => rows.map((r) => [r.rank, r.repId, r.value, r.rankChange]);

describe('GET /api/kpi/rankings', () => {
  let t: KpiTestApp;
  beforeAll(async () => {
    t = await createKpiTestApp();
  });
  afterAll(async () => t.close());

  it('ranks March revenue with rank change against the February tie', async () => {
    const { status, body } = await t.get('/api/kpi/rankings?metric=revenue');
    expect(status).toBe(200);
    // February: Alice 10000 and Bob 10000 share rank 1, Carol 9500 is 3rd. March: Carol, Bob, Alice.
    expect(brief(body.rows)).toEqual([
      [1, 'R3', 16000.4, 2],
      [2, 'R2', 16000, -1],
      [3, 'R1', 15500.46, -2],
    ]);
    expect(body.rows[0]).toMatchObject({ name: 'Carol', team: T2 });
    expect(body.unranked).toEqual([]);
  });

  it('shares ranks on ties and lists the tied in name order', async () => {
    const feb = await t.get('/api/kpi/rankings?metric=revenue&period=2025-02&compare=none');
    expect(brief(feb.body.rows)).toEqual([
      [1, 'R1', 10000, null],
      [1, 'R2', 10000, null],
      [3, 'R3', 9500, null],
    ]);
    // New customers in March: Bob 1 (C6); Alice and Carol 0, rank 2, Alice first. February: Carol 1 (C4).
    const fresh = await t.get('/api/kpi/rankings?metric=new_customers');
    expect(brief(fresh.body.rows)).toEqual([
      [1, 'R2', 1, 1],
      [2, 'R1', 0, 0],
      [2, 'R3', 0, -1],
    ]);
    // Visits in March: Alice 3; Bob 1 and Carol 1 tie.
    const visits = await t.get('/api/kpi/rankings?metric=visits&compare=none');
    expect(brief(visits.body.rows)).toEqual([
      [1, 'R1', 3, null],
      [2, 'R2', 1, null],
      [2, 'R3', 1, null],
    ]);
  });

  it('leaves salespeople without a target unranked by attainment', async () => {
    const { body } = await t.get('/api/kpi/rankings?metric=attainment');
    // March: Bob 16000/20000 = 0.8, Alice 15500.455/40000; February: Bob 10000/20000, Alice 10000/30000.
    expect(brief(body.rows)).toEqual([
      [1, 'R2', 0.8, 0],
      [2, 'R1', 0.387511, 0],
    ]);
    expect(body.unranked).toEqual([{ repId: 'R3', name: 'Carol', team: T2 }]);
  });

  it('ranks growth against the comparison period', async () => {
    const { body } = await t.get('/api/kpi/rankings?metric=growth');
    // March vs February: Carol (16000.4 − 9500)/9500, Bob 6000/10000, Alice 5500.455/10000.
    // February vs January: Bob 6000/4000 (1st), Alice 4000/6000 (2nd), Carol 1500/8000 (3rd).
    expect(brief(body.rows)).toEqual([
      [1, 'R3', 0.684253, 2],
      [2, 'R2', 0.6, -1],
      [3, 'R1', 0.550046, -1],
    ]);
  });

  it('lists a rep who left only in periods they worked, and leaves out the supervisor', async () => {
    const jan = await t.get('/api/kpi/rankings?metric=revenue&period=2025-01&compare=none');
    // January: Carol 8000, Alice 6000, Dave 6000 (tie, name order), Bob 4000.
    expect(brief(jan.body.rows)).toEqual([
      [1, 'R3', 8000, null],
      [2, 'R1', 6000, null],
      [2, 'R4', 6000, null],
      [4, 'R2', 4000, null],
    ]);
    expect(jan.body.rows.map((r: Row) => r.repId)).not.toContain('S1');
  });

  it("ranks only the supervisor's team for the supervisor", async () => {
    const { body } = await t.get('/api/kpi/rankings?metric=revenue&compare=none', 'supervisor');
    expect(brief(body.rows)).toEqual([
      [1, 'R2', 16000, null],
      [2, 'R1', 15500.46, null],
    ]);
    expect(body.rows.every((r: Row) => r.team === T1)).toBe(true);
  });

  it('ranks visit conversion of the visits whose 30-day window has closed', async () => {
    // February read as of 2025-03-31: V6 Carol→C4 (C4 buys 03-05) and V8 Alice→C1 (C1 buys 03-03) convert,
    // V7 Bob→C5 does not (C5 never buys again).
    const { status, body } = await t.get('/api/kpi/rankings?metric=conversion&period=2025-02&asOf=2025-03-31&compare=none');
    expect(status).toBe(200);
    expect(brief(body.rows)).toEqual([
      [1, 'R1', 1, null],
      [1, 'R3', 1, null],
      [3, 'R2', 0, null],
    ]);
    // At the real as-of date no March visit can be judged yet: everyone is unranked.
    const march = await t.get('/api/kpi/rankings?metric=conversion');
    expect(march.body.rows).toEqual([]);
    expect(march.body.unranked.map((r: { repId: string }) => r.repId)).toEqual(['R1', 'R2', 'R3']);
  });

  it('ranks the evaluation score, whose components drop out where a rep has no target', async () => {
    const { status, body } = await t.get('/api/kpi/rankings?metric=score');
    expect(status).toBe(200);
    // Weights revenue 50, new customers 20, visits 15, key-account coverage 15 (no new-customer targets here).
    // March: Alice revenue 15500.455 / 40000 = 0.387511, visits 3 / 10 = 0.3 (no key accounts)
    //   → 100 × (50 × 0.387511 + 15 × 0.3) / 65 = 36.7316.
    // Bob: Q1 63000 spread over 23 + 20 + 20 working days → March 20000; 16000 / 20000 = 0.8;
    //   visits 1 / 4 = 0.25 → 100 × (40 + 3.75) / 65 = 67.3077.
    // Carol: no revenue or visit target; key accounts C3, C4, only C4 visited in 02-13..03-14 → 0.5 → 50.
    // February: Alice 10000 / 30000 → 33.33; Bob 10000 / 20000 → 50; Carol coverage 0.5 (V6 on 02-20) → 50.
    //   Bob and Carol tie at 1, Alice 3. Rank change = February rank − March rank.
    const rows = body.rows as Row[];
    expect(rows.map((r) => [r.rank, r.repId, r.rankChange])).toEqual([
      [1, 'R2', 0],
      [2, 'R3', -1],
      [3, 'R1', 0],
    ]);
    // Scores are answered to two decimals.
    expect(rows.map((r) => r.value)).toEqual([67.31, 50, 36.73]);
  });
});
