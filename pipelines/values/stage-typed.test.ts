// The typed staging table end to end: types, errors per value, column-wide decisions and refusals, constants.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rows } from '../../server/db/query.ts';
import { proposeMapping } from '../map/index.ts';
import { InputError } from '../read/input-error.ts';
import { readFixture, type ReadFixture } from '../read/testing.ts';
import { stageTyped } from './stage-typed.ts';

let fx: ReadFixture;
beforeEach(async () => { fx = await readFixture(); });
afterEach(async () => { await fx.close(); });

async function typed(csv: string, dataset: Parameters<typeof proposeMapping>[0], override?: Parameters<typeof proposeMapping>[2]) {
  const staged = await fx.stage(fx.write('f.csv', csv), { dataset });
  const mapping = proposeMapping(dataset, staged.headers, override);
  const out = await stageTyped(fx.conn, staged, dataset, mapping, { table: 'typed', file: 'f.csv' });
  return { ...out, rows: await rows(fx.conn, 'SELECT * FROM typed ORDER BY __row') };
}

describe('stageTyped', () => {
  it('types every column of the Chinese sample form and leaves unmapped ones NULL', async () => {
    const csv = '订单号,行号,订单日期,客户编号,业务员编号,数量,单价,折扣,价税合计,状态,币种\n' +
      'SO-001,1,2025/3/5, 00123 ,R001,2,"¥1,000.50",9折,1800.90,已完成,人民币\n' +
      'SO-002,2,2025年3月6日,C2,R002,-1,20,8.5折,(17.00),退货,RMB\n' +
      'SO-003,1,20250307,C3,R003,1,20,,20,,\n';
    const t = await typed(csv, 'orders');
    expect(t.decisions).toEqual([]);
    expect(t.rows).toEqual([
      { __row: 2, order_id: 'SO-001', line_no: 1, order_date: '2025-03-05', customer_id: '00123', customer_name: null, rep_id: 'R001', sku: null, product_name: null, category: null, quantity: 2, unit_price: 1000.5, discount: 0.1, amount: 1800.9, status: 'completed', original_order_id: null, channel: null, region: null, currency: 'CNY', __errors: [] },
      { __row: 3, order_id: 'SO-002', line_no: 2, order_date: '2025-03-06', customer_id: 'C2', customer_name: null, rep_id: 'R002', sku: null, product_name: null, category: null, quantity: -1, unit_price: 20, discount: 0.15, amount: -17, status: 'returned', original_order_id: null, channel: null, region: null, currency: 'CNY', __errors: [] },
      { __row: 4, order_id: 'SO-003', line_no: 1, order_date: '2025-03-07', customer_id: 'C3', customer_name: null, rep_id: 'R003', sku: null, product_name: null, category: null, quantity: 1, unit_price: 20, discount: null, amount: 20, status: null, original_order_id: null, channel: null, region: null, currency: null, __errors: [] },
    ]);
    const types = await rows(fx.conn, "SELECT column_name AS c, data_type AS t FROM information_schema.columns WHERE table_name = 'typed' ORDER BY ordinal_position");
    expect(Object.fromEntries(types.map((r) => [r.c, r.t]))).toEqual({
      __row: 'INTEGER', order_id: 'VARCHAR', line_no: 'INTEGER', order_date: 'DATE', customer_id: 'VARCHAR', customer_name: 'VARCHAR', rep_id: 'VARCHAR',
      sku: 'VARCHAR', product_name: 'VARCHAR', category: 'VARCHAR', quantity: 'DECIMAL(18,4)', unit_price: 'DECIMAL(18,4)', discount: 'DECIMAL(18,6)',
      amount: 'DECIMAL(18,4)', status: 'VARCHAR', original_order_id: 'VARCHAR', channel: 'VARCHAR', region: 'VARCHAR', currency: 'VARCHAR',
      __errors: 'STRUCT(col VARCHAR, "value" VARCHAR, message VARCHAR)[]',
    });
  });

  it('lists each value it could not read, with the column left NULL', async () => {
    const csv = 'Order ID,Order Date,Rep ID,Quantity,Discount,Status\nA-1,2025-02-30,R1,three,0.1,completed\nA-2,2025-03-01,R1,1,150%,pending\nA-3,2025-03-02,R1,  ,0.2,   \n';
    const t = await typed(csv, 'orders');
    expect(t.rows.map((r) => [r.__row, r.order_date, r.quantity, r.discount, r.status, r.__errors])).toEqual([
      [2, null, null, 0.1, 'completed', [
        { col: 'order_date', value: '2025-02-30', message: 'is not a date (expected e.g. 2025-03-05, 2025/3/5 or 2025年3月5日)' },
        { col: 'quantity', value: 'three', message: 'is not a number (expected e.g. 1234.56, 1,234.56 or ¥1,234.56)' },
      ]],
      [3, '2025-03-01', 1, null, null, [
        { col: 'discount', value: '150%', message: 'is not a discount (expected the fraction off between 0 and 1 such as 0.1 or 10%, or 折 such as 9折)' },
        { col: 'status', value: 'pending', message: 'is not a known status (completed, cancelled, returned; 已完成, 已取消, 退货)' },
      ]],
      [4, '2025-03-02', null, 0.2, null, []],
    ]);
  });

  it('decides day/month order over the whole column and says so', async () => {
    const t = await typed('Order ID,Order Date,Rep ID\nA-1,03/04/2025,R1\nA-2,25/12/2024,R1\n', 'orders');
    expect(t.rows.map((r) => r.order_date)).toEqual(['2025-04-03', '2024-12-25']);
    expect(t.decisions).toEqual(['order_date read as day/month/year (e.g. 25/12/2024 in row 3).']);
    const m = await typed('Order ID,Order Date,Rep ID\nA-1,03/04/2025,R1\nA-2,12/25/2024,R1\n', 'orders');
    expect(m.rows.map((r) => r.order_date)).toEqual(['2025-03-04', '2024-12-25']);
    expect(m.decisions).toEqual(['order_date read as month/day/year (e.g. 12/25/2024 in row 3).']);
  });

  it('refuses a column with dates both ways, or that nothing decides', async () => {
    const both = await typed('Order ID,Order Date,Rep ID\nA-1,13/01/2025,R1\nA-2,01/13/2025,R1\n', 'orders').catch((e: unknown) => e);
    expect(both).toBeInstanceOf(InputError);
    expect((both as InputError).message).toBe('f.csv, column "Order Date" (order_date): some dates put the day first (row 2: 13/01/2025) and others the month first (row 3: 01/13/2025); write them all one way, best as 2025-03-05.');
    expect((both as InputError).column).toBe('Order Date');
    const unclear = await typed('Order ID,Order Date,Rep ID\nA-1,03/04/2025,R1\nA-2,05/06/2025,R1\n', 'orders').catch((e: unknown) => e);
    expect((unclear as InputError).message).toBe('f.csv, column "Order Date" (order_date): dates such as 03/04/2025 (row 2) read as day/month or as month/day and no date in the column decides which; write them as 2025-03-05.');
    const equal = await typed('Order ID,Order Date,Rep ID\nA-1,03/03/2025,R1\nA-2,2025-03-04,R1\n', 'orders');
    expect(equal.rows.map((r) => r.order_date)).toEqual(['2025-03-03', '2025-03-04']);
  });

  it('reads a decimal-comma column when the column shows it', async () => {
    const t = await typed('Order ID;Order Date;Rep ID;Amount;Unit Price\nA-1;2025-03-05;R1;1.234,56;12\nA-2;2025-03-05;R1;7,5;1.5\n', 'orders');
    expect(t.rows.map((r) => [r.amount, r.unit_price])).toEqual([[1234.56, 12], [7.5, 1.5]]);
    expect(t.decisions).toEqual(['amount read with a decimal comma (1.234,56 = 1234.56).']);
  });

  it('uses constants from the mapping and notes Excel serial dates', async () => {
    const t = await typed('No,Date,Sum\n1,45717,10\n2,2025-03-02,11\n', 'orders', { order_id: 'No', order_date: 'Date', amount: 'Sum', rep_id: { value: ' R009 ' }, currency: { value: '人民币' } });
    expect(t.rows.map((r) => [r.order_id, r.order_date, r.rep_id, r.currency, r.amount])).toEqual([['1', '2025-03-01', 'R009', 'CNY', 10], ['2', '2025-03-02', 'R009', 'CNY', 11]]);
    expect(t.decisions).toEqual(['order_date had Excel serial day numbers (e.g. 45717 = 2025-03-01), read as dates.']);
  });

  it('types visits and targets of the Chinese form', async () => {
    const v = await typed('拜访编号,拜访时间,业务员编号,客户编号,拜访方式,时长(分钟),下次跟进日期\nV1,2025/3/5 14:30,R1,C1,上门拜访,45,2025/3/12\nV2,2025-03-06T09:05:00,R1,C2,电话,30.0,\n', 'visits');
    expect(v.rows.map((r) => [r.visit_id, r.visit_at, r.type, r.duration_min, r.next_step_date])).toEqual([
      ['V1', '2025-03-05T14:30:00', 'visit', 45, '2025-03-12'],
      ['V2', '2025-03-06T09:05:00', 'call', 30, null],
    ]);
    const t = await typed('期间,业务员编号,指标,目标值\n2025年3月,R1,销售额,"100,000"\n2025-Q2,R1,订单数,30\n2025,R1,新客户数,1.2万\n', 'targets');
    expect(t.rows.map((r) => [r.period, r.metric, r.target_value])).toEqual([['2025-03', 'revenue', 100000], ['2025-Q2', 'orders', 30], ['2025', 'new_customers', 12000]]);
  });

  it('types reps and customers with their code words', async () => {
    const r = await typed('员工编号,姓名,角色,团队,区域,入职日期\n007,王伟,销售代表,华东一组,华东,2023/1/9\nS01,李娜,销售主管,华东一组,华东,\n', 'reps');
    expect(r.rows.map((x) => [x.rep_id, x.role, x.hire_date])).toEqual([['007', 'rep', '2023-01-09'], ['S01', 'supervisor', null]]);
    const c = await typed('客户编号,客户名称,客户等级\nC1,甲公司,重点客户\nC2,乙公司,普通客户\n', 'customers');
    expect(c.rows.map((x) => x.tier)).toEqual(['key', 'standard']);
  });
});
