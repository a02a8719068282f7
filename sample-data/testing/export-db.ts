// Test support: loads a written export's English CSVs into an in-memory DuckDB (headers turned into
// canonical names, "Order ID" → order_id; every value read as text) for checks in independent SQL.

import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

export const TABLES: Record<string, string> = {
  reps: 'en/reps.csv',
  customers: 'en/customers.csv',
  products: 'en/products.csv',
  targets: 'en/targets.csv',
  orders: 'en/orders.csv',
  visits: 'en/visits.csv',
  next_orders: 'next/en/orders.csv',
  next_visits: 'next/en/visits.csv',
};

export class ExportDb {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly con: DuckDBConnection,
  ) {}

  static async open(dir: string): Promise<ExportDb> {
    const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
    const con = await instance.connect();
    const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
    for (const [table, file] of Object.entries(TABLES)) {
      // Table names come from the constant above; the file path is bound; "Order ID" becomes order_id.
      const params = { file: path.join(dir, file) };
      const source = 'read_csv($file, header = true, all_varchar = true)';
      const described = await con.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`, params);
      const columns = described.getRowObjectsJson().map((r) => String(r.column_name));
      const select = columns.map((c) => `${quote(c)} AS ${quote(c.toLowerCase().replace(/ /g, '_'))}`).join(', ');
      await con.run(`CREATE TABLE ${table} AS SELECT ${select} FROM ${source}`, params);
    }
    return new ExportDb(instance, con);
  }

  async rows(sql: string, params: Record<string, string | number> = {}): Promise<Record<string, unknown>[]> {
    const reader = await this.con.runAndReadAll(sql, params);
    return reader.getRowObjectsJson() as Record<string, unknown>[];
  }

  /** The first column of the first row, as a number. */
  async number(sql: string, params: Record<string, string | number> = {}): Promise<number> {
    const [row] = await this.rows(sql, params);
    return Number(Object.values(row ?? {})[0]);
  }

  close(): void {
    this.con.closeSync();
    this.instance.closeSync();
  }
}
