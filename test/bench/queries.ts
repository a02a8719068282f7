// Query figures: every KPI route over HTTP against the real server on a copy of the large database,
// uncached (ATTAIN_CACHE=0, 4 clients) and cached (16 clients), a mixed load over all routes, and
// beside each route the same metric scanned from the raw facts in DuckDB directly. Ends with the
// server's peak memory.
import { DuckDBInstance } from '@duckdb/node-api';
import { BENCH_ADMIN_PASSWORD, adminToken, probe } from './api.ts';
import { copyDb, removeDb, type BenchContext, type SectionResult } from './context.ts';
import { atMost, figure, notMeasured, type Figure } from './figures.ts';
import { rotation, runLoad, type LoadResult } from './load.ts';
import { peakRssMb } from './proc.ts';
import { ROUTES, type RouteSpec } from './routes.ts';
import { startBenchServer, type BenchServer } from './server.ts';
import { median } from './stats.ts';
import { dataShape, variants, type Variant } from './variants.ts';

export const UNCACHED = { connections: 4, seconds: 5, targetMs: 150 };
export const CACHED = { connections: 16, seconds: 3, targetMs: 10, variants: 8 };
/** A raw-facts query slower than this is timed once, not three times (the whole run must fit in minutes). */
const RAW_ONCE_MS = 3000;
export const MIXED = { connections: 4, seconds: 8, targetMs: 100 };
export const SERVER_RSS_LIMIT_MB = 2048;

export interface RouteRow {
  name: string;
  /** One request of the rotation, for reference. */
  example: string;
  uncached: LoadResult | null;
  cached: LoadResult | null;
  /** Median milliseconds of the raw-facts query over three parameter sets, one client. */
  rawMs: number | null;
  uncachedTarget: number;
  cachedTarget: number;
  note?: string;
}

const S = 'queries';
const slug = (name: string) => name.replace(/[^a-z0-9]+/gi, '_').toLowerCase();

async function rawTimings(file: string, routes: RouteSpec[], vs: Variant[], log: (l: string) => void): Promise<Map<string, number | string>> {
  const instance = await DuckDBInstance.create(file, { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
  const conn = await instance.connect();
  const out = new Map<string, number | string>();
  // Complete periods (the as-of month and quarter are partial, and their 30-day visit windows mostly
  // still open): the month before last, the last month filtered to a team, the last quarter (team).
  const picks = [vs[2]!, vs[1]!, vs[7]!];
  try {
    for (const route of routes) {
      const times: number[] = [];
      try {
        for (const v of picks) {
          const { sql, params } = route.raw(v);
          const t0 = performance.now();
          await conn.runAndReadAll(sql, params);
          times.push(performance.now() - t0);
          if (times[0]! > RAW_ONCE_MS) break;
        }
        out.set(route.name, median(times)!);
      } catch (err) {
        out.set(route.name, (err as Error).message.split('\n')[0]!);
        log(`  raw query for ${route.name} failed: ${(err as Error).message.split('\n')[0]}`);
      }
    }
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
  return out;
}

async function withServer<T>(dbPath: string, cache: boolean, fn: (server: BenchServer, token: string) => Promise<T>): Promise<{ value: T; rssMb: number | null }> {
  const server = await startBenchServer(dbPath, { ATTAIN_DEMO: '0', ATTAIN_CACHE: cache ? '1' : '0', ATTAIN_ADMIN_PASSWORD: BENCH_ADMIN_PASSWORD });
  try {
    const token = await adminToken(server.url, BENCH_ADMIN_PASSWORD);
    const value = await fn(server, token);
    return { value, rssMb: peakRssMb(server.pid) };
  } finally {
    await server.stop();
  }
}

function loadNote(r: LoadResult): string | undefined {
  const codes = Object.entries(r.statusCodes).filter(([c]) => !c.startsWith('2'));
  if (r.errors === 0 && r.non2xx === 0) return undefined;
  return `${r.errors} connection errors/timeouts, ${r.non2xx} non-2xx (${codes.map(([c, n]) => `${c}×${n}`).join(', ')})`;
}

export async function queriesSection(ctx: BenchContext): Promise<SectionResult> {
  const source = ctx.db ?? (await ctx.prepared.database(ctx.scale)).file;
  const copy = copyDb(ctx, source, 'queries.duckdb');
  const routes = ROUTES.filter((r) => ctx.routes.length === 0 || ctx.routes.some((part) => r.name.toLowerCase().includes(part)));
  const figures: Figure[] = [];
  try {
    const instance = await DuckDBInstance.create(copy, { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
    const conn = await instance.connect();
    const shape = await dataShape(conn);
    conn.closeSync();
    instance.closeSync();
    const vs = variants(shape, 24);
    ctx.log(`queries: ${ctx.scale} database, as of ${shape.asOf}; raw-facts queries …`);
    const raw = await rawTimings(copy, routes, vs, ctx.log);

    const rows: RouteRow[] = routes.map((r) => {
      const rawValue = raw.get(r.name);
      return {
        name: r.name,
        example: r.path(vs[0]!),
        uncached: null,
        cached: null,
        rawMs: typeof rawValue === 'number' ? rawValue : null,
        uncachedTarget: UNCACHED.targetMs,
        cachedTarget: CACHED.targetMs,
        ...(typeof rawValue === 'string' ? { note: `raw query failed: ${rawValue}` } : {}),
      };
    });
    const measurable: Array<{ route: RouteSpec; row: RouteRow }> = [];

    ctx.log(`queries: uncached, ${UNCACHED.connections} clients × ${UNCACHED.seconds} s per route …`);
    let mixed: LoadResult | null = null;
    const uncachedRun = await withServer(copy, false, async (server, token) => {
      for (const [i, route] of routes.entries()) {
        const row = rows[i]!;
        const first = await probe(server.url, token, route.path(vs[0]!));
        if (first.status !== 200) {
          row.note = `HTTP ${first.status}: ${first.message}`;
          continue;
        }
        measurable.push({ route, row });
        row.uncached = await runLoad(server.url, token, rotation(vs.map((v) => route.path(v))), UNCACHED);
        const note = loadNote(row.uncached);
        if (note) row.note = note;
        ctx.log(`  ${route.name}: p50 ${row.uncached.p50.toFixed(1)} ms, p95 ${row.uncached.p95.toFixed(1)} ms, ${row.uncached.rps.toFixed(1)} req/s`);
      }
      if (measurable.length > 0) {
        // Route after route, each with its own next parameter set, as several dashboards would ask.
        const paths = vs.flatMap((v) => measurable.map(({ route }) => route.path(v)));
        ctx.log(`queries: mixed load, ${MIXED.connections} clients × ${MIXED.seconds} s over every route …`);
        mixed = await runLoad(server.url, token, rotation(paths), MIXED);
      }
    });

    ctx.log(`queries: cached, ${CACHED.connections} clients × ${CACHED.seconds} s per route …`);
    const cachedRun = await withServer(copy, true, async (server, token) => {
      const cachedVariants = vs.slice(0, CACHED.variants);
      for (const { route, row } of measurable) {
        // Fill the cache first (four at a time): the figure is the answer from the cache, not the first computation.
        for (let i = 0; i < cachedVariants.length; i += 4) await Promise.all(cachedVariants.slice(i, i + 4).map((v) => probe(server.url, token, route.path(v))));
        row.cached = await runLoad(server.url, token, rotation(cachedVariants.map((v) => route.path(v))), CACHED);
        const note = loadNote(row.cached);
        if (note) row.note = [row.note, `cached: ${note}`].filter(Boolean).join('; ');
      }
    });

    for (const row of rows) {
      const id = `${S}.route.${slug(row.name)}`;
      if (row.uncached) figures.push(figure(`${id}.uncached_p95`, S, `${row.name}: uncached p95`, row.uncached.p95, 'ms', atMost(UNCACHED.targetMs), row.note));
      else figures.push(notMeasured(`${id}.uncached_p95`, S, `${row.name}: uncached p95`, 'ms', atMost(UNCACHED.targetMs), row.note ?? 'not run'));
      if (row.cached) figures.push(figure(`${id}.cached_p95`, S, `${row.name}: cached p95`, row.cached.p95, 'ms', atMost(CACHED.targetMs)));
      else figures.push(notMeasured(`${id}.cached_p95`, S, `${row.name}: cached p95`, 'ms', atMost(CACHED.targetMs), row.note ?? 'not run'));
    }
    const ran = rows.filter((r) => r.uncached);
    const worst = (pick: (r: RouteRow) => LoadResult | null) =>
      ran.filter((r) => pick(r)).reduce<RouteRow | null>((w, r) => (!w || pick(r)!.p95 > pick(w)!.p95 ? r : w), null);
    const worstU = worst((r) => r.uncached);
    const worstC = worst((r) => r.cached);
    figures.push(
      figure(`${S}.uncached.worst_p95`, S, `uncached p95, slowest route (${worstU?.name ?? '—'})`, worstU?.uncached?.p95 ?? null, 'ms', atMost(UNCACHED.targetMs)),
      figure(
        `${S}.uncached.routes_within`,
        S,
        `routes within ${UNCACHED.targetMs} ms uncached (of ${ran.length} measured, ${rows.length} listed)`,
        ran.filter((r) => r.uncached!.p95 <= UNCACHED.targetMs).length,
        'count',
      ),
      figure(`${S}.cached.worst_p95`, S, `cached p95, slowest route (${worstC?.name ?? '—'})`, worstC?.cached?.p95 ?? null, 'ms', atMost(CACHED.targetMs)),
    );
    const m = mixed as LoadResult | null;
    if (m) {
      figures.push(
        figure(`${S}.mixed.p95`, S, `mixed load p95 (${MIXED.connections} clients, every route, uncached)`, m.p95, 'ms', atMost(MIXED.targetMs), loadNote(m)),
        figure(`${S}.mixed.p50`, S, 'mixed load p50', m.p50, 'ms'),
        figure(`${S}.mixed.rps`, S, 'mixed load throughput', m.rps, 'req/s'),
      );
    } else {
      figures.push(notMeasured(`${S}.mixed.p95`, S, 'mixed load p95', 'ms', atMost(MIXED.targetMs), 'no route answered'));
    }
    const peaks = [uncachedRun.rssMb, cachedRun.rssMb].filter((v): v is number => v !== null);
    figures.push(
      peaks.length > 0
        ? figure('memory.server_peak_rss', 'memory', `server peak RSS at ${ctx.scale} lines after the query runs`, Math.max(...peaks), 'MB', atMost(SERVER_RSS_LIMIT_MB), `uncached server ${uncachedRun.rssMb?.toFixed(0) ?? '?'} MB, cached server ${cachedRun.rssMb?.toFixed(0) ?? '?'} MB (VmHWM)`)
        : notMeasured('memory.server_peak_rss', 'memory', 'server peak RSS', 'MB', atMost(SERVER_RSS_LIMIT_MB), 'the server process was not found in /proc'),
    );
    return { figures, detail: { routes: rows, mixed: m, shape: { asOf: shape.asOf, months: shape.months, quarters: shape.quarters, reps: shape.reps.length, teams: shape.teams.length } } };
  } finally {
    removeDb(copy);
  }
}
