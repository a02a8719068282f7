import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';

describe('GET /api/health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('answers ok with the data version, which a committed write increments, and no demo data', async () => {
    const before = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(before.statusCode).toBe(200);
    expect(before.json()).toEqual({ status: 'ok', dataVersion: 0, demo: false });
    await t.db.transaction(async (c) => {
      await c.run("INSERT INTO audit_log (action) VALUES ('test')");
    });
    const after = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(after.json().dataVersion).toBe(1);
  });

  it('answers unknown API routes with a JSON 404, not the web shell', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });

  it('serves the OpenAPI document', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    expect(res.json().paths['/api/health']).toBeDefined();
  });
});
