// Arrow IPC from DuckDB chunks: several record batches with delta dictionaries, nulls of every type,
// and an empty result that still carries its schema — each read back with tableFromIPC.
import fs from 'node:fs';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { rows } from '../db/query.ts';
import { openTempDb } from '../../test/helpers/app.ts';
import { streamArrow } from './arrow.ts';

const SQL = `SELECT 'k' || (i % 7) AS s, CAST(i AS INTEGER) AS n, CAST(i * 1.5 AS DOUBLE) AS d,
       DATE '2025-01-01' + CAST(i % 40 AS INTEGER) AS day, i % 2 = 0 AS b,
       CASE WHEN i % 3 = 0 THEN NULL ELSE 'x' || (i % 3001) END AS maybe,
       CASE WHEN i % 5 = 0 THEN NULL ELSE CAST(i AS INTEGER) END AS maybe_n
FROM range($n) t(i) ORDER BY i`;

async function collect(db: Database, n: number): Promise<Buffer> {
  const stream = await streamArrow(db, SQL, { n });
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('streamArrow', () => {
  let db: Database;
  let dir: string;
  beforeAll(async () => {
    ({ db, dir } = await openTempDb());
  });
  afterAll(async () => {
    await db.close();
    await fs.promises.rm(dir, { recursive: true, force: true });
  });

  it('reads back the same values as the query, across chunks (5000 rows = 3 DuckDB chunks)', async () => {
    const table = tableFromIPC(await collect(db, 5000));
    expect(table.batches.length).toBe(3);
    expect(table.schema.fields.map((f) => `${f.name}:${f.type}`)).toEqual([
      's:Dictionary<Int32, Utf8>',
      'n:Int32',
      'd:Float64',
      'day:Date32<DAY>',
      'b:Bool',
      'maybe:Dictionary<Int32, Utf8>',
      'maybe_n:Int32',
    ]);
    const expected = await db.read((c) => rows(c, SQL, { n: 5000 }));
    const got: Array<Record<string, unknown>> = table.toArray().map((r) => {
      const o = r.toJSON() as Record<string, unknown>;
      return { ...o, day: new Date(o.day as number).toISOString().slice(0, 10) };
    });
    expect(got).toEqual(expected);
    // Strings first seen in a later chunk come through a delta dictionary batch.
    expect(got[4999]!.maybe).toBe('x1998');
    expect(table.getChild('maybe')!.nullCount).toBe(1667);
  });

  it('sends the schema of an empty result', async () => {
    const table = tableFromIPC(await collect(db, 0));
    expect(table.numRows).toBe(0);
    expect(table.schema.fields.map((f) => f.name)).toEqual(['s', 'n', 'd', 'day', 'b', 'maybe', 'maybe_n']);
  });

  it('rejects before streaming when the query fails', async () => {
    await expect(streamArrow(db, 'SELECT * FROM no_such_table', {})).rejects.toThrow(/no_such_table/);
  });
});
