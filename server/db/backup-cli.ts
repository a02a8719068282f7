// `npm run backup -- --out DIR [--db PATH | --server URL --token T]` and `npm run restore -- DIR [--db PATH] [--force]`
// (interface.md): exit codes 0 success, 1 refused (damaged backup, occupied target), 2 bad usage, 3 anything else.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { EXIT, defaultIO, type CliIO } from '../cli-io.ts';
import { BackupError, restoreBackup, writeBackup, type BackupManifest } from './backup.ts';
import { Database, DatabaseOpenError } from './database.ts';
import { SchemaVersionError } from './migrate.ts';

export type { CliIO } from '../cli-io.ts';

export const USAGE = `usage: npm run backup -- --out DIR [--db PATH]
       npm run backup -- --server URL --token T      (a running server writes it beside its database)
       npm run restore -- DIR [--db PATH] [--force]`;


class UsageError extends Error {}

function parse(argv: string[], withPositional: boolean) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: withPositional,
      strict: true,
      options: {
        out: { type: 'string' },
        db: { type: 'string' },
        server: { type: 'string' },
        token: { type: 'string' },
        force: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new UsageError(`${(err as Error).message.split('\n')[0]!.replace(/\.$/, '')}.`);
  }
}

const summary = (m: BackupManifest) => `${m.tables.length} tables, ${m.tables.reduce((s, t) => s + t.rows, 0).toLocaleString('en-US')} rows, schema version ${m.schemaVersion}`;

async function backupLocal(out: string, dbPath: string, io: CliIO): Promise<number> {
  if (!fs.existsSync(dbPath)) {
    io.stderr(`The database ${dbPath} does not exist; name it with --db PATH or ATTAIN_DB.`);
    return EXIT.refused;
  }
  let db: Database;
  try {
    db = await Database.open(dbPath, { readers: 1 });
  } catch (err) {
    if (err instanceof DatabaseOpenError && /in use|lock/i.test(err.message)) {
      io.stderr(`The database ${dbPath} is held by a running Attain server: run this command again with --server URL --token T, and the server writes the backup into the backups folder beside its database.`);
      return EXIT.other;
    }
    io.stderr(err instanceof Error ? err.message : String(err));
    return err instanceof SchemaVersionError ? EXIT.refused : EXIT.other;
  }
  try {
    const manifest = await writeBackup(db, out);
    io.stdout(`Backup of ${dbPath} written to ${out}: ${summary(manifest)}.`);
    return EXIT.ok;
  } finally {
    await db.close();
  }
}

async function backupRemote(server: string, token: string, io: CliIO): Promise<number> {
  let response: Response;
  try {
    response = await (io.fetch ?? fetch)(`${server}/api/admin/backup`, { method: 'POST', headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
  } catch (err) {
    io.stderr(`Could not reach the server at ${server}: ${(err as Error).message}.`);
    return EXIT.other;
  }
  const body = (await response.json().catch(() => null)) as { dir?: string; manifest?: BackupManifest; error?: { message?: string } } | null;
  if (response.ok && body?.dir && body.manifest) {
    io.stdout(`The server wrote the backup to ${body.dir}: ${summary(body.manifest)}.`);
    return EXIT.ok;
  }
  const message = body?.error?.message ?? `The server answered ${response.status} ${response.statusText}.`;
  io.stderr(response.status === 401 || response.status === 403 ? `The server refused the token: ${message}` : message);
  return EXIT.other;
}

async function backupCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parse(argv, false);
  if (values.help) {
    io.stdout(USAGE);
    return EXIT.ok;
  }
  if (values.force) throw new UsageError('--force belongs to restore, not backup.');
  const token = values.token ?? (values.server ? io.env.ATTAIN_TOKEN : undefined);
  if (values.server) {
    if (!token) throw new UsageError('--server needs --token T (an API token of an admin).');
    if (values.out || values.db) throw new UsageError('With --server the server writes the backup into the backups folder beside its database: leave out --out and --db.');
    if (!/^https?:\/\//.test(values.server)) throw new UsageError(`--server must be an http(s) URL, not "${values.server}".`);
    return backupRemote(values.server.replace(/\/+$/, ''), token, io);
  }
  if (values.token) throw new UsageError('--token needs --server URL.');
  if (!values.out) throw new UsageError('Name the folder to write the backup to with --out DIR.');
  const dbPath = path.resolve(io.cwd, values.db ?? (io.env.ATTAIN_DB || 'data/attain.duckdb'));
  return backupLocal(path.resolve(io.cwd, values.out), dbPath, io);
}

async function restoreCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(argv, true);
  if (values.help) {
    io.stdout(USAGE);
    return EXIT.ok;
  }
  if (values.out || values.server || values.token) throw new UsageError('restore takes the backup folder, --db PATH and --force only.');
  if (positionals.length !== 1) throw new UsageError(`Name exactly one backup folder to restore, not ${positionals.length}.`);
  const dir = path.resolve(io.cwd, positionals[0]!);
  const dbPath = path.resolve(io.cwd, values.db ?? (io.env.ATTAIN_DB || 'data/attain.duckdb'));
  const result = await restoreBackup(dir, dbPath, { force: values.force === true });
  io.stdout(`Restored ${result.dbPath} from ${dir}: ${result.tables} tables, ${result.rows.toLocaleString('en-US')} rows, schema version ${result.schemaVersion}.`);
  return EXIT.ok;
}

/** Runs `backup …` or `restore …` and answers the exit code; every failure is one sentence on stderr. */
export async function backupCli(argv: string[], io: CliIO = defaultIO): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'backup') return await backupCommand(rest, io);
    if (command === 'restore') return await restoreCommand(rest, io);
    throw new UsageError(`Unknown command "${command ?? ''}": use backup or restore.`);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(err.message);
      io.stderr(USAGE);
      return EXIT.usage;
    }
    if (err instanceof BackupError) {
      io.stderr(err.message);
      return err.kind === 'refused' ? EXIT.refused : EXIT.other;
    }
    io.stderr(`The ${command} failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
    return EXIT.other;
  }
}

// Run as a script (npm run backup / restore); imported by tests, it only exports.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await backupCli(process.argv.slice(2));
}
