// Order lines for drill-down: every line (cancelled ones too, with their status) in the period,
// filters and scope, keyset-paged on (order_date, order_id, line_no); as JSON rows or an Arrow stream.
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type { Scope } from '../auth/types.ts';
import { rows } from '../db/query.ts';
import { badRequest } from '../errors.ts';
import { actualRange, varcharList, whereClause, type ResolvedFilters, type SqlFragment } from './filters.ts';
import { addDays, maxDate, minDate } from './periods.ts';
import { LINE_COLUMNS, ROSTER_INTERVALS_SQL } from './sources.ts';

/** Every order line with team and region as of its date (the roster row valid then, else its own). */
export const ALL_LINES_SQL = `SELECT o.*, coalesce(r.team, o.team) AS line_team, coalesce(r.region, o.region) AS line_region
  FROM orders o
  LEFT JOIN (${ROSTER_INTERVALS_SQL}) r ON o.rep_id = r.rep_id AND o.order_date >= r.valid_from AND o.order_date < r.valid_to`;

const COLUMNS = { ...LINE_COLUMNS, team: 'l.line_team', region: 'l.line_region' };

/** The answer's columns, cast for JSON and Arrow alike (money rounded to cents). */
const SELECT = `CAST(l.order_id AS VARCHAR) AS "orderId",
       CAST(l.line_no AS INTEGER) AS "lineNo",
       l.order_date AS "orderDate",
       l.customer_id AS "customerId",
       coalesce(c.name, l.customer_name) AS "customerName",
       l.rep_id AS "repId",
       p.name AS "repName",
       l.line_team AS "team",
       l.line_region AS "region",
       l.sku AS "sku",
       l.product_name AS "productName",
       l.category AS "category",
       l.channel AS "channel",
       CAST(l.quantity AS DOUBLE) AS "quantity",
       CAST(round(l.unit_price, 2) AS DOUBLE) AS "unitPrice",
       CAST(l.discount AS DOUBLE) AS "discount",
       CAST(round(l.amount, 2) AS DOUBLE) AS "amount",
       l.status AS "status",
       l.original_order_id AS "originalOrderId"`;

export interface Cursor {
  date: string;
  orderId: string;
  lineNo: number;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.date, c.orderId, c.lineNo]), 'utf8').toString('base64url');
}

export function decodeCursor(text: string): Cursor {
  try {
    const v = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 3 && typeof v[0] === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v[0]) && typeof v[1] === 'string' && Number.isInteger(v[2])) {
      return { date: v[0], orderId: v[1], lineNo: v[2] as number };
    }
  } catch {
    // Falls through to the 400 below.
  }
  throw badRequest('"cursor" is not a cursor this server gave out.', [{ parameter: 'cursor', message: 'malformed' }]);
}

export interface OrdersQuery {
  customers: string[];
  cursor: Cursor | null;
  /** Rows per page; null = every row (Arrow streams). */
  limit: number | null;
  order: 'asc' | 'desc';
  /** Rows to skip before the page (used only to find where a page ends). */
  offset?: number;
  /** Only lines of these days as well (a first, narrower try at a page: see ordersPage). */
  within?: { start: string; end: string };
}

/** The SQL of a page: lines in the period, filters and scope, after the cursor, in key order. */
export function ordersSql(f: ResolvedFilters, scope: Scope, q: OrdersQuery): SqlFragment {
  const w = whereClause(COLUMNS, actualRange(f.current), f.dims, scope);
  const params: Record<string, DuckDBValue> = { ...w.params };
  const parts = [w.sql];
  if (q.within) {
    parts.push('l.order_date BETWEEN CAST($withinStart AS DATE) AND CAST($withinEnd AS DATE)');
    Object.assign(params, { withinStart: q.within.start, withinEnd: q.within.end });
  }
  if (q.customers.length > 0) {
    parts.push('list_contains($customers, l.customer_id)');
    params.customers = varcharList(q.customers);
  }
  const key = '(l.order_date, l.order_id, coalesce(l.line_no, -1))';
  if (q.cursor) {
    parts.push(`${key} ${q.order === 'asc' ? '>' : '<'} (CAST($cursorDate AS DATE), $cursorOrder, $cursorLine)`);
    Object.assign(params, { cursorDate: q.cursor.date, cursorOrder: q.cursor.orderId, cursorLine: q.cursor.lineNo });
  }
  if (q.limit !== null) params.limit = q.limit;
  if (q.offset) params.offset = q.offset;
  const dir = q.order === 'asc' ? 'ASC' : 'DESC';
  const orderBy = `ORDER BY l.order_date ${dir}, l.order_id ${dir}, coalesce(l.line_no, -1) ${dir}`;
  // The page is cut first and only its customers' names are looked up: naming all 150,000
  // customers for a page of 200 lines took half the query.
  return {
    sql: `WITH page AS (
  SELECT l.* FROM (${ALL_LINES_SQL}) l
  WHERE ${parts.join('\n    AND ')}
  ${orderBy}${q.limit === null ? '' : ' LIMIT $limit'}${q.offset ? ' OFFSET $offset' : ''}
)
SELECT ${SELECT}
FROM page l
LEFT JOIN (SELECT customer_id, any_value(name) AS name FROM customers WHERE customer_id IN (SELECT customer_id FROM page) GROUP BY customer_id) c
  ON c.customer_id = l.customer_id
LEFT JOIN (SELECT rep_id, arg_max(name, valid_from) AS name FROM reps GROUP BY rep_id) p ON p.rep_id = l.rep_id
${orderBy}`,
    params,
  };
}

export interface OrderLine {
  orderId: string;
  lineNo: number | null;
  orderDate: string;
  customerId: string | null;
  customerName: string | null;
  repId: string;
  repName: string | null;
  team: string | null;
  region: string | null;
  sku: string | null;
  productName: string | null;
  category: string | null;
  channel: string | null;
  quantity: number | null;
  unitPrice: number | null;
  discount: number | null;
  amount: number;
  status: string;
  originalOrderId: string | null;
}

export interface OrdersPage {
  asOf: string;
  rows: OrderLine[];
  nextCursor: string | null;
}

export function cursorAfter(line: Pick<OrderLine, 'orderDate' | 'orderId' | 'lineNo'>): string {
  return encodeCursor({ date: line.orderDate, orderId: line.orderId, lineNo: line.lineNo ?? -1 });
}

/** Days of the first try at a page: a month of lines usually fills it (a quarter of 10M lines holds 1.2 million). */
export const FIRST_TRY_DAYS = 31;

/**
 * The days a page starts with, in its order, from the cursor (or the period's edge): FIRST_TRY_DAYS
 * of them, or null when they would cover the whole period anyway.
 */
export function firstDays(f: ResolvedFilters, q: Pick<OrdersQuery, 'cursor' | 'order'>): { start: string; end: string } | null {
  const range = actualRange(f.current);
  if (q.order === 'asc') {
    const start = q.cursor ? maxDate(q.cursor.date, range.start) : range.start;
    const end = addDays(start, FIRST_TRY_DAYS - 1);
    return end >= range.end ? null : { start, end };
  }
  const end = q.cursor ? minDate(q.cursor.date, range.end) : range.end;
  const start = addDays(end, 1 - FIRST_TRY_DAYS);
  return start <= range.start ? null : { start, end };
}

/**
 * One JSON page; asks for one row more than the limit to know whether another page follows.
 * Lines are in date order, so when the first days after the cursor hold that many lines, they
 * are the page: the first try scans those days only, and the whole period only when they fall short.
 */
export async function ordersPage(conn: DuckDBConnection, f: ResolvedFilters, scope: Scope, q: OrdersQuery & { limit: number }): Promise<OrdersPage> {
  const want = { ...q, limit: q.limit + 1 };
  const days = firstDays(f, q);
  let found: Array<OrderLine & Record<string, unknown>> = [];
  if (days) {
    const first = ordersSql(f, scope, { ...want, within: days });
    found = await rows<OrderLine & Record<string, unknown>>(conn, first.sql, first.params);
  }
  if (found.length < want.limit) {
    const built = ordersSql(f, scope, want);
    found = await rows<OrderLine & Record<string, unknown>>(conn, built.sql, built.params);
  }
  const more = found.length > q.limit;
  const page = more ? found.slice(0, q.limit) : found;
  return { asOf: f.asOf, rows: page, nextCursor: more ? cursorAfter(page[page.length - 1]!) : null };
}

/** The cursor after a page of `limit` rows, null when no row follows it (for streamed pages, sent as a header first). */
export async function pageEndCursor(conn: DuckDBConnection, f: ResolvedFilters, scope: Scope, q: OrdersQuery & { limit: number }): Promise<string | null> {
  const built = ordersSql(f, scope, { ...q, limit: 2, offset: q.limit - 1 });
  const found = await rows<OrderLine & Record<string, unknown>>(conn, built.sql, built.params);
  return found.length === 2 ? cursorAfter(found[0]!) : null;
}
