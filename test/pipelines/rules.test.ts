// Rules of the data (metrics.md) applied on load: amount precedence, returns, cancelled lines,
// currency, names as ids, the targets scope rule, derived visit ids, required columns and the
// rejection policy. Expected values are worked out by hand from the fixtures.
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database.ts';
import { openTempDb } from '../helpers/app.ts';
import { ORDER_COLUMNS, importFixture, query, snapshot, type Cell } from './typed-stager.ts';

let db: Database;
let dir: string;
beforeEach(async () => ({ db, dir } = await openTempDb()));
afterEach(async () => {
  await db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const ORDERS_FULL = { ...ORDER_COLUMNS, discount: 'DECIMAL(18,6)', customer_name: 'VARCHAR', currency: 'VARCHAR' };
// order_id, line_no, order_date, customer_id, rep_id, quantity, unit_price, amount, status, discount, customer_name, currency
const o = (id: string, q: number | null, p: number | null, amount: number | null, status: string | null = null, discount: number | null = null, extra: Partial<{ customer: string | null; customerName: string | null; rep: string; currency: string | null; date: string | null }> = {}): Cell[] => [
  id, 1, extra.date === undefined ? '2025-03-05' : extra.date, extra.customer === undefined ? 'C1' : extra.customer, extra.rep ?? 'R1', q, p, amount, status, discount, extra.customerName ?? null, extra.currency ?? null,
];
const ordersFile = (rows: Cell[][]) => ({ columns: ORDERS_FULL, rows });

describe('amounts and statuses', () => {
  it('keeps a given amount, computes a missing one, and warns when they disagree by more than a cent', async () => {
    const report = await importFixture(db, { dataset: 'orders' }, ordersFile([
      o('O1', 2, 50, 100), // agrees
      o('O2', 2, 50, 105), // disagrees by 5: kept, warned (row 3)
      o('O3', 3, 10, null, null, 0.1), // 3 × 10 × 0.9 = 27
      o('O4', 3, 33.3333, 100), // 99.9999 vs 100: within a cent
    ]));
    expect(report.status).toBe('committed');
    expect(await query(db, 'SELECT order_id, amount::DOUBLE AS amount FROM orders ORDER BY 1')).toEqual([
      { order_id: 'O1', amount: 100 },
      { order_id: 'O2', amount: 105 },
      { order_id: 'O3', amount: 27 },
      { order_id: 'O4', amount: 100 },
    ]);
    const amountWarnings = report.warnings.filter((w) => w.column === 'amount');
    expect(amountWarnings).toHaveLength(1);
    expect(amountWarnings[0]).toMatchObject({ row: 3 });
    expect(amountWarnings[0]!.message).toContain('100.00');
  });

  it('stores returns negative, keeps cancelled lines as they are, and defaults the status to completed', async () => {
    await importFixture(db, { dataset: 'orders' }, ordersFile([
      o('R1', 1, 80, 80, 'returned'), // → -80
      o('R2', -1, 20, null), // negative quantity: -20, a return by its sign
      o('R3', 1, 60, -60, 'returned'), // already negative: stays -60
      o('X1', 1, 50, 50, 'cancelled'),
      o('S1', 1, 10, 10),
    ]));
    expect(await query(db, 'SELECT order_id, amount::DOUBLE AS amount, status FROM orders ORDER BY 1')).toEqual([
      { order_id: 'R1', amount: -80, status: 'returned' },
      { order_id: 'R2', amount: -20, status: 'completed' },
      { order_id: 'R3', amount: -60, status: 'returned' },
      { order_id: 'S1', amount: 10, status: 'completed' },
      { order_id: 'X1', amount: 50, status: 'cancelled' },
    ]);
  });

  it('refuses a file with another currency, naming the rows, and changes nothing', async () => {
    const before = await snapshot(db);
    const report = await importFixture(db, { dataset: 'orders' }, ordersFile([
      o('O1', 1, 10, 10, null, null, { currency: 'CNY' }),
      o('O2', 1, 10, 10, null, null, { currency: 'usd' }),
      o('O3', 1, 10, 10, null, null, { currency: 'RMB' }),
      o('O4', 1, 10, 10, null, null, { currency: 'USD' }),
    ]));
    expect(report.status).toBe('refused');
    expect(report.message).toMatch(/2 lines in USD \(rows 3, 5, column currency\)/);
    expect(report.message).toContain('CNY');
    expect(await snapshot(db)).toEqual(before);
    expect(await query(db, 'SELECT status FROM import_batches')).toEqual([{ status: 'failed' }]);
  });

  it('counts order lines without a customer in a warning', async () => {
    const report = await importFixture(db, { dataset: 'orders' }, ordersFile([o('O1', 1, 10, 10, null, null, { customer: null }), o('O2', 1, 10, 10)]));
    expect(report.warnings.some((w) => w.message.startsWith('1 order line has no customer'))).toBe(true);
    expect(await query(db, 'SELECT order_id, customer_id FROM orders ORDER BY 1')).toEqual([
      { order_id: 'O1', customer_id: null },
      { order_id: 'O2', customer_id: 'C1' },
    ]);
  });
});

describe('names as ids', () => {
  it('resolves rep names unique on the roster, keeps other names as ids, and uses a customer name as its id', async () => {
    const roster = { rep_id: 'VARCHAR', name: 'VARCHAR', role: 'VARCHAR' };
    await importFixture(db, { dataset: 'reps' }, { columns: roster, rows: [['R1', 'Li Lei', 'rep'], ['R2', 'Wang Fang', 'rep'], ['R3', 'Wang Fang', 'rep']] });
    const report = await importFixture(db, { dataset: 'orders' }, ordersFile([
      o('O1', 1, 10, 10, null, null, { rep: 'Li Lei' }),
      o('O2', 1, 10, 10, null, null, { rep: 'Wang Fang' }), // two reps share the name: the name stays
      o('O3', 1, 10, 10, null, null, { rep: 'R2' }),
      o('O4', 1, 10, 10, null, null, { rep: 'Zhao Yun', customer: null, customerName: 'Acme Trading' }),
    ]));
    expect(await query(db, 'SELECT order_id, rep_id, customer_id, customer_name FROM orders ORDER BY 1')).toEqual([
      { order_id: 'O1', rep_id: 'R1', customer_id: 'C1', customer_name: null },
      { order_id: 'O2', rep_id: 'Wang Fang', customer_id: 'C1', customer_name: null },
      { order_id: 'O3', rep_id: 'R2', customer_id: 'C1', customer_name: null },
      { order_id: 'O4', rep_id: 'Zhao Yun', customer_id: 'Acme Trading', customer_name: 'Acme Trading' },
    ]);
    const unknown = report.warnings.filter((w) => w.message.startsWith('rep id'));
    expect(unknown.map((w) => w.message.split('"')[1])).toEqual(['Wang Fang', 'Zhao Yun']);
  });
});

describe('targets', () => {
  const cols = { period: 'VARCHAR', rep_id: 'VARCHAR', team: 'VARCHAR', region: 'VARCHAR', metric: 'VARCHAR', target_value: 'DECIMAL(18,4)' };
  it('takes exactly one scope per row, defaults the metric to revenue and reads the period kind', async () => {
    const report = await importFixture(db, { dataset: 'targets', maxErrorRate: 0.5 }, {
      columns: cols,
      rows: [
        ['2025-03', 'R1', null, null, null, 1000],
        ['2025-Q2', null, 'East 1', null, 'visits', 40],
        ['2025', null, null, 'East', 'orders', 500],
        ['2025-03', 'R1', 'East 1', null, null, 10], // two scopes: rejected (row 5)
        ['2025-03', null, null, null, null, 10], // no scope: rejected (row 6)
        ['2025-13', 'R2', null, null, null, 10], // no such month: rejected (row 7)
      ],
    });
    expect(report).toMatchObject({ status: 'committed', rowsLoaded: 3, rowsRejected: 3 });
    expect(report.errors.map((e) => [e.row, e.column])).toEqual([[5, 'rep_id'], [6, 'rep_id'], [7, 'period']]);
    expect(await query(db, 'SELECT period, period_kind, scope_kind, scope_id, metric, target_value::DOUBLE AS v FROM targets ORDER BY 1')).toEqual([
      { period: '2025', period_kind: 'year', scope_kind: 'region', scope_id: 'East', metric: 'orders', v: 500 },
      { period: '2025-03', period_kind: 'month', scope_kind: 'rep', scope_id: 'R1', metric: 'revenue', v: 1000 },
      { period: '2025-Q2', period_kind: 'quarter', scope_kind: 'team', scope_id: 'East 1', metric: 'visits', v: 40 },
    ]);
  });
});

describe('visits', () => {
  it('derives a stable id from rep, customer and time, and defaults the type to visit', async () => {
    const cols = { visit_at: 'TIMESTAMP', rep_id: 'VARCHAR', customer_id: 'VARCHAR', type: 'VARCHAR' };
    const first = await importFixture(db, { dataset: 'visits' }, { columns: cols, rows: [['2025-03-05 14:30', 'R1', 'C1', null], ['2025-03-06 09:00', 'R1', 'C2', 'call']] });
    expect(first.rowsLoaded).toBe(2);
    const again = await importFixture(db, { dataset: 'visits', file: 'visits-again.csv' }, { columns: cols, rows: [['2025-03-05 14:30', 'R1', 'C1', 'visit'], ['2025-03-07 10:00', 'R2', 'C1', null]] });
    expect(again).toMatchObject({ rowsLoaded: 1, rowsDuplicate: 1 });
    const stored = await query<{ visit_id: string; type: string }>(db, 'SELECT visit_id, type FROM visits ORDER BY visit_at');
    expect(stored.map((v) => v.type)).toEqual(['visit', 'call', 'visit']);
    expect(new Set(stored.map((v) => v.visit_id)).size).toBe(3);
  });
});

describe('required columns and the rejection policy', () => {
  const tenRows = (bad: Cell[][]) => ordersFile([...Array.from({ length: 10 - bad.length }, (_, i) => o(`G${i}`, 1, 10, 10)), ...bad]);

  it('refuses the whole file when more than the allowed share of rows is rejected, naming the first bad row', async () => {
    const before = await snapshot(db);
    const report = await importFixture(db, { dataset: 'orders' }, tenRows([o('B1', 1, 10, 10, null, null, { date: null })]));
    expect(report.status).toBe('refused');
    expect(report.message).toContain('1 of 10 rows (10%)');
    expect(report.message).toContain('row 11, column order_date');
    expect(report.errors[0]).toEqual({ row: 11, column: 'order_date', value: null, message: 'order_date is missing' });
    expect(await snapshot(db)).toEqual(before);
  });

  it('loads the good rows and reports each rejected one when within the allowed share', async () => {
    const report = await importFixture(db, { dataset: 'orders', maxErrorRate: 0.2 }, tenRows([o('B1', null, null, null), o('B2', 1, 10, 10, 'shipped')]));
    expect(report).toMatchObject({ status: 'committed', rowsRead: 10, rowsLoaded: 8, rowsRejected: 2 });
    expect(report.errors).toEqual([
      { row: 10, column: 'amount', value: null, message: 'amount is missing and quantity × unit_price cannot compute it' },
      { row: 11, column: 'status', value: 'shipped', message: 'unknown status "shipped" (expected completed, cancelled, returned)' },
    ]);
  });

  it('rejects a row whose value could not be parsed, with the raw value, and does not repeat it as missing', async () => {
    const fx = { ...tenRows([o('B1', 1, 10, 10, null, null, { date: null })]), parseErrors: [[11, 'order_date', '2025/13/45', 'not a date'] as [number, string, string, string]] };
    const report = await importFixture(db, { dataset: 'orders', maxErrorRate: 0.2 }, fx);
    expect(report.errors).toEqual([{ row: 11, column: 'order_date', value: '2025/13/45', message: 'not a date' }]);
  });
});
