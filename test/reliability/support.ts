// Shared by the reliability tests: a checksum of every table (to prove a database unchanged, or changed
// only where intended), small order files written by hand, and a database opened as the entry points do.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../../server/db/database.ts';
import { ident, rows } from '../../server/db/query.ts';

export interface TableSum {
  rows: number;
  /** Order-independent sum of row hashes: any changed, added, removed or doubled row changes it. */
  hash: string;
}

/** Every table of the database (temporary ones excluded) with its row count and content hash. */
export async function tableChecksums(db: Database): Promise<Record<string, TableSum>> {
  return db.read(async (conn) => {
    const tables = await rows<{ name: string }>(
      conn,
      `SELECT table_name AS name FROM duckdb_tables() WHERE NOT temporary AND schema_name = 'main' ORDER BY table_name`,
    );
    const out: Record<string, TableSum> = {};
    for (const { name } of tables) {
      const sum = await rows<{ n: number; h: string }>(
        conn,
        `SELECT count(*)::BIGINT AS n, CAST(coalesce(sum(hash(t)), 0) AS VARCHAR) AS h FROM ${ident(name)} t`,
      );
      out[name] = { rows: sum[0]!.n, hash: sum[0]!.h };
    }
    return out;
  });
}

/** Names of the tables whose checksum differs between two snapshots (added or dropped tables too). */
export function changedTables(before: Record<string, TableSum>, after: Record<string, TableSum>): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((n) => JSON.stringify(before[n]) !== JSON.stringify(after[n])).sort();
}

export const ORDER_HEADER = 'Order ID,Line No,Order Date,Customer ID,Rep ID,Category,Channel,Amount,Status,Currency';

/** One order line: [order id, date, amount] with fixed customer, rep and status. */
export type Line = [orderId: string, date: string, amount: string];

export function ordersCsv(lines: Line[], rep = 'R1'): string {
  return [ORDER_HEADER, ...lines.map(([id, date, amount]) => `${id},1,${date},C1,${rep},A,直销,${amount},completed,CNY`)].join('\n') + '\n';
}

export function writeFile(dir: string, name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

export function sha256File(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** Order lines as stored, for exact comparisons: id, date, amount and batch. */
export async function storedOrders(db: Database): Promise<Array<{ order_id: string; order_date: string; amount: number }>> {
  return db.read((conn) =>
    rows(conn, `SELECT order_id, CAST(order_date AS VARCHAR) AS order_date, CAST(amount AS DOUBLE) AS amount FROM orders ORDER BY order_id, line_no`),
  ) as Promise<Array<{ order_id: string; order_date: string; amount: number }>>;
}
