// Query helpers: every value is bound as a parameter; answers come back as plain JSON-safe objects.
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';

export type Params = Record<string, DuckDBValue> | DuckDBValue[];
export type Row = Record<string, unknown>;

const NUMERIC = new Set(['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT', 'FLOAT', 'DOUBLE']);

/** Runs a query and returns rows: numbers as numbers, dates as ISO strings, NULL as null. */
export async function rows<T extends Row = Row>(conn: DuckDBConnection, sql: string, params?: Params): Promise<T[]> {
  const reader = await conn.runAndReadAll(sql, params);
  const names = reader.columnNames();
  const types = reader.columnTypes().map((t) => t.toString());
  const raw = reader.getRowsJson();
  return raw.map((values) => {
    const out: Row = {};
    for (let i = 0; i < names.length; i++) out[names[i]!] = toPlain(values[i], types[i]!);
    return out as T;
  });
}

export async function one<T extends Row = Row>(conn: DuckDBConnection, sql: string, params?: Params): Promise<T | undefined> {
  return (await rows<T>(conn, sql, params))[0];
}

export async function run(conn: DuckDBConnection, sql: string, params?: Params): Promise<void> {
  await conn.run(sql, params);
}

function toPlain(value: unknown, type: string): unknown {
  if (value === null || value === undefined) return null;
  if (NUMERIC.has(type) || type.startsWith('DECIMAL')) return Number(value);
  if (type === 'TIMESTAMP' || type === 'TIMESTAMP WITH TIME ZONE') return String(value).replace(' ', 'T');
  return value;
}

/** Quotes an identifier that cannot be bound; callers pass only names from an allow-list. */
export function ident(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`Refusing unsafe identifier ${JSON.stringify(name)}`);
  return `"${name}"`;
}

/** A string literal for the few places DuckDB cannot bind (e.g. file paths in COPY); escapes quotes. */
export function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
