// Applies the numbered .sql migrations in order, each in its own transaction, and records them.
// A database written by a newer Attain (a migration we do not know) is refused, never modified.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DuckDBConnection } from '@duckdb/node-api';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export class SchemaVersionError extends Error {}

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 3)), name: f.replace(/\.sql$/, ''), sql: fs.readFileSync(path.join(dir, f), 'utf8') }));
}

export async function applyMigrations(conn: DuckDBConnection, label: string, migrations = listMigrations()): Promise<number[]> {
  await conn.run(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)',
  );
  const reader = await conn.runAndReadAll('SELECT version FROM schema_migrations ORDER BY version');
  const applied = new Set(reader.getRowObjectsJS().map((r) => Number(r.version)));
  const known = new Set(migrations.map((m) => m.version));
  const newest = Math.max(0, ...applied);
  if (newest > Math.max(0, ...known)) {
    throw new SchemaVersionError(
      `The database ${label} has schema version ${newest}, newer than this Attain knows (${Math.max(0, ...known)}); upgrade Attain to open it.`,
    );
  }
  const done: number[] = [];
  for (const m of migrations) {
    if (applied.has(m.version)) continue;
    await conn.run('BEGIN TRANSACTION');
    try {
      await conn.run(m.sql);
      await conn.run('INSERT INTO schema_migrations (version, name) VALUES ($version, $name)', { version: m.version, name: m.name });
      await conn.run('COMMIT');
    } catch (err) {
      await conn.run('ROLLBACK').catch(() => undefined);
      throw new Error(`Migration ${m.name} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    done.push(m.version);
  }
  return done;
}
