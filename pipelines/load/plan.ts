// Works out what a merge will do before it does it: which file rows load, which are duplicates
// (in the file or already stored), and which stored rows the mode replaces. A dry run reports
// this plan; a real import applies it inside its transaction.
import type { DuckDBConnection } from '../../server/db/database.ts';
import { ident, one, rows } from '../../server/db/query.ts';
import type { ReplacePlan } from '../report.ts';
import { FACT_TABLES, type DatasetName, type Mode, hasPeriods } from './tables.ts';

export interface PlanInput {
  dataset: DatasetName;
  mode: Mode;
  /** The load-ready table (rules applied). */
  ready: string;
  /** Orders only: keys are order-level (no line numbers in the file). */
  orderLevel: boolean;
  /** Names for the plan's own tables. */
  loadTable: string;
  deleteTable: string;
}

export interface MergePlan extends PlanInput {
  rowsToLoad: number;
  rowsDuplicate: number;
  rowsToReplace: number;
  replaced?: ReplacePlan;
}

/** The key columns of a dataset for this file. */
export function keyColumns(dataset: DatasetName, orderLevel: boolean): string[] {
  if (dataset === 'orders' && orderLevel) return ['order_id'];
  return FACT_TABLES[dataset].key;
}

/** SQL condition: stored row f has the same key as file row s. */
export function keyMatch(dataset: DatasetName, orderLevel: boolean, f = 'f', s = 's'): string {
  if (dataset === 'orders') {
    // A stored order without line numbers matches any line of the same order, and vice versa.
    if (orderLevel) return `${f}.order_id = ${s}.order_id`;
    return `${f}.order_id = ${s}.order_id AND (${f}.line_no IS NULL OR ${f}.line_no = ${s}.line_no)`;
  }
  return keyColumns(dataset, orderLevel)
    .map((k) => `${f}.${ident(k)} = ${s}.${ident(k)}`)
    .join(' AND ');
}

/**
 * SELECT of the rowids (rid) of stored rows of `table` whose key some row of `from` has. Line-level
 * orders split keyMatch's OR into two equality matches (the same line number, or a stored line
 * without one), each a hash join; with the stored rows outside, the OR ran as a mark join that took
 * 4 s for 450k lines against 10M stored ones. The two halves never share a stored row. Written as
 * SEMI JOINs (every match is on equal columns): as EXISTS, DuckDB may decorrelate it into a join that
 * first groups all 10M stored keys.
 */
function storedRowids(dataset: DatasetName, orderLevel: boolean, table: string, from: string): string {
  const cols = `f.rowid AS rid${dateSelect(dataset)}`;
  if (dataset === 'orders' && !orderLevel) {
    return `SELECT ${cols} FROM ${table} f SEMI JOIN ${from} s ON f.order_id = s.order_id AND f.line_no = s.line_no
     UNION ALL SELECT ${cols} FROM ${table} f SEMI JOIN ${from} s ON f.order_id = s.order_id WHERE f.line_no IS NULL`;
  }
  return `SELECT ${cols} FROM ${table} f SEMI JOIN ${from} s ON ${keyMatch(dataset, orderLevel)}`;
}

/**
 * The delete table also keeps each stored row's date (as d) where the dataset has one, so the merge
 * can fetch the rows by a date range that skips the rest of the table (see applyMerge).
 */
function dateSelect(dataset: DatasetName): string {
  const column = FACT_TABLES[dataset].dateColumn;
  return column ? `, f.${ident(column)} AS d` : '';
}

/** SQL type of a dataset's date column (DATE or TIMESTAMP). */
export function dateType(dataset: DatasetName): string {
  const column = FACT_TABLES[dataset].dateColumn;
  const type = FACT_TABLES[dataset].columns.find(([name]) => name === column)?.[1];
  if (!type) throw new Error(`${dataset} has no date column`);
  return type;
}

/** The first day of a YYYY-MM month and of the month after another (the half-open range covering both). */
function monthRange(first: string, last: string): { lo: string; hi: string } {
  const [y, m] = last.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { lo: `${first}-01`, hi: `${next}-01` };
}

/** Month of a dataset's date column, as YYYY-MM. */
function monthOf(dataset: DatasetName, alias: string): string {
  const column = FACT_TABLES[dataset].dateColumn;
  if (!column) throw new Error(`${dataset} has no date column`);
  return `strftime(${alias}.${ident(column)}, '%Y-%m')`;
}

export async function planMerge(conn: DuckDBConnection, input: PlanInput): Promise<MergePlan> {
  const { dataset, mode, ready, orderLevel, loadTable, deleteTable } = input;
  const table = ident(FACT_TABLES[dataset].table);
  const keys = keyColumns(dataset, orderLevel).map(ident).join(', ');
  // Within the file the first row of a key wins; an order-level orders file legitimately
  // repeats its order id on every line, so it has no in-file duplicates.
  // The window costs a sort of the whole file, so it runs only when some key repeats (rare).
  const mayRepeat = !(dataset === 'orders' && orderLevel);
  const repeats =
    mayRepeat &&
    (await one<{ d: boolean }>(conn, `SELECT EXISTS (SELECT 1 FROM ${ident(ready)} WHERE len(__errs) = 0 GROUP BY ${keys} HAVING count(*) > 1) AS d`))?.d === true;
  const dupExpr = repeats ? `row_number() OVER (PARTITION BY ${keys} ORDER BY __row) > 1` : 'false';
  // Append also flags rows whose key is already stored; a stored duplicate counts only when it is not an in-file one.
  const storedExpr = mode === 'append' ? `EXISTS (SELECT 1 FROM ${table} f WHERE ${keyMatch(dataset, orderLevel)})` : 'false';
  const anyStored =
    mode === 'append' &&
    (await one<{ d: boolean }>(conn, `SELECT EXISTS (SELECT 1 FROM ${ident(ready)} s WHERE len(__errs) = 0 AND ${storedExpr}) AS d`))?.d === true;
  let inFileDup = 0;
  let storedDup = 0;
  if (!repeats && !anyStored) {
    // Every valid row loads (the usual case): the load table is a view of the ready table, not a second copy.
    await conn.run(`CREATE OR REPLACE TEMP VIEW ${ident(loadTable)} AS SELECT * EXCLUDE (__errs) FROM ${ident(ready)} WHERE len(__errs) = 0`);
  } else {
    await conn.run(
      `CREATE OR REPLACE TEMP TABLE ${ident(loadTable)} AS
       SELECT * EXCLUDE (__errs), ${dupExpr} AS __dup, ${storedExpr} AS __stored FROM ${ident(ready)} s WHERE len(__errs) = 0`,
    );
    const flagged = await one<{ dup: number; stored: number }>(
      conn,
      `SELECT count(*) FILTER (WHERE __dup) AS dup, count(*) FILTER (WHERE __stored AND NOT __dup) AS stored FROM ${ident(loadTable)}`,
    );
    inFileDup = flagged?.dup ?? 0;
    storedDup = flagged?.stored ?? 0;
    if (inFileDup + storedDup > 0) await conn.run(`DELETE FROM ${ident(loadTable)} WHERE __dup OR __stored`);
  }

  let replaced: ReplacePlan | undefined;
  let params: Record<string, string> = {};
  if (mode === 'append') {
    const date = FACT_TABLES[dataset].dateColumn ? `, CAST(NULL AS ${dateType(dataset)}) AS d` : '';
    await conn.run(`CREATE OR REPLACE TEMP TABLE ${ident(deleteTable)} AS SELECT CAST(NULL AS BIGINT) AS rid${date} WHERE false`);
  } else {
    // Key matches are hash SEMI JOINs on equal columns only (storedRowids splits the one OR).
    const byKey = storedRowids(dataset, orderLevel, table, ident(loadTable));
    let scope = '';
    if (mode === 'replace-period' && hasPeriods(dataset)) {
      replaced = await replaceScope(conn, dataset, loadTable);
      if (dataset === 'targets') {
        scope = `UNION SELECT f.rowid FROM ${table} f
               WHERE f.period IN (SELECT DISTINCT period FROM ${ident(loadTable)})
                 AND (f.scope_kind, f.scope_id) IN (SELECT DISTINCT scope_kind, scope_id FROM ${ident(loadTable)})`;
      } else if (replaced.periods.length > 0) {
        // The bound range of whole months lets the scan skip every row group outside them (the table is
        // kept in date order); the month list then keeps exactly the months the file has.
        const column = `f.${ident(FACT_TABLES[dataset].dateColumn!)}`;
        const type = dateType(dataset);
        params = monthRange(replaced.periods[0]!, replaced.periods[replaced.periods.length - 1]!);
        scope = `UNION SELECT f.rowid${dateSelect(dataset)} FROM ${table} f
               WHERE ${column} >= CAST($lo AS ${type}) AND ${column} < CAST($hi AS ${type})
                 AND ${monthOf(dataset, 'f')} IN (SELECT DISTINCT ${monthOf(dataset, 's')} FROM ${ident(loadTable)} s)
                 AND f.rep_id IN (SELECT DISTINCT rep_id FROM ${ident(loadTable)})`;
      }
    }
    await conn.run(`CREATE OR REPLACE TEMP TABLE ${ident(deleteTable)} AS ${byKey} ${scope}`, params);
  }
  const rowsToLoad = (await one<{ n: number }>(conn, `SELECT count(*) AS n FROM ${ident(loadTable)}`))?.n ?? 0;
  const rowsToReplace = (await one<{ n: number }>(conn, `SELECT count(*) AS n FROM ${ident(deleteTable)}`))?.n ?? 0;
  if (replaced) replaced.rows = rowsToReplace;
  return { ...input, rowsToLoad, rowsDuplicate: inFileDup + storedDup, rowsToReplace, ...(replaced ? { replaced } : {}) };
}

/** The months (or target periods) and reps (or target scopes) a replace-period import covers. */
async function replaceScope(conn: DuckDBConnection, dataset: DatasetName, loadTable: string): Promise<ReplacePlan> {
  const t = ident(loadTable);
  if (dataset === 'targets') {
    const periods = await rows<{ p: string }>(conn, `SELECT DISTINCT period AS p FROM ${t} ORDER BY 1`);
    const scopes = await rows<{ s: string }>(conn, `SELECT DISTINCT scope_kind || ':' || scope_id AS s FROM ${t} ORDER BY 1`);
    return { periods: periods.map((r) => r.p), reps: scopes.map((r) => r.s), rows: 0 };
  }
  const months = await rows<{ p: string }>(conn, `SELECT DISTINCT ${monthOf(dataset, 's')} AS p FROM ${t} s ORDER BY 1`);
  const reps = await rows<{ r: string }>(conn, `SELECT DISTINCT rep_id AS r FROM ${t} ORDER BY 1`);
  return { periods: months.map((r) => r.p), reps: reps.map((r) => r.r), rows: 0 };
}
