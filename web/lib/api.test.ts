// The fetch wrapper: query building, the CSRF header on writes only, and one error type for
// error bodies, non-JSON answers and unreachable servers.
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, api, buildQuery, setCsrfToken, type Fetch } from './api';

interface Seen {
  url: string;
  init: RequestInit;
}

function fakeFetch(status: number, body: string, seen: Seen[] = []): Fetch {
  return (async (url: string, init: RequestInit) => {
    seen.push({ url, init });
    return new Response(body, { status, headers: { 'content-type': 'application/json' } });
  }) as unknown as Fetch;
}

afterEach(() => setCsrfToken(null));

describe('buildQuery', () => {
  it('skips empty values and repeats list values', () => {
    expect(buildQuery({ months: 24, team: ['A', 'B'], rep: null, region: '' })).toBe('?months=24&team=A&team=B');
    expect(buildQuery(new URLSearchParams('period=2025-03'))).toBe('?period=2025-03');
    expect(buildQuery(undefined)).toBe('');
  });
});

describe('api', () => {
  it('returns the parsed JSON', async () => {
    const seen: Seen[] = [];
    const out = await api.get<{ ok: number }>('/api/x', { query: { a: 1 }, fetch: fakeFetch(200, '{"ok":1}', seen) });
    expect(out).toEqual({ ok: 1 });
    expect(seen[0]!.url).toBe('/api/x?a=1');
  });

  it('sends the CSRF token on writes and not on reads', async () => {
    setCsrfToken('tok');
    const seen: Seen[] = [];
    const f = fakeFetch(200, '{}', seen);
    await api.get('/api/a', { fetch: f });
    await api.post('/api/b', { x: 1 }, { fetch: f });
    const headers = seen.map((s) => s.init.headers as Record<string, string>);
    expect(headers[0]!['x-csrf-token']).toBeUndefined();
    expect(headers[1]!['x-csrf-token']).toBe('tok');
    expect(headers[1]!['content-type']).toBe('application/json');
    expect(seen[1]!.init.body).toBe('{"x":1}');
  });

  it('turns an error body into ApiError with the server message', async () => {
    const body = JSON.stringify({ error: { code: 'bad_period', message: 'period must be YYYY-MM.', details: { p: 1 } } });
    const err = await api.get('/api/k', { fetch: fakeFetch(400, body) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 400, code: 'bad_period', message: 'period must be YYYY-MM.', details: { p: 1 } });
  });

  it('turns a non-JSON failure and a network failure into ApiError', async () => {
    const html = await api.get('/api/k', { fetch: fakeFetch(502, '<html>bad gateway</html>') }).catch((e: unknown) => e);
    expect(html).toMatchObject({ status: 502, code: 'http_error' });
    const offline = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as Fetch;
    const net = await api.get('/api/k', { fetch: offline }).catch((e: unknown) => e);
    expect(net).toMatchObject({ status: 0, code: 'network' });
  });
});
