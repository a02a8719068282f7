// Test support: a stager that writes a typed staging table straight from rows given in the test,
// so the load half (rules, modes, batches, undo) is exercised without reading files.
import crypto from 'node:crypto';
import type { Database } from '../../server/db/database.ts';
import { ident, rows } from '../../server/db/query.ts';
import type { ImportReport } from '../../pipelines/report.ts';
import { type ImportJob, type Stager, runImport } from '../../pipelines/load/run.ts';
import type { DatasetName, Mode } from '../../pipelines/load/tables.ts';

export type Cell = string | number | boolean | null;

export interface TypedFixture {
  /** canonical column → DuckDB type of the typed staging table. */
  columns: Record<string, string>;
  /** Rows in file order; __row is 2, 3, … (row 1 is the header). */
  rows: Cell[][];
  /** Parse errors the typed staging recorded: [row, column, raw value, message]. */
  parseErrors?: Array<[number, string, string, string]>;
}

export function typedStager(fx: TypedFixture): Stager {
  return async (conn, ctx) => {
    const names = Object.keys(fx.columns);
    const defs = names.map((n) => `${ident(n)} ${fx.columns[n]}`).join(', ');
    await conn.run(
      `CREATE TEMP TABLE ${ident(ctx.typedTable)} (__row INTEGER, ${defs}, __errors STRUCT(col VARCHAR, value VARCHAR, message VARCHAR)[])`,
    );
    for (let i = 0; i < fx.rows.length; i++) {
      const row = fx.rows[i]!;
      const params: Record<string, Cell> = { r: i + 2 };
      names.forEach((n, j) => (params[`p${j}`] = row[j] ?? null));
      const values = names.map((n, j) => `CAST($p${j} AS ${fx.columns[n]})`).join(', ');
      await conn.run(`INSERT INTO ${ident(ctx.typedTable)} VALUES ($r, ${values}, [])`, params);
    }
    for (const [row, col, value, message] of fx.parseErrors ?? []) {
      await conn.run(
        `UPDATE ${ident(ctx.typedTable)} SET __errors = list_append(__errors, {'col': $col, 'value': $value, 'message': $message}) WHERE __row = $row`,
        { row, col, value, message },
      );
    }
    const mapping = Object.fromEntries(names.map((n) => [n, n]));
    return { encoding: 'utf-8', sheet: null, headerRow: 1, rowsRead: fx.rows.length, mapping, mapped: names, warnings: [] };
  };
}

export interface FixtureImport {
  dataset: DatasetName;
  mode?: Mode;
  dryRun?: boolean;
  maxErrorRate?: number;
  file?: string;
}

/** Imports a fixture; its sha256 is a hash of its content, so the same fixture twice is the same file. */
export function importFixture(db: Database, job: FixtureImport, fx: TypedFixture): Promise<ImportReport> {
  const full: ImportJob = {
    dataset: job.dataset,
    mode: job.mode ?? 'append',
    file: job.file ?? `${job.dataset}.csv`,
    sha256: crypto.createHash('sha256').update(JSON.stringify(fx)).digest('hex'),
    maxErrorRate: job.maxErrorRate ?? 0.05,
    dryRun: job.dryRun ?? false,
    user: 'tester',
    isDemo: false,
  };
  return runImport(db, full, typedStager(fx));
}

const TABLES = ['reps', 'customers', 'products', 'orders', 'visits', 'targets'];

/** Every fact and archive table's full content, in a stable order, for before/after comparisons. */
export async function snapshot(db: Database, opts: { batches?: boolean } = {}): Promise<Record<string, unknown[]>> {
  return db.read(async (conn) => {
    const out: Record<string, unknown[]> = {};
    for (const t of TABLES) {
      out[t] = await rows(conn, `SELECT * FROM ${ident(t)} ORDER BY ALL`);
      out[`${t}_replaced`] = await rows(conn, `SELECT * FROM ${ident(`${t}_replaced`)} ORDER BY ALL`);
    }
    if (opts.batches) out.import_batches = await rows(conn, 'SELECT * FROM import_batches ORDER BY ALL');
    return out;
  });
}

export async function query<T extends Record<string, unknown> = Record<string, unknown>>(db: Database, sql: string): Promise<T[]> {
  return db.read((conn) => rows<T>(conn, sql));
}

export const ORDER_COLUMNS = {
  order_id: 'VARCHAR',
  line_no: 'INTEGER',
  order_date: 'DATE',
  customer_id: 'VARCHAR',
  rep_id: 'VARCHAR',
  quantity: 'DECIMAL(18,4)',
  unit_price: 'DECIMAL(18,4)',
  amount: 'DECIMAL(18,4)',
  status: 'VARCHAR',
} as const;
