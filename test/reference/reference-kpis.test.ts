// Real exports through the whole product: `npm run ingest` with a mapping file loads Superstore and
// UCI Online Retail, then the API's totals, monthly revenue and cohort sizes must equal what an
// independent DuckDB query over the raw file computes.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DuckDBInstance } from '@duckdb/node-api';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { Database } from '../../server/db/database.ts';
import { literal, rows } from '../../server/db/query.ts';
import { tempDir } from '../helpers/app.ts';
import { createUser, loginAs } from '../helpers/auth.ts';
import { referenceFile } from '../helpers/reference-data.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

interface Loaded {
  app: FastifyInstance;
  headers: Record<string, string>;
  close(): Promise<void>;
}

/** Runs the real CLI into a fresh database file, then builds the app on that file. */
async function ingestThenServe(file: string, mapping: object): Promise<Loaded> {
  const dir = await tempDir('attain-ref-');
  const dbPath = path.join(dir, 'ref.duckdb');
  const mappingFile = path.join(dir, 'mapping.json');
  fs.writeFileSync(mappingFile, JSON.stringify(mapping));
  const cli = spawnSync(process.execPath, ['--import', 'tsx', 'pipelines/cli/ingest.ts', 'orders', file, '--mapping', mappingFile, '--db', dbPath, '--json'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, TZ: 'UTC' },
  });
  expect(cli.status, cli.stderr).toBe(0);
  expect(JSON.parse(cli.stdout).status).toBe('committed');
  const db = await Database.open(dbPath, { readers: 2 });
  const app = await buildApp({ config: loadConfig({ ATTAIN_DEMO: '0', ATTAIN_DB: dbPath }), db, closeDb: true });
  await app.ready();
  await createUser(db, { username: 'boss', role: 'manager' });
  const { headers } = await loginAs(app, 'boss');
  return {
    app,
    headers,
    async close() {
      await app.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** An in-memory DuckDB that knows nothing of Attain, for the independent figures. */
async function rawQuery<T extends Record<string, unknown>>(sql: string): Promise<T[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    return await rows<T>(conn, sql);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

async function get(loaded: Loaded, url: string) {
  const res = await loaded.app.inject({ method: 'GET', url, headers: loaded.headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** Compares the API with the raw file: whole-range revenue, revenue per month, cohort sizes. */
async function compare(loaded: Loaded, raw: { table: string; from: string; to: string }) {
  const range = `from=${raw.from}&to=${raw.to}&compare=none`;
  const [total] = await rawQuery<{ revenue: number }>(`SELECT round(sum(amount), 2) AS revenue FROM ${raw.table}`);
  const overview = await get(loaded, `/api/kpi/overview?${range}`);
  expect(overview.tiles.revenue.value).toBeCloseTo(total!.revenue, 2);

  const monthly = await rawQuery<{ month: string; revenue: number }>(
    `SELECT strftime(day, '%Y-%m') AS month, round(sum(amount), 2) AS revenue FROM ${raw.table} GROUP BY 1 ORDER BY 1`,
  );
  const trend = await get(loaded, `/api/kpi/trend?months=${monthly.length}&period=${raw.to.slice(0, 7)}&compare=none`);
  expect(monthly.length).toBeGreaterThanOrEqual(12);
  const byMonth = new Map(trend.rows.map((r: { month: string; revenue: number }) => [r.month, r.revenue]));
  for (const m of monthly) expect(byMonth.get(m.month), m.month).toBeCloseTo(m.revenue, 2);

  // Cohort = month of a customer's first purchase (amount > 0).
  const cohorts = await rawQuery<{ cohort: string; size: number }>(
    `SELECT strftime(first, '%Y-%m') AS cohort, count(*) AS size FROM (
       SELECT customer, min(day) AS first FROM ${raw.table} WHERE customer IS NOT NULL AND amount > 0 GROUP BY 1)
     GROUP BY 1 ORDER BY 1`,
  );
  expect(cohorts.length).toBeGreaterThanOrEqual(12);
  const retention = await get(loaded, `/api/kpi/retention?${range}&basis=logo`);
  expect(retention.cohorts.map((c: { cohort: string; size: number }) => [c.cohort, c.size])).toEqual(cohorts.map((c) => [c.cohort, c.size]));
}

describe('reference exports through npm run ingest and the API', () => {
  const superstore = referenceFile('superstore_us9994_orders_2014-2017.csv');
  const retail = referenceFile('uci_online_retail.csv');
  let loaded: Loaded | null = null;
  afterAll(async () => loaded?.close());

  it('Superstore: totals, monthly revenue and cohorts equal the raw file', async () => {
    if (!superstore) return;
    loaded = await ingestThenServe(superstore, { rep_id: { value: 'unassigned' }, amount: 'Sales' });
    await compare(loaded, {
      table: `(SELECT CAST("Order Date" AS DATE) AS day, CAST(Sales AS DECIMAL(18,4)) AS amount, "Customer ID" AS customer
               FROM read_csv(${literal(superstore)}, all_varchar = true))`,
      from: '2014-01-01',
      to: '2017-12-31',
    });
    await loaded.close();
    loaded = null;
  });

  it('UCI Online Retail: credits are negative lines, blank customers count only in revenue', async () => {
    if (!retail) return;
    loaded = await ingestThenServe(retail, {
      order_id: 'InvoiceNo',
      sku: 'StockCode',
      product_name: 'Description',
      quantity: 'Quantity',
      unit_price: 'UnitPrice',
      order_date: 'InvoiceDate',
      customer_id: 'CustomerID',
      region: 'Country',
      rep_id: { value: 'online' },
    });
    await compare(loaded, {
      table: `(SELECT CAST(CAST(InvoiceDate AS TIMESTAMP) AS DATE) AS day,
                      CAST(Quantity AS DECIMAL(18,4)) * CAST(UnitPrice AS DECIMAL(18,4)) AS amount,
                      nullif(trim(CustomerID), '') AS customer
               FROM read_csv(${literal(retail)}, all_varchar = true))`,
      from: '2010-12-01',
      to: '2011-12-31',
    });
  }, 180_000);
});
