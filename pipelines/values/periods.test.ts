// Period builder run in DuckDB on hand-written inputs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { periodExpr } from './periods.ts';
import { evalEach, memoryConnection } from './testing.ts';

let db: Awaited<ReturnType<typeof memoryConnection>>;
let conn: DuckDBConnection;
beforeAll(async () => { db = await memoryConnection(); conn = db.conn; });
afterAll(() => db.close());

describe('periodExpr', () => {
  it('reads months', async () => {
    expect(await evalEach(conn, ['2025-03', '2025/3', '2025.03', '2025年3月', '2025年03月份', '202503', '２０２５－０３', '2025-03-01', '2025-03-01 00:00:00'], periodExpr))
      .toEqual(['2025-03', '2025-03', '2025-03', '2025-03', '2025-03', '2025-03', '2025-03', '2025-03', '2025-03']);
  });
  it('reads quarters', async () => {
    expect(await evalEach(conn, ['2025-Q1', '2025Q1', '2025 q2', 'Q3 2025', '2025年第1季度', '2025年一季度', '2025年Q4', '2025年第四季度'], periodExpr))
      .toEqual(['2025-Q1', '2025-Q1', '2025-Q2', '2025-Q3', '2025-Q1', '2025-Q1', '2025-Q4', '2025-Q4']);
  });
  it('reads years', async () => {
    expect(await evalEach(conn, ['2025', '2025年', '2025年度', 'FY2025'], periodExpr)).toEqual(['2025', '2025', '2025', '2025']);
  });
  it('refuses what is not a period', async () => {
    expect(await evalEach(conn, ['2025-13', '2025-Q5', '2025-03-15', 'March', '25-03', '', null], periodExpr)).toEqual([null, null, null, null, null, null, null]);
  });
});
