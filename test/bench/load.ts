// Load generation with autocannon: N keep-alive clients for a fixed time, each request taking the
// next path from a rotation (so parameters vary), every response time recorded for exact percentiles.
import autocannon from 'autocannon';
import { percentile } from './stats.ts';

export interface LoadResult {
  connections: number;
  seconds: number;
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Connection errors and timeouts. */
  errors: number;
  non2xx: number;
  statusCodes: Record<string, number>;
}

/** A round-robin over paths shared by all clients of one run. */
export function rotation(paths: readonly string[]): () => string {
  if (paths.length === 0) throw new Error('no paths to request');
  let i = 0;
  return () => paths[i++ % paths.length]!;
}

export function runLoad(url: string, token: string, next: () => string, opts: { connections: number; seconds: number; timeoutSeconds?: number }): Promise<LoadResult> {
  const times: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: opts.connections,
        duration: opts.seconds,
        timeout: opts.timeoutSeconds ?? 30,
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: next() }) }],
      },
      (err, result) => {
        if (err) {
          reject(err);
          return;
        }
        const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, Number(s.count)]));
        resolve({
          connections: opts.connections,
          seconds: result.duration,
          requests: times.length,
          rps: times.length / result.duration,
          p50: percentile(times, 50) ?? NaN,
          p95: percentile(times, 95) ?? NaN,
          p99: percentile(times, 99) ?? NaN,
          max: percentile(times, 100) ?? NaN,
          errors: result.errors,
          non2xx: result.non2xx,
          statusCodes,
        });
      },
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
}
