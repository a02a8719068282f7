// The benchmark's outputs: the compact table printed at the end, bench/results.json (schema in
// test/bench/README.md) and bench/results.md, which the README's Performance section quotes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MARK, formatTarget, formatValue, type Figure } from './figures.ts';
import type { Preparation } from './prepare.ts';
import type { RouteRow } from './queries.ts';

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  platform: string;
  node: string;
  duckdb: string | null;
  /** 1-minute load average at the start and the end of the run (others share the machine). */
  loadAverage: { start: number; end: number };
}

export interface BenchResults {
  schema: 1;
  startedAt: string;
  finishedAt: string;
  durationSeconds: number;
  machine: Machine;
  options: { sections: string[]; scale: string; routes?: string[]; db?: string | null };
  cache: { dir: string; prepared: Preparation[] };
  figures: Figure[];
  routes: RouteRow[];
  sections: Record<string, Record<string, unknown>>;
  errors: Array<{ section: string; message: string }>;
}

export function machineInfo(duckdb: string | null, loadStart: number): Machine {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    duckdb,
    loadAverage: { start: loadStart, end: os.loadavg()[0] ?? 0 },
  };
}

function pad(text: string, width: number): string {
  const len = [...text].length;
  return len >= width ? text : text + ' '.repeat(width - len);
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...(r[i] ?? '')].length)));
  return rows.map((r) => r.map((c, i) => pad(c, widths[i]!)).join('  ').trimEnd()).join('\n');
}

const ms = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v >= 100 ? v.toFixed(0) : v.toFixed(1));
const rps = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(0));

/** Route by route: latency and throughput uncached and cached, and the raw-facts scan beside them. */
export function routeTable(routes: RouteRow[]): string {
  const head = ['route', 'p50', 'p95', 'req/s', '', 'p50', 'p95', 'req/s', '', 'raw ms'];
  const rows = routes.map((r) => [
    r.name,
    ms(r.uncached?.p50),
    ms(r.uncached?.p95),
    rps(r.uncached?.rps),
    r.uncached ? (r.uncached.p95 <= r.uncachedTarget ? '✓' : '✗') : '–',
    ms(r.cached?.p50),
    ms(r.cached?.p95),
    rps(r.cached?.rps),
    r.cached ? (r.cached.p95 <= r.cachedTarget ? '✓' : '✗') : '–',
    ms(r.rawMs),
  ]);
  return table([['', 'uncached', '(4 clients)', '', '', 'cached', '(16 clients)', '', '', 'raw facts'], head, ...rows]);
}

export function figureTable(figures: Figure[]): string {
  const rows = [['figure', 'value', 'target', 'verdict']];
  let section = '';
  for (const f of figures) {
    if (f.section !== section) {
      section = f.section;
      rows.push([`[${section}]`, '', '', '']);
    }
    rows.push([`  ${f.label}`, `${formatValue(f.value, f.unit)} ${f.unit}`, formatTarget(f.target, f.unit), `${MARK[f.verdict]}${f.verdict === 'not measured' && f.note ? `: ${f.note}` : ''}`]);
  }
  return table(rows);
}

export function summaryLine(figures: Figure[]): string {
  const count = (v: Figure['verdict']) => figures.filter((f) => f.verdict === v).length;
  return `${count('pass')} pass, ${count('miss')} miss, ${count('not measured')} not measured (of ${figures.filter((f) => f.target).length} figures with a target)`;
}

function mdEscape(text: string): string {
  return text.replaceAll('|', '\\|');
}

export function markdown(results: BenchResults): string {
  const m = results.machine;
  const lines = [
    `# Benchmark results`,
    '',
    `${results.finishedAt.slice(0, 10)} · ${m.cpus} × ${m.cpuModel}, ${m.memoryGb} GB RAM · Node ${m.node} · DuckDB ${m.duckdb ?? '?'} · ` +
      `sections ${results.options.sections.join(', ')} · queries at ${results.options.scale} order lines · ` +
      `load average ${m.loadAverage.start.toFixed(1)} → ${m.loadAverage.end.toFixed(1)} · ${Math.round(results.durationSeconds)} s`,
    '',
    '| figure | value | target | verdict | note |',
    '|---|---:|---|---|---|',
    ...results.figures.map(
      (f) => `| ${mdEscape(f.label)} | ${formatValue(f.value, f.unit)} ${f.unit} | ${formatTarget(f.target, f.unit)} | ${MARK[f.verdict]} | ${mdEscape(f.note ?? '')} |`,
    ),
  ];
  if (results.routes.length > 0) {
    lines.push(
      '',
      '## KPI routes over HTTP (ms; uncached: 4 clients, cached: 16 clients; raw: the same metric by a plain SQL scan of the facts, one client)',
      '',
      '| route | uncached p50 | p95 | req/s | cached p50 | p95 | req/s | raw facts |',
      '|---|---:|---:|---:|---:|---:|---:|---:|',
      ...results.routes.map(
        (r) => `| ${r.name} | ${ms(r.uncached?.p50)} | ${ms(r.uncached?.p95)} | ${rps(r.uncached?.rps)} | ${ms(r.cached?.p50)} | ${ms(r.cached?.p95)} | ${rps(r.cached?.rps)} | ${ms(r.rawMs)} |`,
      ),
    );
  }
  if (results.cache.prepared.some((p) => !p.reused)) {
    lines.push('', '## Prepared once (cache, not part of the figures)', '', ...results.cache.prepared.filter((p) => !p.reused).map((p) => `- ${p.what}: ${p.seconds.toFixed(1)} s`));
  }
  if (results.errors.length > 0) lines.push('', '## Errors', '', ...results.errors.map((e) => `- ${e.section}: ${mdEscape(e.message)}`));
  return `${lines.join('\n')}\n`;
}

export function writeResults(outDir: string, results: BenchResults): { json: string; md: string } {
  fs.mkdirSync(outDir, { recursive: true });
  const json = path.join(outDir, 'results.json');
  const md = path.join(outDir, 'results.md');
  fs.writeFileSync(json, `${JSON.stringify(results, null, 2)}\n`);
  fs.writeFileSync(md, markdown(results));
  return { json, md };
}
