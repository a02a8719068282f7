// GET /api/filters/options on the extended KPI fixture: the distinct teams, regions, categories and
// channels of the caller's facts (values listed by hand from the fixture's order lines).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomerTestApp, type CustomerTestApp } from '../fixtures/customer-fixture.ts';

describe('GET /api/filters/options', () => {
  let t: CustomerTestApp;
  beforeAll(async () => {
    t = await createCustomerTestApp();
  });
  afterAll(async () => t.close());

  it('lists every value of the whole company for an admin, sorted', async () => {
    const { status, body } = await t.get('/api/filters/options');
    expect(status).toBe(200);
    // Teams 华东一组 (Alice, Bob) and 华北二组 (Carol, Dave); categories A and B; three channels.
    expect(body).toEqual({
      teams: ['华东一组', '华北二组'].sort(),
      regions: ['华东', '华北'].sort(),
      categories: ['A', 'B'],
      channels: ['直销', '电商', '经销商'].sort(),
    });
  });

  it("keeps to a rep's own facts", async () => {
    // Alice sold only through 直销 and 电商, both categories, in her own team and region.
    const { status, body } = await t.get('/api/filters/options', 'rep');
    expect(status).toBe(200);
    expect(body).toEqual({ teams: ['华东一组'], regions: ['华东'], categories: ['A', 'B'], channels: ['直销', '电商'].sort() });
  });

  it('refuses parameters it does not know and callers without a session', async () => {
    expect((await t.get('/api/filters/options?period=2025-03')).status).toBe(400);
    const res = await t.app.inject({ method: 'GET', url: '/api/filters/options' });
    expect(res.statusCode).toBe(401);
  });
});
