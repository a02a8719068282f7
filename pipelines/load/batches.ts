// The import-batch records: written as running before any staging (so an interrupted import can be
// found and cleaned), committed inside the merge's transaction, failed otherwise; listed for history.
import type { DuckDBConnection } from '../../server/db/database.ts';
import { one, rows, run } from '../../server/db/query.ts';
import type { ImportReport } from '../report.ts';

export type BatchStatus = 'running' | 'committed' | 'failed' | 'undone';

export type BatchRecord = {
  batchId: string;
  seq: number;
  dataset: string;
  mode: string;
  status: BatchStatus;
  fileName: string | null;
  sha256: string | null;
  encoding: string | null;
  sheet: string | null;
  headerRow: number | null;
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  rowsReplaced: number;
  rowsDuplicate: number;
  createdBy: string | null;
  createdAt: string;
  finishedAt: string | null;
  undoneBy: string | null;
  undoneAt: string | null;
  isDemo: boolean;
};

const COLUMNS = `batch_id AS "batchId", seq, dataset, mode, status, file_name AS "fileName", sha256, encoding, sheet,
  header_row AS "headerRow", rows_read AS "rowsRead", rows_loaded AS "rowsLoaded", rows_rejected AS "rowsRejected",
  rows_replaced AS "rowsReplaced", rows_duplicate AS "rowsDuplicate", created_by AS "createdBy", created_at AS "createdAt",
  finished_at AS "finishedAt", undone_by AS "undoneBy", undone_at AS "undoneAt", is_demo AS "isDemo"`;

export interface NewBatch {
  batchId: string;
  dataset: string;
  mode: string;
  fileName: string;
  sha256: string;
  user: string | null;
  isDemo: boolean;
}

export async function insertRunningBatch(conn: DuckDBConnection, b: NewBatch): Promise<void> {
  await run(
    conn,
    `INSERT INTO import_batches (batch_id, seq, dataset, mode, status, file_name, sha256, created_by, is_demo)
     VALUES ($id, nextval('import_batch_seq'), $dataset, $mode, 'running', $file, $sha, $user, $demo)`,
    { id: b.batchId, dataset: b.dataset, mode: b.mode, file: b.fileName, sha: b.sha256, user: b.user, demo: b.isDemo },
  );
}

function reportParams(report: ImportReport) {
  return {
    id: report.batchId,
    encoding: report.encoding,
    sheet: report.sheet,
    headerRow: report.headerRow,
    read: report.rowsRead,
    loaded: report.rowsLoaded,
    rejected: report.rowsRejected,
    replaced: report.rowsReplaced,
    duplicate: report.rowsDuplicate,
    report: JSON.stringify(report),
  };
}

function failedParams(report: ImportReport) {
  const { loaded: _loaded, replaced: _replaced, ...rest } = reportParams(report);
  return rest;
}

/** Marks the batch committed (inside the merge transaction); seq is taken now, so seq is commit order. */
export async function markCommitted(conn: DuckDBConnection, report: ImportReport): Promise<void> {
  await run(
    conn,
    `UPDATE import_batches SET status = 'committed', seq = nextval('import_batch_seq'), encoding = $encoding, sheet = $sheet,
       header_row = $headerRow, rows_read = $read, rows_loaded = $loaded, rows_rejected = $rejected, rows_replaced = $replaced,
       rows_duplicate = $duplicate, report = CAST($report AS JSON), finished_at = current_timestamp
     WHERE batch_id = $id`,
    reportParams(report),
  );
}

/** Marks a batch failed, keeping the report of why when there is one. */
export async function markFailed(conn: DuckDBConnection, batchId: string, report?: ImportReport): Promise<void> {
  if (report) {
    await run(
      conn,
      `UPDATE import_batches SET status = 'failed', encoding = $encoding, sheet = $sheet, header_row = $headerRow, rows_read = $read,
         rows_loaded = 0, rows_rejected = $rejected, rows_replaced = 0, rows_duplicate = $duplicate, report = CAST($report AS JSON),
         finished_at = current_timestamp
       WHERE batch_id = $id`,
      failedParams(report),
    );
    return;
  }
  await run(conn, `UPDATE import_batches SET status = 'failed', finished_at = current_timestamp WHERE batch_id = $id`, { id: batchId });
}

export async function deleteBatch(conn: DuckDBConnection, batchId: string): Promise<void> {
  await run(conn, 'DELETE FROM import_batches WHERE batch_id = $id', { id: batchId });
}

/** The committed, not undone batch that imported this very file the same way, if any. */
export async function findIdentical(conn: DuckDBConnection, sha256: string, dataset: string, mode: string): Promise<BatchRecord | undefined> {
  return one<BatchRecord>(
    conn,
    `SELECT ${COLUMNS} FROM import_batches WHERE sha256 = $sha AND dataset = $dataset AND mode = $mode AND status = 'committed'
     ORDER BY seq DESC LIMIT 1`,
    { sha: sha256, dataset, mode },
  );
}

export async function getBatch(conn: DuckDBConnection, batchId: string): Promise<(BatchRecord & { report: ImportReport | null }) | undefined> {
  const row = await one<BatchRecord & { report: string | null }>(conn, `SELECT ${COLUMNS}, CAST(report AS VARCHAR) AS report FROM import_batches WHERE batch_id = $id`, {
    id: batchId,
  });
  if (!row) return undefined;
  return { ...row, report: row.report ? (JSON.parse(row.report) as ImportReport) : null };
}

/** Import history, newest first. */
export async function listBatches(conn: DuckDBConnection, opts: { limit?: number; offset?: number } = {}): Promise<BatchRecord[]> {
  return rows<BatchRecord>(
    conn,
    `SELECT ${COLUMNS} FROM import_batches ORDER BY created_at DESC, seq DESC LIMIT $limit OFFSET $offset`,
    { limit: opts.limit ?? 100, offset: opts.offset ?? 0 },
  );
}
