// `npm run bench`: prepares (once) the sample companies and databases in the bench cache, runs the
// sections asked for, prints every figure with its target and verdict, and writes bench/results.json
// and bench/results.md. It measures; it does not gate: the exit code is 0 whatever the verdicts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { ROOT, benchDir, workDir } from './cache.ts';
import type { BenchContext, SectionResult } from './context.ts';
import { atMost, figure, notMeasured, type Figure } from './figures.ts';
import { frontendSection } from './frontend.ts';
import { ingestSection } from './ingest.ts';
import { USAGE, UsageError, parseOptions, type Section } from './options.ts';
import { packSection } from './pack.ts';
import { Prepared } from './prepare.ts';
import { queriesSection, type RouteRow } from './queries.ts';
import { figureTable, machineInfo, routeTable, summaryLine, writeResults, type BenchResults } from './report.ts';
import { soakSection } from './soak.ts';

/** `npm run bench` should take at most this long once its data exists (the soak is extra). */
const RUN_LIMIT_S = 600;

const RUNNERS: Record<Section, (ctx: BenchContext) => Promise<SectionResult>> = {
  ingest: ingestSection,
  queries: queriesSection,
  frontend: frontendSection,
  pack: packSection,
  soak: soakSection,
};

async function duckdbVersion(): Promise<string | null> {
  try {
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    const v = String((await conn.runAndReadAll('SELECT version() AS v')).getRowObjectsJS()[0]?.v ?? '');
    conn.closeSync();
    instance.closeSync();
    return v || null;
  } catch {
    return null;
  }
}

async function main(): Promise<number> {
  let options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`${err.message}\n${USAGE}\n`);
      return 2;
    }
    throw err;
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const loadStart = os.loadavg()[0] ?? 0;
  const startedAt = new Date();
  const t0 = performance.now();
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const dir = benchDir();
  const work = workDir(dir);
  const prepared = new Prepared(dir, log);
  const ctx: BenchContext = { prepared, work, scale: options.scale, routes: options.routes, db: options.db, log };
  log(`Benchmark: ${options.sections.join(', ')}; queries at ${options.scale}; cache ${dir}`);

  const figures: Figure[] = [];
  const sections: BenchResults['sections'] = {};
  const errors: BenchResults['errors'] = [];
  let routes: RouteRow[] = [];
  try {
    for (const section of options.sections) {
      const started = performance.now();
      try {
        const result = await RUNNERS[section](ctx);
        figures.push(...result.figures);
        sections[section] = { seconds: (performance.now() - started) / 1000, ...(result.detail ?? {}) };
        if (section === 'queries') routes = (result.detail?.routes as RouteRow[] | undefined) ?? [];
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        log(`${section}: failed: ${message}`);
        errors.push({ section, message: message.slice(0, 2000) });
        figures.push(notMeasured(`${section}.failed`, section, `${section} section`, 'count', null, `failed: ${message.split('\n')[0]!.slice(0, 200)}`));
        sections[section] = { seconds: (performance.now() - started) / 1000, error: message.slice(0, 2000) };
      }
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }

  const preparing = prepared.steps.reduce((n, p) => n + p.seconds, 0);
  const measuring = (performance.now() - t0) / 1000 - preparing;
  figures.push(
    figure('run.seconds', 'run', `benchmark run time without the one-off preparation (${options.sections.join(', ')})`, measuring, 's', options.sections.includes('soak') ? null : atMost(RUN_LIMIT_S)),
  );

  const results: BenchResults = {
    schema: 1,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    durationSeconds: (performance.now() - t0) / 1000,
    machine: machineInfo(await duckdbVersion(), loadStart),
    options: { sections: options.sections, scale: options.scale, routes: options.routes, db: options.db },
    cache: { dir, prepared: prepared.steps },
    figures,
    routes,
    sections,
    errors,
  };
  const written = writeResults(path.join(ROOT, 'bench'), results);

  const out: string[] = [''];
  const built = prepared.steps.filter((p) => !p.reused);
  if (built.length > 0) out.push(`Prepared once (not part of the figures): ${built.map((p) => `${p.what} ${p.seconds.toFixed(1)} s`).join(', ')}`, '');
  // Per-route figures appear in the route table; the figure table keeps the rest compact.
  out.push(figureTable(figures.filter((f) => !f.id.startsWith('queries.route.'))));
  if (routes.length > 0) out.push('', `KPI routes at ${options.scale} order lines, ms (targets: uncached p95 ≤ ${routes[0]!.uncachedTarget}, cached p95 ≤ ${routes[0]!.cachedTarget}):`, routeTable(routes));
  const notes = routes.filter((r) => r.note).map((r) => `  ${r.name}: ${r.note}`);
  if (notes.length > 0) out.push('', 'Route notes:', ...notes);
  const m = results.machine;
  out.push(
    '',
    summaryLine(figures),
    `${m.cpus} × ${m.cpuModel}, ${m.memoryGb} GB; load average ${m.loadAverage.start.toFixed(1)} → ${m.loadAverage.end.toFixed(1)}; ${Math.round(results.durationSeconds)} s`,
    `Wrote ${path.relative(ROOT, written.json)} and ${path.relative(ROOT, written.md)}.`,
  );
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}

process.exitCode = await main();
