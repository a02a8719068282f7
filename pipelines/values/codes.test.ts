// Code-word builders (status, role, tier, visit type, metric, currency) run in DuckDB on hand-written inputs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { codeExpr } from './codes.ts';
import { evalEach, memoryConnection } from './testing.ts';

let db: Awaited<ReturnType<typeof memoryConnection>>;
let conn: DuckDBConnection;
beforeAll(async () => { db = await memoryConnection(); conn = db.conn; });
afterAll(() => db.close());

describe('codeExpr', () => {
  it('maps status words in both languages; blank stays NULL for the load side to default', async () => {
    expect(await evalEach(conn, ['completed', 'Completed', '已完成', '完成', 'cancelled', 'Canceled', '已取消', '取消', '退货', '退款', 'returned', 'Refund', '已退貨', '', null], (v) => codeExpr(v, 'status')))
      .toEqual(['completed', 'completed', 'completed', 'completed', 'cancelled', 'cancelled', 'cancelled', 'cancelled', 'returned', 'returned', 'returned', 'returned', 'returned', null, null]);
  });
  it('maps roles, tiers, visit types and metrics', async () => {
    expect(await evalEach(conn, ['销售经理', '销售主管', '销售代表', '销售助理', '客户经理', 'Account Manager', 'account_manager', 'Sales Rep', '銷售代表'], (v) => codeExpr(v, 'role')))
      .toEqual(['manager', 'supervisor', 'rep', 'assistant', 'account_manager', 'account_manager', 'account_manager', 'rep', 'rep']);
    expect(await evalEach(conn, ['重点客户', '普通客户', 'KEY', 'standard', '重點客戶'], (v) => codeExpr(v, 'tier'))).toEqual(['key', 'standard', 'key', 'standard', 'key']);
    expect(await evalEach(conn, ['上门拜访', '电话', '会议', '演示', '其他', 'Phone Call', 'on-site', '拜訪'], (v) => codeExpr(v, 'visit_type')))
      .toEqual(['visit', 'call', 'meeting', 'demo', 'other', 'call', 'visit', 'visit']);
    expect(await evalEach(conn, ['销售额', '订单数', '新客户数', '拜访次数', 'new customers', 'Revenue', 'new_customers'], (v) => codeExpr(v, 'metric')))
      .toEqual(['revenue', 'orders', 'new_customers', 'visits', 'new_customers', 'revenue', 'new_customers']);
  });
  it('maps currency words to codes, keeps other 3-letter codes for the load side to judge', async () => {
    expect(await evalEach(conn, ['CNY', 'rmb', '人民币', '¥', '￥', 'usd', '$', 'sek', '美元', 'dollars'], (v) => codeExpr(v, 'currency')))
      .toEqual(['CNY', 'CNY', 'CNY', 'CNY', 'CNY', 'USD', 'USD', 'SEK', 'USD', null]);
  });
  it('gives NULL for unknown words', async () => {
    expect(await evalEach(conn, ['pending', '处理中'], (v) => codeExpr(v, 'status'))).toEqual([null, null]);
  });
});
