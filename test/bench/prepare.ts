// Makes (once) and finds (later) what the benchmark measures against: the sample companies, the
// loaded databases, a 100,000-row XLSX and a one-month orders export. Each is built under a
// temporary name and renamed when complete, so an interrupted build is never reused; how long
// each build took is recorded apart from the figures.
import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import ExcelJS from 'exceljs';
import { literal } from '../../server/db/query.ts';
import { dropStale, generatorHash, pipelineHash } from './cache.ts';
import { runCommand, runScript } from './proc.ts';

export type SampleScale = 'demo' | '1m' | '10m';
export const SEED = 42;

export interface Preparation {
  what: string;
  path: string;
  reused: boolean;
  seconds: number;
}

export interface SampleInfo {
  dir: string;
  asOf: string;
  counts: Record<string, number>;
}

export class Prepared {
  readonly steps: Preparation[] = [];
  private readonly genHash = generatorHash();
  private readonly pipeHash = pipelineHash();

  constructor(
    readonly dir: string,
    private readonly log: (line: string) => void,
  ) {}

  private async once(what: string, target: string, build: (partial: string) => Promise<void>): Promise<string> {
    if (fs.existsSync(target)) {
      this.steps.push({ what, path: target, reused: true, seconds: 0 });
      return target;
    }
    const partial = `${target}.partial`;
    fs.rmSync(partial, { recursive: true, force: true });
    fs.rmSync(`${partial}.wal`, { force: true });
    this.log(`Preparing ${what} (once; later runs reuse it) …`);
    const t0 = performance.now();
    await build(partial);
    fs.rmSync(`${partial}.wal`, { force: true });
    fs.renameSync(partial, target);
    const seconds = (performance.now() - t0) / 1000;
    this.log(`  ${what}: ${seconds.toFixed(1)} s`);
    this.steps.push({ what, path: target, reused: false, seconds });
    return target;
  }

  /** The sample company's exports at a scale (npm run sample). */
  async sample(scale: SampleScale): Promise<SampleInfo> {
    const name = `sample-${scale}-s${SEED}-${this.genHash}`;
    dropStale(this.dir, `sample-${scale}-`, name);
    const dir = await this.once(`sample ${scale}`, path.join(this.dir, name), async (partial) => {
      await runCommand(process.execPath, ['--import', 'tsx', 'sample-data/cli.ts', '--scale', scale, '--seed', String(SEED), '--out', partial]);
    });
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { asOf: string; counts: Record<string, number> };
    return { dir, asOf: manifest.asOf, counts: manifest.counts };
  }

  /** A database holding a sample company, loaded through the importer (demo: marked as the demo). */
  async database(scale: SampleScale): Promise<{ file: string; sample: SampleInfo }> {
    const sample = await this.sample(scale);
    const name = `db-${scale}-s${SEED}-${this.genHash}-${this.pipeHash}.duckdb`;
    dropStale(this.dir, `db-${scale}-`, name);
    const file = await this.once(`database ${scale}`, path.join(this.dir, name), async (partial) => {
      await runScript('test/bench/child/load-db.ts', ['--sample', sample.dir, '--db', partial, ...(scale === 'demo' ? ['--demo'] : [])], { echo: true });
    });
    return { file, sample };
  }

  /** 100,000 order lines (the first of the 1m English export) as an XLSX written by exceljs's streaming writer. */
  async xlsx100k(): Promise<string> {
    const sample = await this.sample('1m');
    const name = `orders-100k-s${SEED}-${this.genHash}.xlsx`;
    dropStale(this.dir, 'orders-100k-', name);
    return this.once('100k-row XLSX', path.join(this.dir, name), (partial) => writeXlsx(path.join(sample.dir, 'en', 'orders.csv'), partial, 100_000));
  }

  /**
   * One month of orders (the last complete month before the as-of date) of a scale's English
   * export, as a monthly re-export that replace-period would load.
   */
  async monthOrders(scale: SampleScale): Promise<{ file: string; month: string; lines: number }> {
    const sample = await this.sample(scale);
    const month = previousMonth(sample.asOf);
    const name = `orders-${scale}-${month}-s${SEED}-${this.genHash}.csv`;
    dropStale(this.dir, `orders-${scale}-`, name);
    const file = await this.once(`${scale} orders of ${month}`, path.join(this.dir, name), (partial) =>
      extractMonth(path.join(sample.dir, 'en', 'orders.csv'), partial, month),
    );
    return { file, month, lines: await countLines(file) };
  }
}

export function previousMonth(isoDay: string): string {
  const [y, m] = isoDay.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

async function countLines(file: string): Promise<number> {
  let n = 0;
  for await (const chunk of fs.createReadStream(file)) for (const byte of chunk as Buffer) if (byte === 10) n++;
  return Math.max(0, n - 1);
}

/** An in-memory DuckDB for reshaping export files (never the product's database). */
async function scratchDuck<T>(fn: (run: (sql: string) => Promise<Record<string, unknown>[]>) => Promise<T>): Promise<T> {
  const instance = await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
  const conn = await instance.connect();
  try {
    return await fn(async (sql) => (await conn.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[]);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

async function extractMonth(csv: string, out: string, month: string): Promise<void> {
  if (!/^\d{4}-\d{2}$/.test(month)) throw new Error(`not a month: ${month}`);
  await scratchDuck(async (run) => {
    // Every column as text, so the lines keep exactly the export's spelling.
    await run(
      `COPY (SELECT * FROM read_csv(${literal(csv)}, all_varchar = true, header = true) WHERE "Order Date" LIKE ${literal(`${month}-%`)}) TO ${literal(out)} (HEADER, DELIMITER ',', FORMAT csv)`,
    );
  });
}

const NUMERIC = new Set(['Line No', 'Quantity', 'Unit Price', 'Discount', 'Amount']);
const DATES = new Set(['Order Date']);

async function writeXlsx(csv: string, out: string, lines: number): Promise<void> {
  const rows = await scratchDuck((run) => run(`SELECT * FROM read_csv(${literal(csv)}, all_varchar = true, header = true) LIMIT ${Number(lines)}`));
  const headers = Object.keys(rows[0] ?? {});
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet('Orders');
  ws.addRow(headers).commit();
  for (const row of rows) {
    const cells = headers.map((h) => {
      const v = row[h] as string | null;
      if (v === null || v === '') return null;
      if (NUMERIC.has(h)) return Number(v);
      if (DATES.has(h)) return new Date(`${v}T00:00:00Z`);
      return v;
    });
    ws.addRow(cells).commit();
  }
  ws.commit();
  await wb.commit();
}

