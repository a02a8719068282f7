// Lets other modules (rollups, precomputed customer tables) react to fact changes inside the same
// transaction that made them, so a precomputed table never disagrees with the facts it summarises.
// The entry points (server start-up, the ingest CLI) register the refreshers; pipelines import
// nothing from server/ but the database module.
import type { DuckDBConnection } from '../../server/db/database.ts';
import { ident, rows } from '../../server/db/query.ts';
import { FACT_TABLES, type DatasetName } from './tables.ts';

export interface FactChange {
  /** The dataset whose facts changed; 'all' when several did (demo removal). */
  dataset: DatasetName | 'all';
  batchId: string;
  kind: 'import' | 'undo' | 'remove-demo';
  /** Months (YYYY-MM) whose orders or visits changed; null when unknown or not month-bound. */
  months: string[] | null;
}

export type FactHook = (conn: DuckDBConnection, change: FactChange) => Promise<void>;

const hooks = new Map<string, FactHook>();

/** Registers a hook under a name (registering the same name again replaces it); returns its removal. */
export function onFactsChanged(name: string, hook: FactHook): () => void {
  hooks.set(name, hook);
  return () => {
    if (hooks.get(name) === hook) hooks.delete(name);
  };
}

export async function runFactHooks(conn: DuckDBConnection, change: FactChange): Promise<void> {
  for (const hook of hooks.values()) await hook(conn, change);
}

/** Above this many changed months a full rebuild is cheaper than refreshing month by month. */
export const FULL_REBUILD_MONTHS = 6;

/**
 * What the precomputed tables need after a change: the months of orders or visits that changed,
 * a full rebuild ({} — a roster or customer change moves teams, regions and ownership), or
 * nothing (null: products and targets feed no precomputed table).
 */
export function refreshScope(change: FactChange): { months?: string[] } | null {
  switch (change.dataset) {
    case 'orders':
    case 'visits':
      // Month by month pays off for a few months; a file spanning many (a first load) rebuilds faster whole.
      return change.months && change.months.length <= FULL_REBUILD_MONTHS ? { months: change.months } : {};
    case 'reps':
    case 'customers':
    case 'all':
      return {};
    default:
      return null;
  }
}

export type Refresher = (conn: DuckDBConnection, options: { months?: string[] }) => Promise<void>;

/** Registers refreshers (e.g. refreshRollups, refreshCustomerStats) to run, in order, after every change. */
export function refreshPrecomputedOn(refreshers: Refresher[]): () => void {
  return onFactsChanged('precomputed', async (conn, change) => {
    const scope = refreshScope(change);
    if (!scope) return;
    for (const refresh of refreshers) await refresh(conn, scope);
  });
}

/**
 * Months touched by a batch: its own rows plus the rows it replaced. Right after the merge its own
 * rows are exactly its load table (loadTable), which is far smaller to scan than the facts.
 */
export async function batchMonths(conn: DuckDBConnection, dataset: DatasetName, batchId: string, loadTable?: string): Promise<string[] | null> {
  const column = FACT_TABLES[dataset].dateColumn;
  if (!column) return null;
  const c = ident(column);
  const own = loadTable ? ident(loadTable) : `${ident(dataset)} WHERE batch_id = $id`;
  // Months found first and formatted after: a string per month rather than one per row.
  const found = await rows<{ m: string }>(
    conn,
    `SELECT strftime(m, '%Y-%m') AS m FROM (
       SELECT DISTINCT date_trunc('month', ${c}) AS m FROM ${own}
       UNION SELECT DISTINCT date_trunc('month', ${c}) FROM ${ident(`${dataset}_replaced`)} WHERE replaced_by = $id
     )
     ORDER BY 1`,
    { id: batchId },
  );
  return found.map((r) => r.m);
}
