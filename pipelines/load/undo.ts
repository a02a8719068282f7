// Undo of one import in one transaction: its rows go, the rows it replaced come back from the
// archive, the batch is marked undone. Refused when a later import has built on its rows.
import type { Database, DuckDBConnection } from '../../server/db/database.ts';
import { ident, one, run } from '../../server/db/query.ts';
import { BatchNotFound, UndoRefused } from './errors.ts';
import { batchMonths, runFactHooks } from './hooks.ts';
import { FACT_TABLES, isDataset, type DatasetName } from './tables.ts';

export interface UndoResult {
  batchId: string;
  dataset: string;
  rowsRemoved: number;
  rowsRestored: number;
}

type LaterBatch = {
  batch_id: string;
  file_name: string | null;
  finished_at: string | null;
};

function describe(b: LaterBatch): string {
  return `${b.batch_id}${b.file_name ? ` (${b.file_name}${b.finished_at ? `, ${b.finished_at.slice(0, 16).replace('T', ' ')}` : ''})` : ''}`;
}

/** Key equality between a stored row f and an archived row a (orders: order-level rows match any line). */
function sameKey(dataset: DatasetName): string {
  if (dataset === 'orders') return `f.order_id = a.order_id AND (f.line_no IS NULL OR a.line_no IS NULL OR f.line_no = a.line_no)`;
  return FACT_TABLES[dataset].key.map((k) => `f.${ident(k)} = a.${ident(k)}`).join(' AND ');
}

/** A later committed batch that replaced this batch's rows, or loaded rows over keys undo would restore. */
async function blockingBatch(conn: DuckDBConnection, dataset: DatasetName, batchId: string): Promise<LaterBatch | undefined> {
  const table = ident(dataset);
  const archive = ident(`${dataset}_replaced`);
  const replacedLater = await one<LaterBatch>(
    conn,
    `SELECT b.batch_id, b.file_name, CAST(b.finished_at AS VARCHAR) AS finished_at FROM import_batches b
     WHERE b.status = 'committed' AND b.batch_id IN (SELECT DISTINCT replaced_by FROM ${archive} WHERE batch_id = $id AND replaced_by <> $id)
     ORDER BY b.seq LIMIT 1`,
    { id: batchId },
  );
  if (replacedLater) return replacedLater;
  return one<LaterBatch>(
    conn,
    `SELECT b.batch_id, b.file_name, CAST(b.finished_at AS VARCHAR) AS finished_at FROM import_batches b
     WHERE b.batch_id IN (
       SELECT DISTINCT f.batch_id FROM ${table} f
       SEMI JOIN (SELECT * FROM ${archive} WHERE replaced_by = $id) a ON ${sameKey(dataset)}
       WHERE f.batch_id <> $id)
     ORDER BY b.seq LIMIT 1`,
    { id: batchId },
  );
}

export async function undoImport(db: Database, batchId: string, user: string | null = null): Promise<UndoResult> {
  return db.transaction(async (conn) => {
    const batch = await one<{ status: string; dataset: string; undone_by: string | null; undone_at: string | null }>(
      conn,
      `SELECT status, dataset, undone_by, CAST(undone_at AS VARCHAR) AS undone_at FROM import_batches WHERE batch_id = $id`,
      { id: batchId },
    );
    if (!batch) throw new BatchNotFound(batchId);
    if (batch.status === 'undone') {
      throw new UndoRefused(
        `Import ${batchId} was already undone${batch.undone_by ? ` by ${batch.undone_by}` : ''}${batch.undone_at ? ` at ${batch.undone_at.slice(0, 16)}` : ''}.`,
      );
    }
    if (batch.status !== 'committed' || !isDataset(batch.dataset)) {
      throw new UndoRefused(`Import ${batchId} is ${batch.status}, not committed, so it changed nothing to undo.`);
    }
    const dataset = batch.dataset;
    const later = await blockingBatch(conn, dataset, batchId);
    if (later) {
      throw new UndoRefused(
        `Import ${batchId} cannot be undone: the later import ${describe(later)} changed the same ${dataset} rows; undo that one first.`,
        { blockedBy: later.batch_id },
      );
    }
    const months = await batchMonths(conn, dataset, batchId);
    const fact = FACT_TABLES[dataset];
    const table = ident(dataset);
    const archive = ident(`${dataset}_replaced`);
    const removed = (await one<{ n: number }>(conn, `SELECT count(*) AS n FROM ${table} WHERE batch_id = $id`, { id: batchId }))?.n ?? 0;
    const restored = (await one<{ n: number }>(conn, `SELECT count(*) AS n FROM ${archive} WHERE replaced_by = $id`, { id: batchId }))?.n ?? 0;
    await run(conn, `DELETE FROM ${table} WHERE batch_id = $id`, { id: batchId });
    const order = fact.dateColumn ? ` ORDER BY ${ident(fact.dateColumn)}` : '';
    await run(conn, `INSERT INTO ${table} BY NAME SELECT * EXCLUDE (replaced_by) FROM ${archive} WHERE replaced_by = $id${order}`, { id: batchId });
    await run(conn, `DELETE FROM ${archive} WHERE replaced_by = $id`, { id: batchId });
    await run(conn, `UPDATE import_batches SET status = 'undone', undone_by = $user, undone_at = current_timestamp WHERE batch_id = $id`, {
      id: batchId,
      user,
    });
    await runFactHooks(conn, { dataset, batchId, kind: 'undo', months });
    return { batchId, dataset, rowsRemoved: removed, rowsRestored: restored };
  });
}
