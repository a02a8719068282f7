// The soak: 32 clients on every KPI route for 60 s against the real server (result cache on, as
// deployed) while monthly replace-period imports run through the upload API one after another,
// each invalidating the cache. Reports failed requests (target 0) and the p99.
import fs from 'node:fs';
import path from 'node:path';
import { BENCH_ADMIN_PASSWORD, adminToken, probe } from './api.ts';
import { copyDb, removeDb, type BenchContext, type SectionResult } from './context.ts';
import { atMost, figure, type Figure } from './figures.ts';
import { rotation, runLoad, type LoadResult } from './load.ts';
import { ROUTES, type RouteSpec } from './routes.ts';
import { startBenchServer } from './server.ts';
import { dataShape, variants } from './variants.ts';
import { DuckDBInstance } from '@duckdb/node-api';

const S = 'soak';
const CLIENTS = 32;
const SECONDS = 60;
/** Imports start a little after the load, so the first seconds show the steady state. */
const IMPORT_DELAY_MS = 3_000;

interface ImportRun {
  status: number;
  reportStatus: string | null;
  seconds: number;
}

async function uploadMonth(url: string, token: string, body: Buffer, name: string): Promise<ImportRun> {
  const form = new FormData();
  form.set('dataset', 'orders');
  form.set('mode', 'replace-period');
  form.set('file', new Blob([body]), name);
  const t0 = performance.now();
  const res = await fetch(`${url}/api/imports`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  const json = (await res.json().catch(() => null)) as { status?: string; error?: { message?: string } } | null;
  return { status: res.status, reportStatus: json?.status ?? json?.error?.message ?? null, seconds: (performance.now() - t0) / 1000 };
}

export async function soakSection(ctx: BenchContext): Promise<SectionResult> {
  const big = await ctx.prepared.database(ctx.scale);
  const month = await ctx.prepared.monthOrders(ctx.scale);
  const copy = copyDb(ctx, big.file, 'soak.duckdb');
  const figures: Figure[] = [];
  try {
    const instance = await DuckDBInstance.create(copy, { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
    const conn = await instance.connect();
    const vs = variants(await dataShape(conn), 24);
    conn.closeSync();
    instance.closeSync();

    const server = await startBenchServer(copy, { ATTAIN_DEMO: '0', ATTAIN_ADMIN_PASSWORD: BENCH_ADMIN_PASSWORD });
    const imports: ImportRun[] = [];
    let unfinished = 0;
    let load: LoadResult;
    try {
      const token = await adminToken(server.url, BENCH_ADMIN_PASSWORD);
      // Only the routes that answer: one that is refused outright would count as failures here.
      const answering: RouteSpec[] = [];
      for (const route of ROUTES) if ((await probe(server.url, token, route.path(vs[0]!))).status === 200) answering.push(route);
      const paths = vs.flatMap((v) => answering.map((r) => r.path(v)));
      const content = fs.readFileSync(month.file);
      ctx.log(`soak: ${CLIENTS} clients × ${SECONDS} s on every KPI route while ${month.month} is re-imported (replace-period) over and over …`);
      let windowOpen = true;
      const importer = (async () => {
        await new Promise((resolve) => setTimeout(resolve, IMPORT_DELAY_MS));
        // Each upload differs by trailing blank lines (which every reader skips), so none is a no-op repeat.
        for (let k = 1; windowOpen; k++) {
          unfinished = 1;
          const run = await uploadMonth(server.url, token, Buffer.concat([content, Buffer.from('\n'.repeat(k))]), path.basename(month.file));
          unfinished = 0;
          imports.push(run);
        }
      })().catch(() => undefined);
      load = await runLoad(server.url, token, rotation(paths), { connections: CLIENTS, seconds: SECONDS, timeoutSeconds: 30 });
      windowOpen = false;
      // An import still running when the window closes is not waited for: stopping the server ends it.
      await Promise.race([importer, new Promise((resolve) => setTimeout(resolve, 100))]);
    } finally {
      await server.stop();
    }
    const failedImports = imports.filter((i) => i.status !== 200 || i.reportStatus !== 'committed');
    const committed = imports.length - failedImports.length;
    const failed = load.errors + load.non2xx;
    figures.push(
      figure(`${S}.failed_requests`, S, `soak: failed requests (${CLIENTS} clients, ${SECONDS} s, ${load.requests.toLocaleString('en-US')} requests)`, failed, 'count', atMost(0),
        failed > 0 ? `${load.errors} connection errors/timeouts, ${load.non2xx} non-2xx: ${JSON.stringify(load.statusCodes)}` : undefined),
      figure(`${S}.p99`, S, 'soak: p99 latency', load.p99, 'ms'),
      figure(`${S}.p50`, S, 'soak: p50 latency', load.p50, 'ms'),
      figure(`${S}.rps`, S, 'soak: throughput', load.rps, 'req/s'),
      figure(`${S}.imports`, S, `soak: imports committed in the window${unfinished ? ' (one more still running at its end)' : ''}`, committed, 'count', null,
        [imports.length > 0 ? `took ${imports.map((i) => i.seconds.toFixed(1)).join(', ')} s` : '', failedImports.length > 0 ? `${failedImports.length} failed: ${failedImports.map((i) => `${i.status} ${i.reportStatus}`).join('; ').slice(0, 300)}` : ''].filter(Boolean).join('; ') || undefined),
    );
    return { figures, detail: { load, imports, unfinishedAtEnd: unfinished } };
  } finally {
    removeDb(copy);
  }
}
