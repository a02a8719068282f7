// The actual values of the base metrics (revenue, orders, active and new customers, visits) for a
// date range, filters and scope, optionally per rep, team, region or month. Pure SQL builders pick
// a rollup when it can answer exactly and raw order lines otherwise; actuals() runs them.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Scope } from '../auth/types.ts';
import { rows } from '../db/query.ts';
import { whereClause, type DimensionFilters, type FactColumns, type SqlFragment } from './filters.ts';
import { isWholeMonths, monthEnd } from './periods.ts';
import {
  CUSTOMER_MONTH_COLUMNS,
  FIRST_PURCHASE_COLUMNS,
  LINE_COLUMNS,
  ORDERS_MONTH_COLUMNS,
  ORDER_LINES_PLAIN_SQL,
  ORDER_LINES_SQL,
  SALES_MONTH_COLUMNS,
  VISITS_DAY_COLUMNS,
} from './sources.ts';

export const BASE_METRICS = ['revenue', 'orders', 'active_customers', 'new_customers', 'visits'] as const;
export type BaseMetric = (typeof BASE_METRICS)[number];
export type GroupBy = 'none' | 'rep' | 'team' | 'region' | 'month';

export interface ActualQuery {
  metric: BaseMetric;
  range: { start: string; end: string };
  dims: DimensionFilters;
  scope: Scope;
  groupBy: GroupBy;
  /** The latest order date: a range ending on or after it covers its last month whole. */
  dataEnd: string | null;
  /** Force raw lines (tests compare both paths). */
  raw?: boolean;
  /** Prefix of the bound parameter names, so several queries can share one statement (actualsMany). */
  prefix?: string;
}

export interface BuiltQuery extends SqlFragment {
  source: 'rollup' | 'raw';
}

function keyExpr(cols: FactColumns, groupBy: GroupBy): string {
  switch (groupBy) {
    case 'none':
      return "''";
    case 'rep':
      return cols.rep;
    case 'team':
      return `coalesce(${cols.team}, '')`;
    case 'region':
      return `coalesce(${cols.region}, '')`;
    case 'month':
      return `strftime(${cols.date}, '%Y-%m')`;
  }
}

/** Whether month-grain rollups answer the range exactly: whole months, or the data ends inside the last one. */
export function monthRollupCovers(range: { start: string; end: string }, dataEnd: string | null): boolean {
  if (range.end < range.start) return true;
  const end = dataEnd === null || range.end >= dataEnd ? monthEnd(range.end) : range.end;
  return isWholeMonths(range.start, end);
}

/** Raw lines need the roster only to resolve team or region. */
function linesSql(q: ActualQuery): string {
  const org = q.groupBy === 'team' || q.groupBy === 'region' || q.dims.teams.length > 0 || q.dims.regions.length > 0;
  return org ? ORDER_LINES_SQL : ORDER_LINES_PLAIN_SQL;
}

const grouped = (groupBy: GroupBy) => (groupBy === 'none' ? '' : '\nGROUP BY 1');

/** The SQL of one metric: columns key (VARCHAR) and value (number). */
export function actualSql(q: ActualQuery): BuiltQuery {
  const noCatChan = q.dims.categories.length === 0 && q.dims.channels.length === 0;
  const monthly = !q.raw && monthRollupCovers(q.range, q.dataEnd);
  switch (q.metric) {
    case 'revenue': {
      if (monthly) {
        const w = whereClause(SALES_MONTH_COLUMNS, q.range, q.dims, q.scope, { prefix: q.prefix });
        return {
          source: 'rollup',
          sql: `SELECT ${keyExpr(SALES_MONTH_COLUMNS, q.groupBy)} AS key, CAST(coalesce(sum(s.revenue), 0) AS DECIMAL(18,4)) AS value
FROM rollup_sales_month s
WHERE ${w.sql}${grouped(q.groupBy)}`,
          params: w.params,
        };
      }
      const w = whereClause(LINE_COLUMNS, q.range, q.dims, q.scope, { prefix: q.prefix });
      return {
        source: 'raw',
        sql: `SELECT ${keyExpr(LINE_COLUMNS, q.groupBy)} AS key, CAST(coalesce(sum(l.amount), 0) AS DECIMAL(18,4)) AS value
FROM (${linesSql(q)}) l
WHERE ${w.sql}${grouped(q.groupBy)}`,
        params: w.params,
      };
    }
    case 'orders': {
      if (monthly && noCatChan) {
        const w = whereClause(ORDERS_MONTH_COLUMNS, q.range, q.dims, q.scope, { prefix: q.prefix });
        return {
          source: 'rollup',
          sql: `SELECT ${keyExpr(ORDERS_MONTH_COLUMNS, q.groupBy)} AS key, coalesce(sum(om.orders), 0) AS value
FROM rollup_orders_month om
WHERE ${w.sql}${grouped(q.groupBy)}`,
          params: w.params,
        };
      }
      // An order counts once per rep and month in which its lines (after the filters) sum to > 0.
      const w = whereClause(LINE_COLUMNS, q.range, q.dims, q.scope, { prefix: q.prefix });
      return {
        source: 'raw',
        sql: `SELECT ${q.groupBy === 'none' ? "''" : 'key'} AS key, count(*) FILTER (WHERE revenue > 0) AS value
FROM (
  SELECT ${keyExpr(LINE_COLUMNS, q.groupBy)} AS key, date_trunc('month', l.order_date) AS month, l.rep_id, l.team, l.region, l.order_id,
         sum(l.amount) AS revenue
  FROM (${linesSql(q)}) l
  WHERE ${w.sql}
  GROUP BY ALL
)${q.groupBy === 'none' ? '' : '\nGROUP BY key'}`,
        params: w.params,
      };
    }
    case 'active_customers': {
      if (monthly && noCatChan) {
        const w = whereClause(CUSTOMER_MONTH_COLUMNS, q.range, q.dims, q.scope, { prefix: q.prefix });
        return {
          source: 'rollup',
          sql: `SELECT ${keyExpr(CUSTOMER_MONTH_COLUMNS, q.groupBy)} AS key, count(DISTINCT cm.customer_id) FILTER (WHERE cm.purchase_lines > 0) AS value
FROM rollup_customer_rep_month cm
WHERE ${w.sql}${grouped(q.groupBy)}`,
          params: w.params,
        };
      }
      const w = whereClause(LINE_COLUMNS, q.range, q.dims, q.scope, { prefix: q.prefix });
      return {
        source: 'raw',
        sql: `SELECT ${keyExpr(LINE_COLUMNS, q.groupBy)} AS key, count(DISTINCT l.customer_id) FILTER (WHERE l.amount > 0) AS value
FROM (${linesSql(q)}) l
WHERE ${w.sql}${grouped(q.groupBy)}`,
        params: w.params,
      };
    }
    case 'new_customers': {
      // The first-purchase table holds day, rep, team, region, category and channel: it answers every filter.
      const w = whereClause(FIRST_PURCHASE_COLUMNS, q.range, q.dims, q.scope, { prefix: q.prefix });
      return {
        source: 'rollup',
        sql: `SELECT ${keyExpr(FIRST_PURCHASE_COLUMNS, q.groupBy)} AS key, count(*) AS value
FROM rollup_first_purchase fp
WHERE ${w.sql}${grouped(q.groupBy)}`,
        params: w.params,
      };
    }
    case 'visits': {
      // Visits carry no category or channel: those filters do not narrow them.
      const w = whereClause(VISITS_DAY_COLUMNS, q.range, q.dims, q.scope, { ignore: ['categories', 'channels'], prefix: q.prefix });
      return {
        source: 'rollup',
        sql: `SELECT ${keyExpr(VISITS_DAY_COLUMNS, q.groupBy)} AS key, coalesce(sum(vd.visits), 0) AS value
FROM rollup_visits_day vd
WHERE ${w.sql}${grouped(q.groupBy)}`,
        params: w.params,
      };
    }
  }
}

/** Runs actualSql: key → value (groupBy 'none' answers the single key ''). */
export async function actuals(conn: DuckDBConnection, q: ActualQuery): Promise<Map<string, number>> {
  const built = actualSql(q);
  const found = await rows<{ key: string; value: number }>(conn, built.sql, built.params);
  return new Map(found.map((r) => [r.key, Number(r.value)]));
}

export async function total(conn: DuckDBConnection, q: Omit<ActualQuery, 'groupBy'>): Promise<number> {
  return (await actuals(conn, { ...q, groupBy: 'none' })).get('') ?? 0;
}

/**
 * Several grouped queries in one round trip: one Map per query, as actuals() gives them. Values pass
 * as DECIMAL(38,4), which holds every count and money sum exactly, so they convert as before.
 */
export async function actualsMany(conn: DuckDBConnection, queries: ReadonlyArray<Omit<ActualQuery, 'prefix'>>): Promise<Array<Map<string, number>>> {
  if (queries.length === 0) return [];
  const parts = queries.map((q, i) => actualSql({ ...q, prefix: `m${i}_` }));
  const sql = parts.map((b, i) => `SELECT ${i} AS q, key, CAST(value AS DECIMAL(38,4)) AS value FROM (\n${b.sql}\n)`).join('\nUNION ALL\n');
  const found = await rows<{ q: number; key: string; value: number }>(conn, sql, Object.assign({}, ...parts.map((b) => b.params)));
  const out = queries.map(() => new Map<string, number>());
  for (const r of found) out[r.q]!.set(r.key, Number(r.value));
  return out;
}
