// Backups: a consistent snapshot of every table as one Parquet file each, plus manifest.json (schema version,
// row counts, sha256 of every file); and a database rebuilt from one, its checksums verified before anything.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Database } from './database.ts';
import { applyMigrations, listMigrations } from './migrate.ts';
import { ident, literal, rows } from './query.ts';

export const MANIFEST_FILE = 'manifest.json';

export interface BackupTable {
  name: string;
  /** The Parquet file, relative to the backup folder. */
  file: string;
  rows: number;
  bytes: number;
  sha256: string;
}

export interface BackupManifest {
  format: 'attain-backup';
  formatVersion: 1;
  createdAt: string;
  /** The newest migration applied to the database (schema_migrations). */
  schemaVersion: number;
  migrations: number[];
  dataVersion: number;
  tables: BackupTable[];
  /** Sequences and the last value each handed out (null: never used). */
  sequences: Array<{ name: string; lastValue: number | null }>;
}

/** A backup or restore that cannot go ahead; `refused` (exit 1) is about its input, `failed` (exit 3) about the machine. */
export class BackupError extends Error {
  constructor(
    message: string,
    readonly kind: 'refused' | 'failed',
  ) {
    super(message);
  }
}

const TABLE_NAME = /^[a-z_][a-z0-9_]*$/;
/** Tables that are not data: the migration record (restore rebuilds it) and the leftovers of running imports. */
const skipped = (name: string) => name === 'schema_migrations' || name.startsWith('stage_');

async function sha256Of(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function isEmptyFolder(dir: string): boolean {
  return !fs.existsSync(dir) || (fs.statSync(dir).isDirectory() && fs.readdirSync(dir).length === 0);
}

/**
 * Writes the snapshot into outDir (new or empty). All tables are read in one transaction on a read
 * connection, so the snapshot is consistent while imports go on; manifest.json is written last, so
 * its presence means a complete backup.
 */
export async function writeBackup(db: Database, outDir: string): Promise<BackupManifest> {
  const dir = path.resolve(outDir);
  if (!isEmptyFolder(dir)) throw new BackupError(`The folder ${dir} is not empty; choose a new or empty folder for the backup.`, 'refused');
  fs.mkdirSync(dir, { recursive: true });
  try {
    return await snapshotInto(db, dir);
  } catch (err) {
    // The folder was empty: leave it so, rather than holding half a backup.
    for (const f of fs.readdirSync(dir)) fs.rmSync(path.join(dir, f), { recursive: true, force: true });
    throw err;
  }
}

async function snapshotInto(db: Database, dir: string): Promise<BackupManifest> {
  const snapshot = await db.read(async (conn) => {
    await conn.run('BEGIN TRANSACTION');
    try {
      const names = (
        await rows<{ name: string }>(
          conn,
          `SELECT table_name AS name FROM duckdb_tables() WHERE NOT temporary AND schema_name = 'main' AND database_name = current_database() ORDER BY table_name`,
        )
      )
        .map((r) => r.name)
        .filter((n) => !skipped(n));
      const tables: Array<{ name: string; file: string; rows: number }> = [];
      for (const name of names) {
        if (!TABLE_NAME.test(name)) throw new BackupError(`The table ${JSON.stringify(name)} has a name a backup cannot hold.`, 'failed');
        const file = `${name}.parquet`;
        // Insertion order is kept (facts stay in date order), so a restored table scans as fast as the original.
        await conn.run(`COPY (SELECT * FROM ${ident(name)}) TO ${literal(path.join(dir, file))} (FORMAT parquet)`);
        const count = await rows<{ n: number }>(conn, `SELECT count(*)::BIGINT AS n FROM ${ident(name)}`);
        tables.push({ name, file, rows: count[0]!.n });
      }
      const migrations = (await rows<{ v: number }>(conn, 'SELECT version AS v FROM schema_migrations ORDER BY version')).map((r) => r.v);
      const version = await rows<{ v: number }>(conn, "SELECT CAST(value AS BIGINT) AS v FROM meta WHERE key = 'data_version'");
      await conn.run('COMMIT');
      return { tables, migrations, dataVersion: version[0]?.v ?? 0 };
    } catch (err) {
      await conn.run('ROLLBACK').catch(() => undefined);
      throw err;
    }
  });
  // Sequences are not transactional: read after the tables, so every value in them is at or below it.
  const sequences = await db.read((conn) =>
    rows<{ name: string; lastValue: number | null }>(
      conn,
      `SELECT sequence_name AS name, last_value AS "lastValue" FROM duckdb_sequences() WHERE schema_name = 'main' AND NOT temporary ORDER BY 1`,
    ),
  );
  const tables: BackupTable[] = [];
  for (const t of snapshot.tables) {
    const full = path.join(dir, t.file);
    tables.push({ ...t, bytes: fs.statSync(full).size, sha256: await sha256Of(full) });
  }
  const manifest: BackupManifest = {
    format: 'attain-backup',
    formatVersion: 1,
    createdAt: new Date().toISOString(),
    schemaVersion: Math.max(0, ...snapshot.migrations),
    migrations: snapshot.migrations,
    dataVersion: snapshot.dataVersion,
    tables,
    sequences,
  };
  const temp = path.join(dir, `.${MANIFEST_FILE}.tmp`);
  fs.writeFileSync(temp, `${JSON.stringify(manifest, null, 2)}\n`);
  fs.renameSync(temp, path.join(dir, MANIFEST_FILE));
  return manifest;
}

/**
 * Creates the folder for a backup the server takes: backups/<timestamp> beside the database file, never
 * client-chosen. Made with an exclusive mkdir, so two backups in the same millisecond get two folders.
 */
export function serverBackupDir(dbPath: string, now = new Date()): string {
  const parent = path.join(path.dirname(dbPath), 'backups');
  fs.mkdirSync(parent, { recursive: true });
  const base = path.join(parent, now.toISOString().replace(/[:.]/g, '-'));
  for (let n = 1; ; n++) {
    const dir = n === 1 ? base : `${base}-${n}`;
    try {
      fs.mkdirSync(dir);
      return dir;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
}

function isManifest(value: unknown): value is BackupManifest {
  const m = value as BackupManifest;
  return (
    !!m &&
    m.format === 'attain-backup' &&
    m.formatVersion === 1 &&
    Number.isInteger(m.schemaVersion) &&
    Array.isArray(m.tables) &&
    Array.isArray(m.sequences) &&
    m.tables.every((t) => typeof t?.name === 'string' && typeof t.file === 'string' && Number.isInteger(t.rows) && typeof t.sha256 === 'string')
  );
}

/** Reads manifest.json and checks every file against it; throws BackupError (refused) naming the first problem. */
export async function verifyBackup(backupDir: string): Promise<BackupManifest> {
  const dir = path.resolve(backupDir);
  const manifestPath = path.join(dir, MANIFEST_FILE);
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR';
    throw new BackupError(`${dir} is not an Attain backup: its ${MANIFEST_FILE} is ${missing ? 'missing' : 'not readable JSON'}.`, 'refused');
  }
  if (!isManifest(parsed)) throw new BackupError(`${dir} is not an Attain backup: its ${MANIFEST_FILE} does not describe one.`, 'refused');
  for (const t of parsed.tables) {
    // Names come from the file: only plain table names and files inside the folder are taken.
    if (!TABLE_NAME.test(t.name) || t.file !== `${t.name}.parquet`) {
      throw new BackupError(`The backup ${dir} is damaged: ${MANIFEST_FILE} lists a table ${JSON.stringify(t.name)} that no Attain backup holds; nothing was restored.`, 'refused');
    }
    const full = path.join(dir, t.file);
    if (!fs.existsSync(full)) throw new BackupError(`The backup ${dir} is incomplete: ${t.file} is missing; nothing was restored.`, 'refused');
    if ((await sha256Of(full)) !== t.sha256) {
      throw new BackupError(`The backup ${dir} is damaged: ${t.file} does not match its checksum in ${MANIFEST_FILE}; nothing was restored.`, 'refused');
    }
  }
  return parsed;
}

export interface RestoreResult {
  dbPath: string;
  schemaVersion: number;
  tables: number;
  rows: number;
}

function isOccupied(file: string): boolean {
  return fs.existsSync(file) && fs.statSync(file).size > 0;
}

/** Fails when a process (a running server) holds the file; a file that merely does not open is no obstacle. */
async function assertNotHeld(file: string): Promise<void> {
  try {
    const probe = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY', autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
    probe.closeSync();
  } catch (err) {
    if (/lock/i.test(String(err))) {
      throw new BackupError(`The database ${file} is in use by another process (a running Attain server?): stop it before restoring over it.`, 'failed');
    }
  }
}

async function loadTables(conn: DuckDBConnection, dir: string, manifest: BackupManifest): Promise<number> {
  const existing = new Set((await rows<{ name: string }>(conn, 'SELECT table_name AS name FROM duckdb_tables() WHERE NOT temporary')).map((r) => r.name));
  let total = 0;
  await conn.run('BEGIN TRANSACTION');
  try {
    for (const t of manifest.tables) {
      if (!existing.has(t.name)) {
        throw new BackupError(`The backup ${dir} holds a table ${t.name} that schema version ${manifest.schemaVersion} does not have; it cannot be restored.`, 'refused');
      }
      // Migrations seed some tables (settings, meta): the backup's rows replace them.
      await conn.run(`DELETE FROM ${ident(t.name)}`);
      await conn.run(`INSERT INTO ${ident(t.name)} BY NAME SELECT * FROM read_parquet(${literal(path.join(dir, t.file))})`);
      const count = await rows<{ n: number }>(conn, `SELECT count(*)::BIGINT AS n FROM ${ident(t.name)}`);
      if (count[0]!.n !== t.rows) {
        throw new BackupError(`The backup ${dir} is damaged: ${t.file} holds ${count[0]!.n} rows, not the ${t.rows} its manifest says.`, 'refused');
      }
      total += t.rows;
    }
    for (const s of manifest.sequences) {
      if (s.lastValue === null || !TABLE_NAME.test(s.name)) continue;
      await conn.run(`CREATE OR REPLACE SEQUENCE ${ident(s.name)} START ${Math.trunc(Number(s.lastValue)) + 1}`);
    }
    await conn.run('COMMIT');
  } catch (err) {
    await conn.run('ROLLBACK').catch(() => undefined);
    throw err;
  }
  return total;
}

/**
 * Rebuilds a database from a backup: checksums first, then the schema as it was (the migrations up to
 * the backup's version), the tables, then any newer migrations. The database is built beside the target
 * and moved into place only when complete; an existing non-empty target is replaced only with force.
 */
export async function restoreBackup(backupDir: string, dbPath: string, opts: { force?: boolean } = {}): Promise<RestoreResult> {
  const dir = path.resolve(backupDir);
  const target = path.resolve(dbPath);
  const manifest = await verifyBackup(dir);
  const known = listMigrations();
  const newest = Math.max(0, ...known.map((m) => m.version));
  if (manifest.schemaVersion > newest) {
    throw new BackupError(`The backup ${dir} has schema version ${manifest.schemaVersion}, newer than this Attain knows (${newest}); upgrade Attain to restore it.`, 'refused');
  }
  if (isOccupied(target)) {
    if (!opts.force) throw new BackupError(`The database ${target} already exists; pass --force to replace it with the backup.`, 'refused');
    await assertNotHeld(target);
  }

  fs.mkdirSync(path.dirname(target), { recursive: true });
  const building = `${target}.restoring-${process.pid}`;
  const removeBuilding = () => {
    for (const f of [building, `${building}.wal`]) fs.rmSync(f, { force: true });
  };
  removeBuilding();
  let total: number;
  try {
    const instance = await DuckDBInstance.create(building, { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
    const conn = await instance.connect();
    try {
      await applyMigrations(conn, target, known.filter((m) => m.version <= manifest.schemaVersion));
      total = await loadTables(conn, dir, manifest);
      await applyMigrations(conn, target, known);
      await conn.run('CHECKPOINT');
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
    // A stale write-ahead log of the old file must not be replayed onto the new one.
    fs.rmSync(`${target}.wal`, { force: true });
    fs.renameSync(building, target);
  } catch (err) {
    removeBuilding();
    throw err;
  }
  return { dbPath: target, schemaVersion: Math.max(manifest.schemaVersion, newest), tables: manifest.tables.length, rows: total };
}
