// Builds an import's load-ready table from its typed staging table: canonical fact columns after the
// rules of the data, the spreadsheet row (__row) and every reason to reject the row (__errs).
import type { DuckDBConnection } from '../../../server/db/database.ts';
import { ident } from '../../../server/db/query.ts';
import type { DatasetName } from '../tables.ts';
import type { RuleSource } from './common.ts';
import { ordersSelect } from './orders.ts';
import { customersSelect, productsSelect, repsSelect } from './roster.ts';
import { targetsSelect } from './targets.ts';
import { visitsSelect } from './visits.ts';

export { describeSource, type RuleSource } from './common.ts';

export interface RuleOptions {
  /** Orders only: the file has no line numbers, so its keys are order-level. */
  orderLevel: boolean;
}

export function readySelect(dataset: DatasetName, src: RuleSource, opts: RuleOptions): string {
  switch (dataset) {
    case 'orders':
      return ordersSelect(src, opts);
    case 'visits':
      return visitsSelect(src);
    case 'targets':
      return targetsSelect(src);
    case 'reps':
      return repsSelect(src);
    case 'customers':
      return customersSelect(src);
    case 'products':
      return productsSelect(src);
  }
}

/** Creates the ready table (temporary, on the import's connection). */
export async function buildReady(conn: DuckDBConnection, dataset: DatasetName, src: RuleSource, ready: string, opts: RuleOptions): Promise<void> {
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${ident(ready)} AS ${readySelect(dataset, src, opts)}`);
}

/** Whether an orders file carries line numbers (a mapped line_no column with at least one value). */
export async function isOrderLevel(conn: DuckDBConnection, src: RuleSource): Promise<boolean> {
  if (!src.types.has('line_no') || !src.mapped.has('line_no')) return true;
  const reader = await conn.runAndReadAll(`SELECT EXISTS (SELECT 1 FROM ${ident(src.typed)} WHERE line_no IS NOT NULL) AS has`);
  return !reader.getRowObjectsJS()[0]?.has;
}
