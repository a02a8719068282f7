// Real third-party exports (../shared/reference-data) through the front half of the import: every row read,
// every value typed, and totals equal to what DuckDB's own CSV reader computes from the same file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proposeMapping, type MappingSpec } from '../../pipelines/map/index.ts';
import { stageFile } from '../../pipelines/read/index.ts';
import { stageTyped } from '../../pipelines/values/index.ts';
import { memoryConnection } from '../../pipelines/values/testing.ts';
import { literal, rows } from '../../server/db/query.ts';
import { REFERENCE_DATA_DIR, referenceDataPresent } from '../helpers/reference-data.ts';

const DIR = REFERENCE_DATA_DIR;
const present = referenceDataPresent;
let db: Awaited<ReturnType<typeof memoryConnection>>;
let tmp: string;

beforeAll(async () => {
  db = await memoryConnection();
  tmp = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'attain-ref-'));
});
afterAll(async () => {
  db.close();
  await fs.promises.rm(tmp, { recursive: true, force: true });
});

async function importOrders(file: string, override: MappingSpec) {
  const staged = await stageFile(db.conn, file, { table: 'raw', dataset: 'orders', tmpDir: tmp });
  const mapping = proposeMapping('orders', staged.headers, override);
  expect(mapping.missingRequired).toEqual([]);
  await stageTyped(db.conn, staged, 'orders', mapping, { table: 'typed', file: path.basename(file) });
  const [t] = await rows<{ n: number; errors: number; amount: number; quantity: number; first: string; last: string }>(db.conn,
    `SELECT count(*) AS n, count(*) FILTER (WHERE len(__errors) > 0) AS errors, CAST(sum(amount) AS DOUBLE) AS amount,
       CAST(sum(quantity) AS DOUBLE) AS quantity, CAST(min(order_date) AS VARCHAR) AS first, CAST(max(order_date) AS VARCHAR) AS last FROM typed`);
  return { staged, mapping, typed: t! };
}

/** The same figures straight from DuckDB's CSV reader with its own type detection. */
async function independent(file: string, amount: string, quantity: string, date: string) {
  const [r] = await rows<{ n: number; amount: number; quantity: number; first: string; last: string }>(db.conn,
    `SELECT count(*) AS n, CAST(sum(CAST("${amount}" AS DECIMAL(18,4))) AS DOUBLE) AS amount, CAST(sum("${quantity}") AS DOUBLE) AS quantity,
       CAST(min(CAST("${date}" AS DATE)) AS VARCHAR) AS first, CAST(max(CAST("${date}" AS DATE)) AS VARCHAR) AS last FROM read_csv(${literal(file)})`);
  return r!;
}

describe('reference datasets', () => {
  it('Superstore orders: all 9,994 rows, totals as DuckDB reads them', async () => {
    if (!present) { console.log(`${DIR} not found: the reference-data tests did not run.`); return; }
    const file = path.join(DIR, 'superstore_us9994_orders_2014-2017.csv');
    const { staged, mapping, typed } = await importOrders(file, { rep_id: { value: 'unassigned' } });
    expect(staged).toMatchObject({ encoding: 'utf-8', delimiter: ',', headerRow: 1, rowsRead: 9994 });
    expect(Object.keys(mapping.columns)).toEqual(['order_id', 'order_date', 'customer_id', 'customer_name', 'rep_id', 'sku', 'product_name', 'category', 'quantity', 'discount', 'amount', 'region']);
    const want = await independent(file, 'Sales', 'Quantity', 'Order Date');
    expect(typed).toEqual({ n: want.n, errors: 0, amount: want.amount, quantity: want.quantity, first: want.first, last: want.last });
    expect(want.n).toBe(9994);
  });

  it('UCI Online Retail: all 541,909 rows, blank customer ids as NULL', async () => {
    if (!present) { console.log(`${DIR} not found: the reference-data tests did not run.`); return; }
    const file = path.join(DIR, 'uci_online_retail.csv');
    const { staged, typed } = await importOrders(file, { rep_id: { value: 'unassigned' } });
    expect(staged.rowsRead).toBe(541909);
    const [want] = await rows<{ n: number; quantity: number; customers: number; first: string; last: string; value: number }>(db.conn,
      `SELECT count(*) AS n, CAST(sum(Quantity) AS DOUBLE) AS quantity, count(CustomerID) AS customers, CAST(min(CAST(InvoiceDate AS DATE)) AS VARCHAR) AS first,
         CAST(max(CAST(InvoiceDate AS DATE)) AS VARCHAR) AS last, CAST(sum(CAST(UnitPrice AS DECIMAL(18,4))) AS DOUBLE) AS value FROM read_csv(${literal(file)})`);
    const [got] = await rows<{ customers: number; value: number }>(db.conn, 'SELECT count(customer_id) AS customers, CAST(sum(unit_price) AS DOUBLE) AS value FROM typed');
    expect({ n: typed.n, errors: typed.errors, quantity: typed.quantity, first: typed.first, last: typed.last, customers: got!.customers, value: got!.value })
      .toEqual({ n: want!.n, errors: 0, quantity: want!.quantity, first: want!.first, last: want!.last, customers: want!.customers, value: want!.value });
  });

  it('AdventureWorks reseller sales: rep ids, line numbers and amounts', async () => {
    if (!present) { console.log(`${DIR} not found: the reference-data tests did not run.`); return; }
    const file = path.join(DIR, 'adventureworks_dw_FactResellerSales.csv');
    const { mapping, typed } = await importOrders(file, {});
    expect(mapping.columns).toMatchObject({ order_id: { header: 'SalesOrderNumber' }, line_no: { header: 'SalesOrderLineNumber' }, rep_id: { header: 'EmployeeKey' }, amount: { header: 'SalesAmount' }, order_date: { header: 'OrderDate' } });
    const want = await independent(file, 'SalesAmount', 'OrderQuantity', 'OrderDate');
    expect(typed).toEqual({ n: want.n, errors: 0, amount: want.amount, quantity: want.quantity, first: want.first, last: want.last });
  });
});
