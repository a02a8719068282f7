// Ingest figures: the 1M-line orders CSV in UTF-8 and GB18030 against a bare DuckDB read of the same
// UTF-8 file, a 100,000-row XLSX (time and the importing process's peak memory), and a one-month
// replace-period import into a copy of the large database. Each import runs in its own process on
// a database that already holds the roster, customers and products.
import path from 'node:path';
import { atMost, below, figure, type Figure } from './figures.ts';
import { copyDb, freshDb, removeDb, type BenchContext, type SectionResult } from './context.ts';
import { ChildTimeout, runScript } from './proc.ts';

interface ImportResult {
  seconds: number;
  /** Of which refreshing the precomputed tables inside the import's transaction. */
  refreshSeconds: number;
  rowsRead: number;
  rowsLoaded: number;
  rowsReplaced: number;
  rowsRejected: number;
  encoding: string;
  maxRssMb: number;
}

interface BareResult {
  seconds: number;
  rows: number;
}

const S = 'ingest';
/** Generous limits (a busy machine is slow), so one pathological import cannot hold up the whole run. */
const LIMIT_S = { fresh: 600, incremental: 120 } as const;

async function importInto(db: string, file: string, mode = 'append', timeoutSeconds: number = LIMIT_S.fresh): Promise<ImportResult> {
  const args = ['--db', db, '--file', file, '--dataset', 'orders', '--mode', mode];
  return (await runScript<ImportResult>('test/bench/child/import-one.ts', args, { timeoutSeconds })).value;
}

async function freshImport(ctx: BenchContext, name: string, file: string, roster: string): Promise<ImportResult> {
  const db = freshDb(ctx, `${name}.duckdb`);
  try {
    await runScript('test/bench/child/import-one.ts', ['--db', db, '--roster', roster]);
    return await importInto(db, file);
  } finally {
    removeDb(db);
  }
}

export async function ingestSection(ctx: BenchContext): Promise<SectionResult> {
  const figures: Figure[] = [];
  const sample = await ctx.prepared.sample('1m');
  const xlsx = await ctx.prepared.xlsx100k();
  const month = await ctx.prepared.monthOrders(ctx.scale);
  const big = ctx.db ?? (await ctx.prepared.database(ctx.scale)).file;
  const utf8 = path.join(sample.dir, 'en', 'orders.csv');
  const gb = path.join(sample.dir, 'zh', 'orders.csv');

  ctx.log('ingest: bare DuckDB read_csv of the 1m UTF-8 orders …');
  const bareDb = freshDb(ctx, 'bare.duckdb');
  let bare: BareResult;
  try {
    bare = (await runScript<BareResult>('test/bench/child/bare-csv.ts', ['--db', bareDb, '--file', utf8])).value;
  } finally {
    removeDb(bareDb);
  }
  figures.push(figure(`${S}.bare.seconds`, S, `bare DuckDB CREATE TABLE AS read_csv, ${bare.rows.toLocaleString('en-US')} lines`, bare.seconds, 's'));

  ctx.log('ingest: 1m UTF-8 orders CSV …');
  const en = await freshImport(ctx, 'utf8', utf8, sample.dir);
  figures.push(
    figure(`${S}.csv_utf8.seconds`, S, `orders CSV UTF-8, ${en.rowsRead.toLocaleString('en-US')} lines`, en.seconds, 's'),
    figure(`${S}.csv_utf8.rows_per_second`, S, 'orders CSV UTF-8 throughput', en.rowsRead / en.seconds, 'rows/s'),
    figure(`${S}.csv_utf8.ratio`, S, 'orders CSV UTF-8 ÷ bare DuckDB', en.seconds / bare.seconds, '×', atMost(2)),
  );

  ctx.log('ingest: 1m GB18030 orders CSV …');
  const zh = await freshImport(ctx, 'gb18030', gb, sample.dir);
  figures.push(
    figure(`${S}.csv_gb18030.seconds`, S, `orders CSV GB18030, ${zh.rowsRead.toLocaleString('en-US')} lines`, zh.seconds, 's', null, `encoding detected: ${zh.encoding}`),
    figure(`${S}.csv_gb18030.rows_per_second`, S, 'orders CSV GB18030 throughput', zh.rowsRead / zh.seconds, 'rows/s'),
    figure(`${S}.csv_gb18030.ratio`, S, 'orders CSV GB18030 ÷ bare DuckDB (UTF-8)', zh.seconds / bare.seconds, '×', atMost(3)),
  );

  ctx.log('ingest: 100k-row XLSX …');
  const x = await freshImport(ctx, 'xlsx', xlsx, sample.dir);
  figures.push(
    figure(`${S}.xlsx_100k.seconds`, S, `orders XLSX, ${x.rowsRead.toLocaleString('en-US')} rows`, x.seconds, 's', atMost(15)),
    figure(`${S}.xlsx_100k.peak_rss`, S, 'orders XLSX: peak RSS of the importing process', x.maxRssMb, 'MB', below(500)),
  );

  ctx.log(`ingest: replace-period of ${month.month} into a copy of the ${ctx.scale} database …`);
  const copy = copyDb(ctx, big, 'incremental.duckdb');
  const incLabel = `replace-period ${month.month} (${month.lines.toLocaleString('en-US')} lines) into ${ctx.scale}`;
  let inc: ImportResult | null = null;
  try {
    inc = await importInto(copy, month.file, 'replace-period', LIMIT_S.incremental);
    figures.push(
      figure(`${S}.incremental_month.seconds`, S, incLabel, inc.seconds, 's', atMost(3), `${inc.rowsReplaced.toLocaleString('en-US')} stored lines replaced`),
      figure(`${S}.incremental_month.refresh_seconds`, S, `of which refreshing every rollup and customer table`, inc.refreshSeconds, 's', atMost(3)),
    );
  } catch (err) {
    if (!(err instanceof ChildTimeout)) throw err;
    // The limit stands in as a lower bound: the import took at least that long.
    figures.push(figure(`${S}.incremental_month.seconds`, S, `${incLabel}: stopped, did not finish`, err.limitSeconds, 's', atMost(3), `stopped after ${err.limitSeconds} s; the value is a lower bound`));
  } finally {
    removeDb(copy);
  }
  return { figures, detail: { bare, utf8: en, gb18030: zh, xlsx: x, incremental: inc, month: { file: path.basename(month.file), month: month.month, lines: month.lines } } };
}
