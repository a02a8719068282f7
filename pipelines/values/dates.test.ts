// Date and timestamp builders run in DuckDB on hand-written inputs, and the day/month decision over a column.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { rows } from '../../server/db/query.ts';
import { dateExpr, dayMonthStatsSql, decideDayMonth, timestampExpr, type DayMonthStats } from './dates.ts';
import { evalEach, memoryConnection } from './testing.ts';

let db: Awaited<ReturnType<typeof memoryConnection>>;
let conn: DuckDBConnection;
beforeAll(async () => { db = await memoryConnection(); conn = db.conn; });
afterAll(() => db.close());

describe('dateExpr', () => {
  it('reads the year-first forms', async () => {
    const got = await evalEach(conn, ['2025-03-05', '2025/3/5', '2025.3.5', '2025年3月5日', '2025 年 3 月 5 日', '20250305', '2025-3-5', ' 2025-03-05 ', '2025-03-05 14:30:00', '2025-03-05T08:00', '2025/03/05 14:30'], (v) => dateExpr(v));
    expect(got).toEqual(['2025-03-05', '2025-03-05', '2025-03-05', '2025-03-05', '2025-03-05', '2025-03-05', '2025-03-05', '2025-03-05', '2025-03-05', '2025-03-05', '2025-03-05']);
  });
  it('reads d/m/y or m/d/y as told', async () => {
    expect(await evalEach(conn, ['05/03/2025', '5.3.2025', '25-12-2024'], (v) => dateExpr(v, 'dmy'))).toEqual(['2025-03-05', '2025-03-05', '2024-12-25']);
    expect(await evalEach(conn, ['05/03/2025', '12/25/2024'], (v) => dateExpr(v, 'mdy'))).toEqual(['2025-05-03', '2024-12-25']);
  });
  it('reads Excel serial day numbers within range only', async () => {
    // 45717 days after 1899-12-30 is 2025-03-01 (45658 = 2025-01-01, + 59 days of January and February).
    expect(await evalEach(conn, ['45717', '45717.75', '45658', '2025', '123456', '19999'], (v) => dateExpr(v))).toEqual(['2025-03-01', '2025-03-01', '2025-01-01', null, null, null]);
  });
  it('gives NULL for what is not a date', async () => {
    expect(await evalEach(conn, ['2025-02-30', '2025-13-01', 'abc', '05/03/25', '1-2-3', '', null, '32/01/2025'], (v) => dateExpr(v, 'dmy'))).toEqual([null, null, null, null, null, null, null, null]);
  });
});

describe('timestampExpr', () => {
  it('reads times with or without seconds, T or space, and dates alone as midnight', async () => {
    const got = await evalEach(conn, ['2025-03-05 14:30', '2025-03-05T14:30:15', '2025/3/5 9:05', '2025年3月5日 14:30', '2025-03-05', '05/03/2025 14:30', '45717.5', '20250305'], (v) => timestampExpr(v, 'dmy'));
    expect(got).toEqual(['2025-03-05 14:30:00', '2025-03-05 14:30:15', '2025-03-05 09:05:00', '2025-03-05 14:30:00', '2025-03-05 00:00:00', '2025-03-05 14:30:00', '2025-03-01 12:00:00', '2025-03-05 00:00:00']);
  });
  it('gives NULL for an impossible time', async () => {
    expect(await evalEach(conn, ['2025-03-05 25:00', 'yesterday'], (v) => timestampExpr(v))).toEqual([null, null]);
  });
});

describe('day/month order of a column', () => {
  async function stats(values: string[]): Promise<DayMonthStats> {
    const src = `(SELECT row_number() OVER () + 1 AS __row, v FROM (SELECT unnest($vals::VARCHAR[]) AS v))`;
    const [s] = await rows<DayMonthStats & Record<string, unknown>>(conn, dayMonthStatsSql(src, 'v'), { vals: `[${values.map((v) => `"${v}"`).join(',')}]` });
    return s!;
  }
  it('a first part above 12 means day first', async () => {
    const s = await stats(['03/04/2025', '25/03/2025', '2025-01-01']);
    expect(decideDayMonth(s)).toEqual({ order: 'dmy', decided: true });
    expect([s.row_a, s.raw_a]).toEqual([3, '25/03/2025']);
  });
  it('a second part above 12 means month first', async () => {
    expect(decideDayMonth(await stats(['03/04/2025', '12/31/2025']))).toEqual({ order: 'mdy', decided: true });
  });
  it('both is refused, and so is a column where nothing decides', async () => {
    expect(decideDayMonth(await stats(['13/01/2025', '01/13/2025']))).toEqual({ refuse: 'both' });
    expect(decideDayMonth(await stats(['03/04/2025', '05/06/2025']))).toEqual({ refuse: 'ambiguous' });
  });
  it('dates equal both ways (3/3) need no decision', async () => {
    expect(decideDayMonth(await stats(['03/03/2025', '7.7.2025']))).toEqual({ order: 'dmy', decided: false });
    expect(decideDayMonth(await stats(['2025-03-04']))).toEqual({ order: 'dmy', decided: false });
  });
});
