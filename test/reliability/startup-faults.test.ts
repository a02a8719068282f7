// Start-up faults: `node --import tsx server/main.ts` on a database that another process holds, that is
// not a database (random bytes), or that a newer Attain wrote (schema version 999) refuses to start with
// one sentence on stderr and exit code 3, and leaves the file byte for byte as it was.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Database } from '../../server/db/database.ts';
import { tempDir } from '../helpers/app.ts';
import { holdDatabase, runNode, stop } from './processes.ts';
import { sha256File } from './support.ts';

let dir: string;
let dbFile: string;

beforeEach(async () => {
  dir = await tempDir('attain-startup-');
  dbFile = path.join(dir, 'attain.duckdb');
});
afterEach(async () => {
  await fs.promises.rm(dir, { recursive: true, force: true });
});

function startServer() {
  return runNode(['server/main.ts'], {
    ATTAIN_DB: dbFile,
    ATTAIN_DEMO: '0',
    ATTAIN_ADMIN_PASSWORD: 'Start-Fault-Test-1',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'warn',
  });
}

/** The refusal every case shares: exit 3, one line on stderr, nothing on stdout about listening. */
function expectRefused(run: Awaited<ReturnType<typeof startServer>>): string {
  expect(run.code, run.stderr).toBe(3);
  const lines = run.stderr.trim().split('\n');
  expect(lines, run.stderr).toHaveLength(1);
  expect(run.stdout).not.toContain('Attain is running');
  return lines[0]!;
}

/** Every file in the folder with its checksum: the database and any side files (.wal) it might grow. */
function folderState(): Record<string, string> {
  return Object.fromEntries(fs.readdirSync(dir).sort().map((f) => [f, sha256File(path.join(dir, f))]));
}

async function createDatabase(fn?: (db: Database) => Promise<void>): Promise<void> {
  const db = await Database.open(dbFile, { readers: 1 });
  if (fn) await fn(db);
  await db.close();
}

describe('the server refuses to start', () => {
  it('on a database held by another process', async () => {
    await createDatabase();
    const holder = await holdDatabase(dbFile);
    try {
      const before = folderState();
      const line = expectRefused(await startServer());
      expect(line).toBe(
        `The database ${dbFile} is in use by another process (a running Attain server?): stop it, or use --server URL --token T to work through it.`,
      );
      expect(folderState()).toEqual(before);
    } finally {
      await stop(holder);
    }
  });

  it('on a file of random bytes', async () => {
    fs.writeFileSync(dbFile, crypto.randomBytes(256 * 1024));
    const before = folderState();
    const line = expectRefused(await startServer());
    expect(line).toBe(`The database ${dbFile} is not a readable DuckDB database (damaged or not a database file); it was left untouched.`);
    expect(folderState()).toEqual(before);
  });

  it('on a database from a newer schema version', async () => {
    await createDatabase(async (db) => {
      await db.write((c) => c.run("INSERT INTO schema_migrations (version, name) VALUES (999, '999_future')"));
    });
    const before = folderState();
    const line = expectRefused(await startServer());
    expect(line).toMatch(new RegExp(`^The database ${dbFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} has schema version 999, newer than this Attain knows \\(\\d+\\); upgrade Attain to open it\\.$`));
    expect(folderState()).toEqual(before);
  });
});
