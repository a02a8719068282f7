// Applies a merge plan inside the import's transaction: stored rows the mode replaces are first
// copied to <table>_replaced (replaced_by = this batch, so undo can restore them), then deleted,
// then the file's rows are inserted in date order.
import type { DuckDBConnection } from '../../server/db/database.ts';
import { ident, one } from '../../server/db/query.ts';
import type { MergePlan } from './plan.ts';
import { dateType, keyColumns } from './plan.ts';
import { FACT_TABLES } from './tables.ts';

export interface MergeResult {
  rowsLoaded: number;
  rowsReplaced: number;
}

export async function applyMerge(conn: DuckDBConnection, plan: MergePlan, batchId: string): Promise<MergeResult> {
  const fact = FACT_TABLES[plan.dataset];
  const table = ident(fact.table);
  const archive = ident(`${fact.table}_replaced`);
  const del = ident(plan.deleteTable);
  if (plan.rowsToReplace > 0) {
    // Matching rowids alone reads every column of the whole table; the bound date range of the
    // rows first lets the scan skip the row groups outside it (the table is kept in date order).
    let range = '';
    const params: Record<string, string> = {};
    if (fact.dateColumn) {
      const span = await one<{ lo: string; hi: string }>(conn, `SELECT CAST(min(d) AS VARCHAR) AS lo, CAST(max(d) AS VARCHAR) AS hi FROM ${del}`);
      const type = dateType(plan.dataset);
      range = `f.${ident(fact.dateColumn)} BETWEEN CAST($lo AS ${type}) AND CAST($hi AS ${type}) AND `;
      params.lo = span!.lo;
      params.hi = span!.hi;
    }
    await conn.run(`INSERT INTO ${archive} BY NAME SELECT f.*, $batch AS replaced_by FROM ${table} f WHERE ${range}f.rowid IN (SELECT rid FROM ${del})`, {
      ...params,
      batch: batchId,
    });
    await conn.run(`DELETE FROM ${table} f WHERE ${range}f.rowid IN (SELECT rid FROM ${del})`, params);
  }
  const columns = fact.columns.map(([name]) => ident(name)).join(', ');
  const order = [...(fact.dateColumn ? [fact.dateColumn] : []), ...keyColumns(plan.dataset, plan.orderLevel), '__row'].map(ident).join(', ');
  await conn.run(`INSERT INTO ${table} BY NAME SELECT ${columns}, $batch AS batch_id FROM ${ident(plan.loadTable)} ORDER BY ${order}`, {
    batch: batchId,
  });
  return { rowsLoaded: plan.rowsToLoad, rowsReplaced: plan.rowsToReplace };
}
