// Every KPI route refuses unknown and malformed parameters with a 400 that names the parameter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKpiTestApp, type KpiTestApp } from '../fixtures/kpi-fixture.ts';

describe('KPI parameters', () => {
  let t: KpiTestApp;
  beforeAll(async () => {
    t = await createKpiTestApp();
  });
  afterAll(async () => t.close());

  const cases: Array<[string, string]> = [
    ['/api/kpi/overview?foo=1', 'foo'],
    ['/api/kpi/overview?period=2025-13', 'period'],
    ['/api/kpi/overview?period=2025-Q5', 'period'],
    ['/api/kpi/overview?compare=yesterday', 'compare'],
    ['/api/kpi/overview?asOf=2025-02-30', 'asOf'],
    ['/api/kpi/overview?asOf=14.3.2025', 'asOf'],
    ['/api/kpi/overview?from=2025-03-01', 'to'],
    ['/api/kpi/overview?period=2025-03&from=2025-03-01&to=2025-03-05', 'from'],
    ['/api/kpi/overview?lang=fr', 'lang'],
    ['/api/kpi/attainment?by=city', 'by'],
    ['/api/kpi/attainment?metric=profit', 'metric'],
    ['/api/kpi/rankings?metric=profit', 'metric'],
    ['/api/kpi/rankings?sort=asc', 'sort'],
    ['/api/kpi/trend?months=0', 'months'],
    ['/api/kpi/trend?months=abc', 'months'],
    ['/api/metrics/definitions?lang=de', 'lang'],
  ];

  for (const [url, parameter] of cases) {
    it(`refuses ${url.split('?')[1]} naming "${parameter}"`, async () => {
      const { status, body } = await t.get(url);
      expect(status).toBe(400);
      expect(body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ parameter })]));
      expect(body.error.message).toContain(parameter);
    });
  }

  it('takes repeated dimension parameters', async () => {
    const { status, body } = await t.get('/api/kpi/overview?compare=none&rep=R1&rep=R2');
    expect(status).toBe(200);
    expect(body.tiles.revenue.value).toBe(31500.46);
  });

  it('takes a custom range', async () => {
    // 03-01..03-05: O301 14000.455, O304 10000, O307 11000.
    const { status, body } = await t.get('/api/kpi/overview?from=2025-03-01&to=2025-03-05');
    expect(status).toBe(200);
    expect(body.period).toMatchObject({ kind: 'custom', start: '2025-03-01', end: '2025-03-05' });
    expect(body.tiles.revenue.value).toBe(35000.46);
    // The 5 days before: 02-24..02-28, no order lines.
    expect(body.compare).toMatchObject({ start: '2025-02-24', end: '2025-02-28' });
    expect(body.tiles.revenue.compare).toBe(0);
    expect(body.tiles.revenue.change).toBeNull();
  });
});
