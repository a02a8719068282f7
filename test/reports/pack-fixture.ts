// The KPI fixture with Chinese rep names and a manager's review of 李爱丽 for March 2025, for the
// review-pack and export tests. March 2025 (as of 2025-03-14) by hand, from the fixture's lines:
// 李爱丽 (R1) 12000 + 2000.455 + 3000 − 1500 = 15500.455 against a 40000 target; 王博 (R2)
// 8000 + 2000 + 5000 + 1000 = 16000; 陈卡萝 (R3) 11000 + 5000.4 = 16000.4 (O308 is cancelled);
// department 47500.855. Ranks: 陈卡萝 1, 王博 2, 李爱丽 3; in February 李爱丽 and 王博 tied at 1, 陈卡萝 3.
import { run } from '../../server/db/query.ts';
import { createKpiTestApp, type KpiTestApp } from '../fixtures/kpi-fixture.ts';

export const NAMES = { S1: '沈山', R1: '李爱丽', R2: '王博', R3: '陈卡萝', R4: '戴维' } as const;
export const REVIEW = { comment: '回款及时，新客户开发需加强', rating: 4 };

/** March 2025 in cents (half away from zero on the exact decimals above). */
export const MARCH = {
  R1: 15500.46,
  R2: 16000,
  R3: 16000.4,
  total: 47500.86,
  R1Target: 40000,
  /** 15500.455 / 40000. */
  R1Attainment: 0.38751,
};

export async function createPackTestApp(): Promise<KpiTestApp> {
  const t = await createKpiTestApp();
  await t.db.transaction(async (conn) => {
    for (const [id, name] of Object.entries(NAMES)) await run(conn, 'UPDATE reps SET name = $name WHERE rep_id = $id', { id, name });
  });
  const res = await t.app.inject({ method: 'PUT', url: '/api/reps/R1/review?period=2025-03', headers: t.as.supervisor, payload: REVIEW });
  if (res.statusCode !== 200) throw new Error(`Saving the review failed: ${res.statusCode} ${res.body}`);
  return t;
}

/** GET as a signed-in fixture user, answering the raw bytes. */
export async function download(t: KpiTestApp, url: string, who: keyof KpiTestApp['as'] = 'admin') {
  const res = await t.app.inject({ method: 'GET', url, headers: t.as[who] });
  return { status: res.statusCode, headers: res.headers, body: res.rawPayload, json: () => res.json() as { error: { code: string; message: string } } };
}
