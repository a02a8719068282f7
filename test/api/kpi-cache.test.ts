// Cached KPI answers are sent as the text the route's response schema made the first time: the same
// bytes and content type as a fresh answer, kept per caller scope.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheFor } from '../../server/queries/cache.ts';
import { createCustomerTestApp, type CustomerTestApp } from '../fixtures/customer-fixture.ts';

const ROUTES = [
  '/api/kpi/overview',
  '/api/kpi/attainment?by=team',
  '/api/kpi/rankings?metric=score',
  '/api/kpi/trend?months=6',
  '/api/kpi/visits?uncoveredLimit=1',
  '/api/kpi/visits/weekly',
  '/api/reps/R1/evaluation',
  '/api/reps',
];

describe('cached KPI answers', () => {
  let t: CustomerTestApp;
  beforeAll(async () => {
    t = await createCustomerTestApp();
  });
  afterAll(async () => t.close());

  const raw = (url: string, who: keyof CustomerTestApp['as'] = 'admin') => t.app.inject({ method: 'GET', url, headers: t.as[who] });

  it('sends the same JSON text from the cache as when computed', async () => {
    for (const url of ROUTES) {
      cacheFor(t.db, true).clear();
      const first = await raw(url);
      const again = await raw(url);
      expect(first.statusCode, url).toBe(200);
      expect(first.headers['content-type'], url).toBe('application/json; charset=utf-8');
      expect(again.headers['content-type'], url).toBe('application/json; charset=utf-8');
      expect(again.body, url).toBe(first.body);
    }
    expect(cacheFor(t.db, true).stats().hits).toBeGreaterThan(0);
  });

  it('keeps cached answers per scope: a supervisor never gets the admin text', async () => {
    const admin = await raw('/api/kpi/attainment?by=rep');
    const sam = await raw('/api/kpi/attainment?by=rep', 'supervisor');
    const ids = (body: string) => JSON.parse(body).rows.map((r: { key: string }) => r.key);
    expect(ids(admin.body).length).toBeGreaterThan(ids(sam.body).length);
    expect(ids((await raw('/api/kpi/attainment?by=rep', 'supervisor')).body)).toEqual(ids(sam.body));
  });

  it('answers errors as before: unknown reps are a 404 each time', async () => {
    expect((await raw('/api/reps/NOBODY/evaluation')).statusCode).toBe(404);
    expect((await raw('/api/reps/NOBODY/evaluation')).statusCode).toBe(404);
  });
});
