// Test support: evaluates a value-parsing expression in a fresh in-memory DuckDB over hand-written inputs.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { rows } from '../../server/db/query.ts';
import { cleanExpr } from './sql.ts';

export async function memoryConnection(): Promise<{ conn: DuckDBConnection; close(): void }> {
  const instance = await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false', threads: '1' });
  const conn = await instance.connect();
  return { conn, close: () => { conn.closeSync(); instance.closeSync(); } };
}

/** Runs build(cleaned input) over each input (bound as a parameter) and returns the results as text (NULL → null). */
export async function evalEach(conn: DuckDBConnection, inputs: Array<string | null>, build: (v: string) => string): Promise<Array<string | null>> {
  const out: Array<string | null> = [];
  for (const input of inputs) {
    const [row] = await rows<{ r: unknown }>(conn, `SELECT CAST((${build('v')}) AS VARCHAR) AS r FROM (SELECT ${cleanExpr('CAST($x AS VARCHAR)')} AS v)`, { x: input });
    out.push(row!.r === null ? null : String(row!.r));
  }
  return out;
}
