// Builds the real app against a fresh temporary DuckDB file; tests close it (and delete the file) after.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { Database } from '../../server/db/database.ts';

export interface TestApp {
  app: FastifyInstance;
  db: Database;
  dir: string;
  close(): Promise<void>;
}

export async function tempDir(prefix = 'attain-test-'): Promise<string> {
  return fs.promises.mkdtemp(path.join(os.tmpdir(), prefix));
}

export async function openTempDb(): Promise<{ db: Database; dir: string }> {
  const dir = await tempDir();
  const db = await Database.open(path.join(dir, 'test.duckdb'), { readers: 2, threads: 2 });
  return { db, dir };
}

export async function createTestApp(env: NodeJS.ProcessEnv = {}): Promise<TestApp> {
  const { db, dir } = await openTempDb();
  const config = loadConfig({ ATTAIN_DEMO: '0', ...env, ATTAIN_DB: db.path }, process.cwd());
  const app = await buildApp({ config, db, closeDb: true });
  await app.ready();
  return {
    app,
    db,
    dir,
    async close() {
      await app.close();
      await fs.promises.rm(dir, { recursive: true, force: true });
    },
  };
}
