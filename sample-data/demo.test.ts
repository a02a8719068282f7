// The demo company, generated once: the size and shape it promises (people, customers, products,
// two years of orders and visits), a visit conversion that means something, and every rule of the data.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSample, type GenerateResult } from './generate.ts';
import { ExportDb } from './testing/export-db.ts';
import { registerInvariants } from './testing/invariants.ts';

const START = '2024-01-01';
const AS_OF = '2026-01-15';

describe('sample company at the demo scale', () => {
  let root: string;
  let result: GenerateResult;
  let db: ExportDb;

  beforeAll(async () => {
    root = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'attain-demo-'));
    result = await generateSample({ scale: 'demo', out: root, seed: 42 });
    db = await ExportDb.open(root);
  });

  afterAll(async () => {
    db?.close();
    if (root) await fs.promises.rm(root, { recursive: true, force: true });
  });

  it('has a sales manager, four teams in three regions, about forty salespeople and two assistants', async () => {
    const [r] = await db.rows(`
      SELECT count(*) FILTER (WHERE role = 'manager')::INT AS managers,
             count(*) FILTER (WHERE role = 'supervisor')::INT AS supervisors,
             count(*) FILTER (WHERE role = 'assistant')::INT AS assistants,
             count(*) FILTER (WHERE role = 'account_manager')::INT AS account_managers,
             count(*) FILTER (WHERE role IN ('rep', 'account_manager'))::INT AS sellers,
             count(DISTINCT team)::INT AS teams, count(DISTINCT region)::INT AS regions
      FROM reps`);
    expect(r).toMatchObject({ managers: 1, supervisors: 4, assistants: 2, teams: 4, regions: 3 });
    expect(r!.account_managers).toBeGreaterThanOrEqual(3);
    expect(r!.sellers).toBeGreaterThanOrEqual(34);
    expect(r!.sellers).toBeLessThanOrEqual(44);
  });

  it('has about 1,500 customers, a tenth of them key accounts, and 120 products in six categories', async () => {
    const [r] = await db.rows(`
      SELECT (SELECT count(*) FROM customers)::INT AS customers,
             (SELECT avg(CASE WHEN tier = 'key' THEN 1 ELSE 0 END) FROM customers) AS key_share,
             (SELECT count(*) FROM products)::INT AS products,
             (SELECT count(DISTINCT category) FROM products)::INT AS categories`);
    expect(r!.customers as number).toBeGreaterThanOrEqual(1400);
    expect(r!.customers as number).toBeLessThanOrEqual(1600);
    expect(r!.key_share as number).toBeGreaterThan(0.07);
    expect(r!.key_share as number).toBeLessThan(0.13);
    expect(r).toMatchObject({ products: 120, categories: 6 });
  });

  it('holds about 150,000 order lines and 30,000 visits', () => {
    expect(result.counts.orders).toBeGreaterThanOrEqual(130_000);
    expect(result.counts.orders).toBeLessThanOrEqual(170_000);
    expect(result.counts.visits).toBeGreaterThanOrEqual(25_000);
    expect(result.counts.visits).toBeLessThanOrEqual(35_000);
    expect(result.counts.nextOrders).toBeGreaterThan(0);
    expect(result.counts.nextVisits).toBeGreaterThan(0);
  });

  it('converts between 30 % and 50 % of visits into a purchase within 30 days', async () => {
    const conversion = await db.number(
      `
      WITH purchases AS (
        SELECT DISTINCT customer_id, order_date::DATE AS d FROM orders WHERE status <> 'cancelled' AND amount::DOUBLE > 0
      ),
      closed AS (SELECT customer_id, visit_at::TIMESTAMP::DATE AS d FROM visits WHERE visit_at::TIMESTAMP::DATE + 30 <= $asOf::DATE)
      SELECT avg(CASE WHEN EXISTS (
        SELECT 1 FROM purchases p WHERE p.customer_id = v.customer_id AND p.d BETWEEN v.d AND v.d + 30
      ) THEN 1 ELSE 0 END) FROM closed v`,
      { asOf: AS_OF },
    );
    expect(conversion).toBeGreaterThanOrEqual(0.3);
    expect(conversion).toBeLessThanOrEqual(0.5);
  });

  it('has customers who arrive during history and customers who stop buying', async () => {
    const [r] = await db.rows(`
      WITH spans AS (
        SELECT customer_id, min(order_date::DATE) AS first, max(order_date::DATE) AS last
        FROM orders WHERE status = 'completed' GROUP BY 1
      )
      SELECT count(*) FILTER (WHERE first >= DATE '2025-01-01')::INT AS new_in_2025,
             count(*) FILTER (WHERE last < DATE '2025-07-01')::INT AS lapsed
      FROM spans`);
    expect(r!.new_in_2025).toBeGreaterThan(100);
    expect(r!.lapsed).toBeGreaterThan(50);
  });

  it('sells less around Spring Festival than before the year end', async () => {
    const [r] = await db.rows(`
      SELECT sum(amount::DOUBLE) FILTER (WHERE order_date LIKE '2024-02-%') AS february,
             sum(amount::DOUBLE) FILTER (WHERE order_date LIKE '2024-12-%') AS december
      FROM orders WHERE status <> 'cancelled'`);
    expect((r!.february as number) * 2).toBeLessThan(r!.december as number);
  });

  it('writes the Chinese form with as many rows as the English one, and every workbook', () => {
    for (const [prefix, names] of [
      ['', ['reps', 'customers', 'products', 'targets', 'orders', 'visits']],
      ['next/', ['orders', 'visits']],
    ] as const) {
      for (const name of names) {
        const count = (text: string) => Papa.parse(text, { skipEmptyLines: true }).data.length;
        const en = count(fs.readFileSync(path.join(root, `${prefix}en/${name}.csv`), 'utf8'));
        const zh = count(iconv.decode(fs.readFileSync(path.join(root, `${prefix}zh/${name}.csv`)), 'gb18030'));
        expect(zh, `${prefix}${name}`).toBe(en);
        expect(fs.statSync(path.join(root, `${prefix}xlsx/${name}.xlsx`)).size).toBeGreaterThan(0);
      }
    }
  });

  describe('rules of the data', () => {
    registerInvariants(() => db, { start: START, asOf: AS_OF, end: '2026-01-31' });
  });
});
