// The one database module: one DuckDB instance per file, a small pool of read connections,
// and a single write connection behind a queue so imports, undo and settings never interleave.
import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { applyMigrations } from './migrate.ts';

export type { DuckDBConnection } from '@duckdb/node-api';

export class DatabaseOpenError extends Error {}

export interface OpenOptions {
  /** Read connections in the pool (DuckDB parallelises each query itself, so a few suffice). */
  readers?: number;
  /** Apply pending migrations (default true). */
  migrate?: boolean;
  threads?: number;
}

/**
 * DuckDB checkpoints by itself when a transaction's write-ahead log passes its checkpoint_threshold
 * (16 MB by default), and the COMMIT that crosses it waits for a whole checkpoint of the file
 * (seconds at 10M lines). The automatic threshold is set out of reach instead, and a checkpoint is
 * queued on the write queue once a committed write has left the log this large: the import returns
 * at its COMMIT (the log is durable and replays after a crash), readers carry on meanwhile, and the
 * next write waits for the checkpoint exactly as it would have waited for that COMMIT.
 */
const AUTOMATIC_CHECKPOINT = '64GB';
export const CHECKPOINT_WAL_BYTES = 16 * 1024 * 1024;
const CHECKPOINT_RETRY_MS = 2000;

export class Database {
  readonly path: string;
  private readonly instance: DuckDBInstance;
  private readonly writer: DuckDBConnection;
  private readonly idle: DuckDBConnection[];
  private readonly all: DuckDBConnection[];
  private readonly waiting: Array<(c: DuckDBConnection) => void> = [];
  private writeTail: Promise<unknown> = Promise.resolve();
  private readonly writeListeners = new Set<() => void>();
  private closed = false;
  private checkpointQueued = false;
  private checkpointRetry: NodeJS.Timeout | null = null;
  /** Writes queued or running (the queued checkpoint included). */
  private pendingWrites = 0;
  /** Bumped by every committed write; part of every cache key. */
  dataVersion = 0;

  private constructor(file: string, instance: DuckDBInstance, writer: DuckDBConnection, readers: DuckDBConnection[]) {
    this.path = file;
    this.instance = instance;
    this.writer = writer;
    this.idle = [...readers];
    this.all = [writer, ...readers];
  }

  static async open(file: string, options: OpenOptions = {}): Promise<Database> {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    let instance: DuckDBInstance;
    try {
      const config: Record<string, string> = { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' };
      if (options.threads) config.threads = String(options.threads);
      if (file !== ':memory:') config.checkpoint_threshold = AUTOMATIC_CHECKPOINT;
      instance = await DuckDBInstance.create(file, config);
    } catch (err) {
      throw new DatabaseOpenError(describeOpenError(file, err));
    }
    const writer = await instance.connect();
    const readers: DuckDBConnection[] = [];
    for (let i = 0; i < (options.readers ?? 4); i++) readers.push(await instance.connect());
    const db = new Database(file, instance, writer, readers);
    if (options.migrate !== false) await applyMigrations(writer, file);
    db.dataVersion = await readDataVersion(writer);
    return db;
  }

  /** Runs fn on a pooled read connection. */
  async read<T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    this.assertOpen();
    const conn = this.idle.pop() ?? (await new Promise<DuckDBConnection>((resolve) => this.waiting.push(resolve)));
    try {
      return await fn(conn);
    } finally {
      const next = this.waiting.shift();
      if (next) next(conn);
      else this.idle.push(conn);
    }
  }

  /** Runs fn on the write connection after every earlier write has finished. */
  write<T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    this.assertOpen();
    this.pendingWrites += 1;
    const result = this.writeTail
      .then(() => fn(this.writer))
      .finally(() => {
        this.pendingWrites -= 1;
        this.afterWrite();
      });
    this.writeTail = result.catch(() => undefined);
    return result;
  }

  /**
   * Calls listener after every write (committed or not). Anything remembered from the database
   * outside the dataVersion-keyed caches (e.g. session lookups) forgets it here: this process is
   * the file's only writer. Returns a function that removes the listener.
   */
  onWrite(listener: () => void): () => void {
    this.writeListeners.add(listener);
    return () => this.writeListeners.delete(listener);
  }

  private afterWrite(): void {
    for (const listener of this.writeListeners) listener();
    this.queueCheckpoint();
  }

  /**
   * Queues one checkpoint once the write queue is idle and the write-ahead log has grown past the
   * threshold. Waiting for idle lets the writes a caller chains right after a commit (an import's
   * clean-up) finish first, so the caller returns before the checkpoint starts.
   */
  private queueCheckpoint(): void {
    if (this.closed || this.checkpointQueued || this.path === ':memory:') return;
    this.checkpointQueued = true;
    setImmediate(() => {
      this.checkpointQueued = false;
      // A later write's own afterWrite asks again once it is done.
      if (this.closed || this.pendingWrites > 0 || walBytes(this.path) < CHECKPOINT_WAL_BYTES) return;
      this.pendingWrites += 1;
      this.writeTail = this.writeTail
        .then(() => (this.closed ? undefined : this.writer.run('CHECKPOINT')))
        .catch(() => this.retryCheckpoint())
        .finally(() => {
          this.pendingWrites -= 1;
        });
    });
  }

  /**
   * DuckDB refuses a checkpoint while another connection's transaction is open (a long read);
   * it is tried again a little later, or after the next write, or by close(), which checkpoints too.
   * The timer does not keep the process alive.
   */
  private retryCheckpoint(): void {
    if (this.closed || this.checkpointRetry) return;
    this.checkpointRetry = setTimeout(() => {
      this.checkpointRetry = null;
      this.queueCheckpoint();
    }, CHECKPOINT_RETRY_MS);
    this.checkpointRetry.unref();
  }

  /**
   * A write in one transaction that also bumps the data version, so caches keyed on it
   * see the change exactly when it commits.
   */
  transaction<T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    return this.write(async (conn) => {
      await conn.run('BEGIN TRANSACTION');
      try {
        const value = await fn(conn);
        await conn.run("UPDATE meta SET value = CAST(CAST(value AS BIGINT) + 1 AS VARCHAR) WHERE key = 'data_version'");
        await conn.run('COMMIT');
        this.dataVersion += 1;
        return value;
      } catch (err) {
        await conn.run('ROLLBACK').catch(() => undefined);
        throw err;
      }
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.writeTail;
    this.closed = true;
    if (this.checkpointRetry) clearTimeout(this.checkpointRetry);
    for (const conn of this.all) conn.closeSync();
    this.instance.closeSync();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The database is closed.');
  }
}

function walBytes(file: string): number {
  try {
    return fs.statSync(`${file}.wal`).size;
  } catch {
    return 0;
  }
}

async function readDataVersion(conn: DuckDBConnection): Promise<number> {
  const reader = await conn.runAndReadAll("SELECT CAST(value AS BIGINT)::DOUBLE AS v FROM meta WHERE key = 'data_version'");
  const row = reader.getRowObjectsJS()[0];
  return row ? Number(row.v) : 0;
}

function describeOpenError(file: string, err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  if (/lock/i.test(message)) {
    return `The database ${file} is in use by another process (a running Attain server?): stop it, or use --server URL --token T to work through it.`;
  }
  if (/not a valid DuckDB database|Invalid Input Error|corrupt/i.test(message)) {
    return `The database ${file} is not a readable DuckDB database (damaged or not a database file); it was left untouched.`;
  }
  return `The database ${file} could not be opened: ${message.split('\n')[0]}`;
}
