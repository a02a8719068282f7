// Test support for the readers: a temp folder, a fresh in-memory DuckDB, and staging a file into it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { rows } from '../../server/db/query.ts';
import { memoryConnection } from '../values/testing.ts';
import { stageFile, type StageOptions } from './index.ts';
import type { StagedFile } from './types.ts';

export interface ReadFixture {
  dir: string;
  conn: DuckDBConnection;
  write(name: string, content: string | Buffer): string;
  stage(file: string, opts?: Partial<StageOptions>): Promise<StagedFile>;
  /** The raw staging table as [__row, c1, c2, …] arrays, in row order. */
  table(name?: string): Promise<Array<Array<string | number | null>>>;
  close(): Promise<void>;
}

export async function readFixture(): Promise<ReadFixture> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'attain-read-'));
  const db = await memoryConnection();
  return {
    dir,
    conn: db.conn,
    write(name, content) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, content);
      return file;
    },
    stage(file, opts = {}) {
      return stageFile(db.conn, file, { table: 'raw', tmpDir: path.join(dir, 'tmp'), ...opts });
    },
    async table(name = 'raw') {
      const all = await rows(db.conn, `SELECT * FROM ${name} ORDER BY __row`);
      return all.map((r) => {
        const cells = Object.entries(r).filter(([k]) => k !== '__row').map(([, v]) => v as string | null);
        return [r.__row as number, ...cells];
      });
    },
    async close() {
      db.close();
      await fs.promises.rm(dir, { recursive: true, force: true });
    },
  };
}
