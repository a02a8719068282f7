// Remembered header mappings: the mapping of a committed import, saved per dataset and header
// signature, is proposed again for the next file with the same headers.
import type { DuckDBConnection } from '../../server/db/database.ts';
import { one, run } from '../../server/db/query.ts';

/** canonical column → the file header it came from, or a constant value. */
export type SavedMapping = Record<string, string | { value: unknown }>;

export async function loadSavedMapping(conn: DuckDBConnection, dataset: string, signature: string): Promise<SavedMapping | undefined> {
  const row = await one<{ mapping: string }>(
    conn,
    'SELECT CAST(mapping AS VARCHAR) AS mapping FROM saved_mappings WHERE dataset = $dataset AND signature = $signature',
    { dataset, signature },
  );
  return row ? (JSON.parse(row.mapping) as SavedMapping) : undefined;
}

export async function saveMapping(conn: DuckDBConnection, dataset: string, signature: string, mapping: SavedMapping): Promise<void> {
  await run(
    conn,
    `INSERT INTO saved_mappings (dataset, signature, mapping, updated_at) VALUES ($dataset, $signature, CAST($mapping AS JSON), current_timestamp)
     ON CONFLICT (dataset, signature) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at`,
    { dataset, signature, mapping: JSON.stringify(mapping) },
  );
}
