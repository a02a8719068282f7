// The auth, users, tokens and audit routes appear in the OpenAPI document with their tags.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';

describe('OpenAPI document for accounts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('documents every account route under its tag, with its error answers', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const expected: [string, string, string][] = [
      ['/api/auth/login', 'post', 'auth'],
      ['/api/auth/logout', 'post', 'auth'],
      ['/api/auth/me', 'get', 'auth'],
      ['/api/auth/password', 'post', 'auth'],
      ['/api/auth/demo-accounts', 'get', 'auth'],
      ['/api/users', 'get', 'users'],
      ['/api/users', 'post', 'users'],
      ['/api/users/{id}', 'patch', 'users'],
      ['/api/tokens', 'post', 'tokens'],
      ['/api/tokens', 'get', 'tokens'],
      ['/api/tokens/{id}', 'delete', 'tokens'],
      ['/api/audit', 'get', 'audit'],
    ];
    for (const [path, method, tag] of expected) {
      const op = doc.paths[path]?.[method];
      expect(op, `${method} ${path}`).toBeDefined();
      expect(op.tags).toEqual([tag]);
    }
    expect(Object.keys(doc.paths['/api/auth/login'].post.responses).sort()).toEqual(['200', '400', '401', '403', '429']);
    expect(Object.keys(doc.paths['/api/users/{id}'].patch.responses).sort()).toEqual(['200', '400', '401', '403', '404', '409']);
  });
});
