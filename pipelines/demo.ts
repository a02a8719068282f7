// The sample company as demo data: loaded through the normal importer when the database has no
// facts, marked as demo, and removable in one transaction before real exports are loaded.
import fs from 'node:fs';
import path from 'node:path';
import type { Database, DuckDBConnection } from '../server/db/database.ts';
import { ident, one, run } from '../server/db/query.ts';
import { importFile } from './import.ts';
import { runFactHooks } from './load/hooks.ts';
import { DATASET_NAMES, type DatasetName } from './load/tables.ts';
import type { ImportReport } from './report.ts';

/** Import order: the roster and customers first, so orders and visits find their reps and customers. */
export const DEMO_ORDER: DatasetName[] = ['reps', 'customers', 'products', 'targets', 'orders', 'visits'];

export interface DemoLoad {
  loaded: boolean;
  reports: ImportReport[];
}

export async function hasFacts(db: Database): Promise<boolean> {
  const counts = DATASET_NAMES.map((t) => `(SELECT count(*) FROM ${ident(t)})`).join(' + ');
  const row = await db.read((conn) => one<{ n: number }>(conn, `SELECT ${counts} AS n`));
  return (row?.n ?? 0) > 0;
}

/**
 * Imports sampleDir/en/<dataset>.csv for each dataset when the database has no facts, then sets
 * meta demo = true. Throws when a sample file is refused: the demo must load cleanly.
 */
export async function loadDemoIfEmpty(db: Database, opts: { sampleDir: string; log?: (line: string) => void }): Promise<DemoLoad> {
  const log = opts.log ?? (() => undefined);
  if (await hasFacts(db)) return { loaded: false, reports: [] };
  const files = DEMO_ORDER.map((dataset) => ({ dataset, file: path.join(opts.sampleDir, 'en', `${dataset}.csv`) }));
  const missing = files.filter((f) => !fs.existsSync(f.file));
  if (missing.length > 0) {
    log(`Demo data not loaded: the sample company's ${missing.map((m) => m.file).join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing (npm run sample writes them).`);
    return { loaded: false, reports: [] };
  }
  const reports: ImportReport[] = [];
  for (const { dataset, file } of files) {
    const report = await importFile(db, { dataset, file, mode: 'append', user: 'demo', isDemo: true });
    if (report.status !== 'committed' && report.status !== 'no-op') {
      throw new Error(`The demo file ${file} was not loaded: ${report.message}`);
    }
    log(`Demo ${dataset}: ${report.rowsLoaded.toLocaleString('en-US')} rows loaded.`);
    reports.push(report);
  }
  await db.transaction((conn) => run(conn, "INSERT OR REPLACE INTO meta VALUES ('demo', 'true')"));
  return { loaded: true, reports };
}

export async function isDemoLoaded(db: Database): Promise<boolean> {
  const row = await db.read((conn) => one<{ v: string }>(conn, "SELECT value AS v FROM meta WHERE key = 'demo'"));
  return row?.v === 'true';
}

export interface DemoRemoval {
  batches: number;
  rows: number;
}

/**
 * Deletes every demo batch's facts (and what they archived) and the batches, in one transaction;
 * `alsoWith` runs inside it (the server removes the demo accounts there, so both go or neither).
 */
export async function removeDemoData(db: Database, alsoWith?: (conn: DuckDBConnection) => Promise<unknown>): Promise<DemoRemoval> {
  return db.transaction(async (conn) => {
    const demo = `SELECT batch_id FROM import_batches WHERE is_demo`;
    let removed = 0;
    for (const t of DATASET_NAMES) {
      const n = await one<{ n: number }>(conn, `SELECT count(*) AS n FROM ${ident(t)} WHERE batch_id IN (${demo})`);
      removed += n?.n ?? 0;
      await run(conn, `DELETE FROM ${ident(t)} WHERE batch_id IN (${demo})`);
      await run(conn, `DELETE FROM ${ident(`${t}_replaced`)} WHERE batch_id IN (${demo}) OR replaced_by IN (${demo})`);
    }
    const batches = (await one<{ n: number }>(conn, 'SELECT count(*) AS n FROM import_batches WHERE is_demo'))?.n ?? 0;
    await run(conn, 'DELETE FROM import_batches WHERE is_demo');
    await run(conn, "INSERT OR REPLACE INTO meta VALUES ('demo', 'false')");
    await runFactHooks(conn, { dataset: 'all', batchId: '', kind: 'remove-demo', months: null });
    if (alsoWith) await alsoWith(conn);
    return { batches, rows: removed };
  });
}
