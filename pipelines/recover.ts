// Start-up clean-up after a crash or kill: imports left running become failed, and their staging
// tables and temp folders are removed. The facts need no repair: a merge commits whole or not at all.
import type { Database } from '../server/db/database.ts';
import { rows, run } from '../server/db/query.ts';
import { activeImports } from './load/active.ts';
import { dropStageTables, removeBatchTempDir } from './load/staging.ts';

export interface RecoveryResult {
  /** Batches that were left running and are now marked failed. */
  failed: string[];
  /** Staging tables dropped. */
  tablesDropped: number;
}

/**
 * Call once at start, before serving: only one process can hold the database, so any batch still
 * marked running was interrupted. Staging tables of batches that no longer exist are dropped too.
 */
export async function recoverInterruptedImports(db: Database): Promise<RecoveryResult> {
  return db.write(async (conn) => {
    // Imports running in this very process are alive, whatever their record says.
    const alive = new Set(activeImports().map((a) => a.batchId));
    const stale = (await rows<{ id: string }>(conn, `SELECT batch_id AS id FROM import_batches WHERE status = 'running' ORDER BY seq`)).filter(
      (s) => !alive.has(s.id),
    );
    let tablesDropped = 0;
    for (const { id } of stale) {
      await run(
        conn,
        `UPDATE import_batches SET status = 'failed', finished_at = current_timestamp,
           report = coalesce(report, CAST($report AS JSON))
         WHERE batch_id = $id`,
        { id, report: JSON.stringify({ status: 'failed', message: 'The import was interrupted (the process stopped) and nothing was loaded.' }) },
      );
      tablesDropped += await dropStageTables(conn, id);
      await removeBatchTempDir(id);
    }
    // Leftovers whose batch row is gone (e.g. an interrupted dry run).
    const orphans = await rows<{ id: string }>(
      conn,
      `SELECT DISTINCT regexp_extract(table_name, '^stage_(b\\d{8}_\\d{6}_[0-9a-f]{6})_', 1) AS id FROM duckdb_tables()
       WHERE regexp_matches(table_name, '^stage_b\\d{8}_\\d{6}_[0-9a-f]{6}_')
         AND regexp_extract(table_name, '^stage_(b\\d{8}_\\d{6}_[0-9a-f]{6})_', 1) NOT IN
             (SELECT batch_id FROM import_batches WHERE status = 'running')`,
    );
    for (const { id } of orphans) {
      if (alive.has(id)) continue;
      tablesDropped += await dropStageTables(conn, id);
      await removeBatchTempDir(id);
    }
    return { failed: stale.map((s) => s.id), tablesDropped };
  });
}
