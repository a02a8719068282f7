// Names and clean-up of an import's working space: its stage_<batchId>_* tables and its temp folder,
// so a finished, failed or interrupted import leaves nothing behind.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DuckDBConnection } from '../../server/db/database.ts';
import { ident, rows } from '../../server/db/query.ts';

const BATCH_ID = /^b\d{8}_\d{6}_[0-9a-f]{6}$/;

/** A new batch id, readable and sortable by start time, safe inside a table name. */
export function newBatchId(now = new Date()): string {
  const iso = now.toISOString().replace(/[-:]/g, '');
  return `b${iso.slice(0, 8)}_${iso.slice(9, 15)}_${crypto.randomBytes(3).toString('hex')}`;
}

export function isBatchId(value: string): boolean {
  return BATCH_ID.test(value);
}

export function stageTable(batchId: string, part: string): string {
  const name = `stage_${batchId}_${part}`;
  ident(name);
  return name;
}

/** The per-batch folder for transcoded or extracted copies of the upload. */
export function batchTempDir(batchId: string): string {
  return path.join(os.tmpdir(), `attain-import-${batchId}`);
}

export async function removeBatchTempDir(batchId: string): Promise<void> {
  if (!isBatchId(batchId)) return;
  await fs.promises.rm(batchTempDir(batchId), { recursive: true, force: true });
}

/** Drops every table and view named stage_<batchId>_*, temporary or not. */
export async function dropStageTables(conn: DuckDBConnection, batchId: string): Promise<number> {
  const prefix = `stage_${batchId}_`;
  const found = await rows<{ name: string; kind: string; temporary: boolean }>(
    conn,
    `SELECT table_name AS name, 'TABLE' AS kind, temporary FROM duckdb_tables() WHERE starts_with(table_name, $prefix)
     UNION ALL
     SELECT view_name, 'VIEW', temporary FROM duckdb_views() WHERE starts_with(view_name, $prefix)`,
    { prefix },
  );
  for (const item of found) {
    const schema = item.temporary ? 'temp.' : '';
    await conn.run(`DROP ${item.kind === 'VIEW' ? 'VIEW' : 'TABLE'} IF EXISTS ${schema}${ident(item.name)}`);
  }
  return found.length;
}

/** Drops a temporary table or view (a stager may leave either under a stage name). */
export async function dropRelation(conn: DuckDBConnection, name: string): Promise<void> {
  const [found] = await rows<{ view: boolean }>(conn, `SELECT EXISTS (SELECT 1 FROM duckdb_views() WHERE view_name = $name AND temporary) AS view`, { name });
  await conn.run(`DROP ${found?.view ? 'VIEW' : 'TABLE'} IF EXISTS temp.${ident(name)}`);
}
