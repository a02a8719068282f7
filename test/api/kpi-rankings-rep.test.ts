// GET /api/kpi/rankings as a rep or account manager sees it (metrics.md "rank_visibility"): the whole
// leaderboard a manager sees, others' names and ranks, but only their own value unless the metric
// is attainment. Expectations worked out by hand from test/fixtures/kpi-fixture.ts (March 2025).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKpiTestApp, T1, T2, type KpiTestApp } from '../fixtures/kpi-fixture.ts';
import { createUser, loginAs } from '../helpers/auth.ts';

type Row = { rank: number; rankChange: number | null; repId: string; name: string; team: string | null; value: number | null };
const brief = (rows: Row[]) => rows.map((r) => [r.rank, r.repId, r.value, r.rankChange]);

describe('GET /api/kpi/rankings for reps and account managers', () => {
  let t: KpiTestApp;
  let carol: Record<string, string>;
  let unlinked: Record<string, string>;
  let assistant: Record<string, string>;

  const get = async (url: string, headers: Record<string, string>) => {
    const res = await t.app.inject({ method: 'GET', url, headers });
    return { status: res.statusCode, body: res.json() };
  };

  beforeAll(async () => {
    t = await createKpiTestApp();
    await createUser(t.db, { username: 'carol', role: 'account_manager', repId: 'R3' });
    await createUser(t.db, { username: 'nolink', role: 'rep' });
    // An assistant linked to Alice's roster row: scope = Alice's team T1.
    await createUser(t.db, { username: 'helper.r1', role: 'assistant', repId: 'R1' });
    carol = (await loginAs(t.app, 'carol')).headers;
    unlinked = (await loginAs(t.app, 'nolink')).headers;
    assistant = (await loginAs(t.app, 'helper.r1')).headers;
  });
  afterAll(async () => t.close());

  it("shows a rep every salesperson's name and rank by revenue, and only their own revenue", async () => {
    const { status, body } = await t.get('/api/kpi/rankings?metric=revenue', 'rep');
    expect(status).toBe(200);
    // March: Carol 11000 + 5000.4 = 16000.4, Bob 8000 + 2000 + 5000 + 1000 = 16000,
    // Alice 12000 + 2000.455 + 3000 − 1500 = 15500.455. February: Alice and Bob tie at 1, Carol 3rd.
    expect(brief(body.rows)).toEqual([
      [1, 'R3', null, 2],
      [2, 'R2', null, -1],
      [3, 'R1', 15500.46, -2],
    ]);
    expect(body.rows.map((r: Row) => [r.name, r.team])).toEqual([
      ['Carol', T2],
      ['Bob', T1],
      ['Alice', T1],
    ]);
    expect(body.unranked).toEqual([]);
    // Nothing but the leaderboard's own fields.
    for (const row of body.rows) expect(Object.keys(row).sort()).toEqual(['name', 'rank', 'rankChange', 'repId', 'team', 'value']);
  });

  it("keeps everyone's attainment when ranking by attainment", async () => {
    const { body } = await t.get('/api/kpi/rankings?metric=attainment', 'rep');
    // Bob: Q1 63000 over 23 + 20 + 20 working days → March 20000; 16000 / 20000 = 0.8.
    // Alice: 15500.455 / 40000 = 0.387511. February: Bob 0.5, Alice 0.333 → no movement. Carol has no target.
    expect(brief(body.rows)).toEqual([
      [1, 'R2', 0.8, 0],
      [2, 'R1', 0.387511, 0],
    ]);
    expect(body.unranked).toEqual([{ repId: 'R3', name: 'Carol', team: T2 }]);
  });

  it('withholds the others’ value for counted metrics and the evaluation score', async () => {
    // Visits in March: Alice 3 (V1, V2, V3), Bob 1 (V4), Carol 1 (V5); Bob and Carol tie, name order.
    const visits = await get('/api/kpi/rankings?metric=visits&compare=none', carol);
    expect(brief(visits.body.rows)).toEqual([
      [1, 'R1', null, null],
      [2, 'R2', null, null],
      [2, 'R3', 1, null],
    ]);
    // Score (weights 50/20/15/15): Bob 67.31, Carol 50, Alice 100 × (50 × 0.387511 + 15 × 0.3) / 65 = 36.73.
    const score = await t.get('/api/kpi/rankings?metric=score&compare=none', 'rep');
    expect(brief(score.body.rows)).toEqual([
      [1, 'R2', null, null],
      [2, 'R3', null, null],
      [3, 'R1', 36.73, null],
    ]);
  });

  it('shows an account manager the same board with only their own revenue', async () => {
    const { body } = await get('/api/kpi/rankings?metric=revenue', carol);
    expect(brief(body.rows)).toEqual([
      [1, 'R3', 16000.4, 2],
      [2, 'R2', null, -1],
      [3, 'R1', null, -2],
    ]);
  });

  it('applies the filters a manager would use, and still refuses a rep filter outside the scope', async () => {
    // Team T2 in March: only Carol (Dave left in January).
    const team = await t.get(`/api/kpi/rankings?metric=revenue&compare=none&team=${encodeURIComponent(T2)}`, 'rep');
    expect(brief(team.body.rows)).toEqual([[1, 'R3', null, null]]);
    const other = await t.get('/api/kpi/rankings?metric=revenue&rep=R2', 'rep');
    expect(other.status).toBe(403);
  });

  it('gives nothing to a rep without a rep link, and only the own scope to other roles', async () => {
    const none = await get('/api/kpi/rankings?metric=revenue', unlinked);
    expect(none.status).toBe(200);
    expect(none.body.rows).toEqual([]);
    expect(none.body.unranked).toEqual([]);
    // The assistant ranks only the team it belongs to (T1: Bob, Alice), with values, and no one else.
    const helper = await get('/api/kpi/rankings?metric=revenue&compare=none', assistant);
    expect(brief(helper.body.rows)).toEqual([
      [1, 'R2', 16000, null],
      [2, 'R1', 15500.46, null],
    ]);
    // The supervisor keeps the team view with values.
    const sam = await t.get('/api/kpi/rankings?metric=revenue&compare=none', 'supervisor');
    expect(brief(sam.body.rows)).toEqual([
      [1, 'R2', 16000, null],
      [2, 'R1', 15500.46, null],
    ]);
  });
});
