// Formula injection: customer names that a spreadsheet program would run (=, +, -, @, a leading
// tab) come out of the CSV and XLSX table exports neutralised with a leading single quote, while a
// negative amount stays a number.
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../server/db/query.ts';
import { refreshRollups } from '../../server/queries/rollups.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createUser, loginAs } from '../helpers/auth.ts';

const EVIL = {
  X1: '=HYPERLINK("http://x","y")',
  X2: '+1',
  X3: '-2',
  X4: '@SUM(A1)',
  X5: '\tTabbed Ltd',
  X6: '正常公司',
};

let t: TestApp;
let headers: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp();
  await t.db.transaction(async (conn) => {
    await run(conn, `INSERT INTO reps (rep_id, valid_from, name, role, team, region, batch_id) VALUES ('R1', DATE '1900-01-01', '李爱丽', 'rep', '华东一组', '华东', 'fx')`);
    for (const [id, name] of Object.entries(EVIL)) {
      await run(conn, `INSERT INTO customers (customer_id, name, tier, owner_rep_id, batch_id) VALUES ($id, $name, 'standard', 'R1', 'fx')`, { id, name });
      await run(
        conn,
        `INSERT INTO orders (order_id, line_no, order_date, customer_id, customer_name, rep_id, amount, status, currency, batch_id)
         VALUES ($order, 1, DATE '2025-03-03', $id, $name, 'R1', 2000, 'completed', 'CNY', 'fx')`,
        { order: `O-${id}`, id, name },
      );
    }
    await run(
      conn,
      `INSERT INTO orders (order_id, line_no, order_date, customer_id, customer_name, rep_id, amount, status, original_order_id, currency, batch_id)
       VALUES ('RET-1', 1, DATE '2025-03-10', 'X3', '-2', 'R1', -1500, 'returned', 'O-X3', 'CNY', 'fx')`,
    );
    await refreshRollups(conn);
  });
  await createUser(t.db, { username: 'boss', role: 'admin' });
  headers = (await loginAs(t.app, 'boss')).headers;
});

afterAll(async () => {
  await t?.close();
});

async function get(url: string): Promise<Buffer> {
  const res = await t.app.inject({ method: 'GET', url, headers });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return res.rawPayload;
}

const NEUTRALISED = {
  X1: `'=HYPERLINK("http://x","y")`,
  X2: "'+1",
  X3: "'-2",
  X4: "'@SUM(A1)",
  X5: "'\tTabbed Ltd",
  X6: '正常公司',
};

describe('exports neutralise formula-like text', () => {
  it('in CSV: names quoted, the negative amount a bare number', async () => {
    const customers = Papa.parse<string[]>((await get('/api/exports/table/customers?period=2025-03')).toString('utf8').slice(1), { skipEmptyLines: true }).data;
    const names = new Map(customers.slice(1).map((r) => [r[0], r[1]]));
    for (const [id, safe] of Object.entries(NEUTRALISED)) expect(names.get(id)).toBe(safe);

    const raw = (await get('/api/exports/table/orders?period=2025-03')).toString('utf8');
    // The raw line, not a parse of it: the amount must be written as -1500, unquoted and unprefixed.
    const line = raw.split('\r\n').find((l) => l.startsWith('RET-1,'))!;
    expect(line).toMatch(/,-1500,/);
    expect(line).toContain(",X3,'-2,");
    expect(raw).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
  });

  it('in XLSX: names as neutralised text cells, the negative amount a number cell', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await get('/api/exports/table/orders?period=2025-03&format=xlsx')) as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const customerCol = header.indexOf('客户') + 1;
    const amountCol = header.indexOf('金额') + 1;
    const byOrder = new Map<string, ExcelJS.Row>();
    sheet.eachRow((row, n) => n > 1 && byOrder.set(String(row.getCell(1).value), row));
    for (const [id, safe] of Object.entries(NEUTRALISED)) {
      const c = byOrder.get(`O-${id}`)!.getCell(customerCol);
      expect(c.type).toBe(ExcelJS.ValueType.String);
      expect(c.value).toBe(safe);
    }
    const amount = byOrder.get('RET-1')!.getCell(amountCol);
    expect(amount.type).toBe(ExcelJS.ValueType.Number);
    expect(amount.value).toBe(-1500);
    expect(amount.numFmt).toBe('"¥"#,##0.00;-"¥"#,##0.00');
  });
});
