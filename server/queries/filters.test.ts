import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { run } from '../db/query.ts';
import { openTempDb } from '../../test/helpers/app.ts';
import { resolveFilters, whereClause, type DimensionFilters } from './filters.ts';
import { DEFAULT_SETTINGS } from './settings.ts';
import { LINE_COLUMNS, VISIT_COLUMNS } from './sources.ts';

const NO_DIMS: DimensionFilters = { teams: [], regions: [], reps: [], categories: [], channels: [] };

describe('resolveFilters', () => {
  let db: Database;
  let dir: string;
  beforeAll(async () => {
    ({ db, dir } = await openTempDb());
    await db.write((c) =>
      run(
        c,
        `INSERT INTO orders (order_id, order_date, rep_id, amount, status, batch_id) VALUES
         ('a', DATE '2025-03-14', 'R1', 10, 'completed', 'b'), ('b', DATE '2025-02-01', 'R1', 10, 'cancelled', 'b')`,
      ),
    );
  });
  afterAll(async () => {
    await db.close();
    await fs.promises.rm(dir, { recursive: true, force: true });
  });
  const resolve = (query: Record<string, unknown>, settings = DEFAULT_SETTINGS) => db.read((c) => resolveFilters(c, query, settings));

  it('defaults to the as-of month (latest order date) compared with the previous month', async () => {
    const f = await resolve({});
    expect(f.asOf).toBe('2025-03-14');
    expect(f.asOfSource).toBe('data');
    expect(f.current).toEqual({ kind: 'month', label: '2025-03', start: '2025-03-01', end: '2025-03-31', effectiveEnd: '2025-03-14' });
    expect(f.compare).toEqual({ kind: 'month', label: '2025-02', start: '2025-02-01', end: '2025-02-28', effectiveEnd: '2025-02-28' });
    expect(f.lang).toBe('zh');
  });

  it('takes an explicit as-of date, a fiscal quarter and last-year comparison', async () => {
    const f = await resolve({ period: '2024-Q4', asOf: '2025-01-20', compare: 'last_year' }, { ...DEFAULT_SETTINGS, fiscalYearStartMonth: 4 });
    // Fiscal year 2024 starts 2024-04-01, so its Q4 is January–March 2025.
    expect(f.current).toMatchObject({ kind: 'quarter', start: '2025-01-01', end: '2025-03-31', effectiveEnd: '2025-01-20' });
    expect(f.compare).toMatchObject({ label: '2023-Q4', start: '2024-01-01', end: '2024-03-31', effectiveEnd: '2024-03-31' });
  });

  it('takes a custom range, compares with the same number of days before, and normalises dimension lists', async () => {
    const f = await resolve({ from: '2025-03-01', to: '2025-03-10', team: [' B ', 'A', 'B'], compare: 'none' });
    expect(f.current).toMatchObject({ kind: 'custom', start: '2025-03-01', end: '2025-03-10', effectiveEnd: '2025-03-10' });
    expect(f.compare).toBeNull();
    expect(f.dims.teams).toEqual(['A', 'B']);
    const g = await resolve({ from: '2025-03-01', to: '2025-03-10' });
    expect(g.compare).toMatchObject({ start: '2025-02-19', end: '2025-02-28' });
  });

  it('refuses conflicting, incomplete and impossible parameters, naming them', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ period: '2025-03', from: '2025-03-01', to: '2025-03-02' }, 'from'],
      [{ from: '2025-03-01' }, 'to'],
      [{ from: '2025-03-05', to: '2025-03-01' }, 'to'],
      [{ asOf: '2025-02-30' }, 'asOf'],
      [{ from: '2025-02-30', to: '2025-03-01' }, 'from'],
    ];
    for (const [query, parameter] of cases) {
      await expect(resolve(query)).rejects.toMatchObject({ statusCode: 400, details: [{ parameter }] });
    }
  });
});

describe('whereClause', () => {
  const range = { start: '2025-03-01', end: '2025-03-14' };

  it('builds the date, dimension and scope conditions with bound values', () => {
    const w = whereClause(LINE_COLUMNS, range, { ...NO_DIMS, teams: ['T1'], categories: ['A', 'B'] }, { all: false, repIds: ['R2', 'R1'], key: 'k' }, { prefix: 'c_' });
    expect(w.sql).toMatchInlineSnapshot(`
      "l.order_date BETWEEN CAST($c_start AS DATE) AND CAST($c_end AS DATE)
        AND list_contains(CAST($c_teams AS VARCHAR[]), l.team)
        AND list_contains(CAST($c_categories AS VARCHAR[]), l.category)
        AND list_contains(CAST($c_scope AS VARCHAR[]), l.rep_id)"
    `);
    expect(Object.keys(w.params)).toEqual(['c_start', 'c_end', 'c_teams', 'c_categories', 'c_scope']);
  });

  it('adds nothing for an unrestricted scope and FALSE for an empty one', () => {
    expect(whereClause(LINE_COLUMNS, null, NO_DIMS, { all: true, repIds: [], key: 'all' }).sql).toBe('TRUE');
    expect(whereClause(LINE_COLUMNS, null, NO_DIMS, { all: false, repIds: [], key: 'none' }).sql).toBe('FALSE');
  });

  it('refuses a dimension the source does not have unless told to ignore it', () => {
    const dims = { ...NO_DIMS, channels: ['直销'] };
    expect(() => whereClause(VISIT_COLUMNS, range, dims, { all: true, repIds: [], key: 'all' })).toThrow(/channel/);
    expect(whereClause(VISIT_COLUMNS, range, dims, { all: true, repIds: [], key: 'all' }, { ignore: ['channels'] }).sql).not.toMatch(/channel/);
  });
});
