// Number, money, whole-number and discount builders run in DuckDB on hand-written inputs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { rows } from '../../server/db/query.ts';
import { conventionEvidenceSql, discountExpr, integerExpr, numberExpr } from './numbers.ts';
import { evalEach, memoryConnection } from './testing.ts';

let db: Awaited<ReturnType<typeof memoryConnection>>;
let conn: DuckDBConnection;
beforeAll(async () => { db = await memoryConnection(); conn = db.conn; });
afterAll(() => db.close());

describe('numberExpr', () => {
  it('reads plain, grouped and signed numbers', async () => {
    const got = await evalEach(conn, ['1234.56', '1,234.56', '-12', '+3.5', '.5', '0', '1,234,567.891', '12.34567'], (v) => numberExpr(v));
    expect(got).toEqual(['1234.5600', '1234.5600', '-12.0000', '3.5000', '0.5000', '0.0000', '1234567.8910', '12.3457']);
  });
  it('drops currency signs and words, reads (negatives), % and 万/亿', async () => {
    const got = await evalEach(conn, ['¥1,234.50', '￥88', '$ 12.5', '€3', 'RMB 100', '100元', '1,000.00 CNY', '(1,234.00)', '-¥5', '12%', '1.5万', '2亿', '3万元', '(12%)'], (v) => numberExpr(v));
    expect(got).toEqual(['1234.5000', '88.0000', '12.5000', '3.0000', '100.0000', '100.0000', '1000.0000', '-1234.0000', '-5.0000', '0.1200', '15000.0000', '200000000.0000', '30000.0000', '-0.1200']);
  });
  it('folds full-width digits and signs', async () => {
    expect(await evalEach(conn, ['１２３．５', '－１，２３４', '（５）', '５０％'], (v) => numberExpr(v))).toEqual(['123.5000', '-1234.0000', '-5.0000', '0.5000']);
  });
  it('reads the decimal-comma convention when told', async () => {
    expect(await evalEach(conn, ['1.234,56', '12,5', '1.000.000', '-3,25 €', '7'], (v) => numberExpr(v, 'comma'))).toEqual(['1234.5600', '12.5000', '1000000.0000', '-3.2500', '7.0000']);
  });
  it('refuses malformed grouping and non-numbers', async () => {
    expect(await evalEach(conn, ['1,23,4', '12,5', 'abc', '1.2.3', '(12', '--1', '1e400', 'N/A'], (v) => numberExpr(v))).toEqual([null, null, null, null, null, null, null, null]);
  });
  it('keeps six decimals for fractions', async () => {
    expect(await evalEach(conn, ['12.3456%', '0.123456'], (v) => numberExpr(v, 'dot', 6))).toEqual(['0.123456', '0.123456']);
  });
});

describe('integerExpr', () => {
  it('accepts whole numbers only', async () => {
    expect(await evalEach(conn, ['3', '3.0', '1,200', '3.5', '２', 'x'], (v) => integerExpr(v))).toEqual(['3', '3', '1200', null, '2', null]);
  });
});

describe('discountExpr', () => {
  it('reads fractions and percentages as the fraction off', async () => {
    expect(await evalEach(conn, ['0.1', '0', '10%', '12.5%', '1', '０．２'], (v) => discountExpr(v))).toEqual(['0.100000', '0.000000', '0.100000', '0.125000', '1.000000', '0.200000']);
  });
  it('turns 折 (fraction paid) into the fraction off', async () => {
    expect(await evalEach(conn, ['九折', '9折', '8.5折', '95折', '85折', '八五折', '七折', '9.5 折', '９折'], (v) => discountExpr(v))).toEqual(['0.100000', '0.100000', '0.150000', '0.050000', '0.150000', '0.150000', '0.300000', '0.050000', '0.100000']);
  });
  it('reads the words for no discount as 0 and blank as NULL', async () => {
    expect(await evalEach(conn, ['无', '不打折', 'None', '', null], (v) => discountExpr(v))).toEqual(['0.000000', '0.000000', '0.000000', null, null]);
  });
  it('refuses what is not a discount', async () => {
    expect(await evalEach(conn, ['10', '-0.1', '150%', '十折', '0折', 'abc折', 'half'], (v) => discountExpr(v))).toEqual([null, null, null, null, null, null, null]);
  });
});

describe('decimal convention evidence', () => {
  async function evidence(values: string[]): Promise<{ comma: number; dot: number }> {
    const src = `(SELECT unnest($vals::VARCHAR[]) AS v)`;
    const [r] = await rows(conn, conventionEvidenceSql(src, [{ key: 'a', expr: 'v' }], true), { vals: `[${values.map((v) => `"${v}"`).join(',')}]` });
    return { comma: Number(r!.comma_a), dot: Number(r!.dot_a) };
  }
  it('counts values that only one convention reads sensibly', async () => {
    expect(await evidence(['1.234,56', '12,5', '1.234', '7'])).toEqual({ comma: 2, dot: 0 });
    expect(await evidence(['1,234.56', '12.5', '1,234', '7'])).toEqual({ comma: 0, dot: 2 });
    expect(await evidence(['¥1.234,56', '1,5 €'])).toEqual({ comma: 2, dot: 0 });
  });
});
