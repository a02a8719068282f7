// The customer list (owner, tier, first and last purchase, last visit, 12-month revenue and its
// monthly trend; paged, sortable, searchable) and one customer's page, for the customers of the
// reps the caller may see (metrics.md "whose customer").
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { ALL_SCOPE } from '../auth/scope.ts';
import type { Scope } from '../auth/types.ts';
import { one, rows } from '../db/query.ts';
import { notFound } from '../errors.ts';
import { NO_DIMS, customerSet, dateWhere, inSet, setCte, type CustomerSet } from './customer-set.ts';
import { varcharList, type ResolvedFilters, type SqlFragment } from './filters.ts';
import { cents, round } from './numbers.ts';
import { addMonths, monthStart, monthsIn } from './periods.ts';
import { PURCHASE_STATS_SQL, monthTablesExact, precomputedAsOf, statsExact, type SourceMode } from './purchase-stats.ts';
import { ALL_LINES_SQL } from './orders.ts';

export const CUSTOMER_SORTS = ['name', 'customerId', 'tier', 'owner', 'firstPurchase', 'lastPurchase', 'lastVisit', 'revenue12m'] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];

const SORT_SQL: Record<CustomerSort, string> = {
  name: 'name',
  customerId: 'customer_id',
  tier: 'tier',
  owner: 'owner_name',
  firstPurchase: 'first_purchase',
  lastPurchase: 'last_purchase',
  lastVisit: 'last_visit',
  revenue12m: 'revenue_12m',
};

export interface CustomerListQuery {
  search: string | null;
  tier: string | null;
  sort: CustomerSort;
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

/** The 12 calendar months ending with the as-of month (the last one up to the as-of date). */
export function twelveMonths(asOf: string): { start: string; end: string; months: string[] } {
  const start = addMonths(monthStart(asOf), -11);
  return { start, end: asOf, months: monthsIn(start, asOf) };
}

interface Sources {
  set: CustomerSet;
  /** customer_stats answers as of the as-of date. */
  stats: boolean;
  /** customer_month answers up to the as-of date. */
  months: boolean;
  /** customer_list holds every row as of the as-of date (it is the tables' as-of date). */
  list?: boolean;
}

/** The list columns of customer_list rows (alias cl), dates as text. */
const LIST_COLUMNS = `cl.customer_id, cl.name, cl.tier, cl.segment, cl.industry, cl.region, cl.owner_rep_id, cl.owner_name,
         CAST(cl.created_date AS VARCHAR) AS created_date, CAST(cl.first_purchase AS VARCHAR) AS first_purchase,
         CAST(cl.last_purchase AS VARCHAR) AS last_purchase, cl.purchases, cl.median_gap_days,
         CAST(cl.last_visit AS VARCHAR) AS last_visit, cl.revenue_12m`;

const CUSTOMER_ATTRS = `SELECT customer_id, any_value(name) AS name, any_value(tier) AS tier, any_value(segment) AS segment,
         any_value(industry) AS industry, any_value(region) AS region, any_value(owner_rep_id) AS owner_rep_id,
         any_value(created_date) AS created_date
  FROM customers GROUP BY customer_id`;

const REP_NAMES = `SELECT rep_id, arg_max(name, valid_from) AS name FROM reps GROUP BY rep_id`;

/** Every customer of the set with its list columns (the CTEs of the list and the detail header). */
function customerRowsSql(asOf: string, s: Sources): SqlFragment {
  if (s.list) {
    return {
      sql: `${setCte(s.set)}listed AS (
  SELECT ${LIST_COLUMNS} FROM customer_list cl WHERE TRUE${inSet(s.set, 'cl.customer_id')}
)`,
      params: { ...s.set.params },
    };
  }
  const window = twelveMonths(asOf);
  const m12 = s.months
    ? dateWhere({ date: 'cm.month', rep: 'NULL' }, { start: window.start, end: window.end }, 'm12_')
    : dateWhere({ date: 'o.order_date', rep: 'o.rep_id' }, window, 'm12_');
  const known = s.stats
    ? `SELECT customer_id FROM customer_stats`
    : `SELECT customer_id FROM customers
     UNION SELECT customer_id FROM orders WHERE customer_id IS NOT NULL AND order_date <= CAST($asOf AS DATE)
     UNION SELECT customer_id FROM visits WHERE CAST(visit_at AS DATE) <= CAST($asOf AS DATE)`;
  const stats = s.stats
    ? `SELECT customer_id, first_purchase, last_purchase, purchase_days, median_gap_days FROM customer_stats`
    : PURCHASE_STATS_SQL(`order_date <= CAST($asOf AS DATE)${inSet(s.set, 'customer_id')}`);
  const revenue = s.months
    ? `SELECT cm.customer_id, sum(cm.revenue) AS revenue FROM customer_month cm WHERE ${m12.sql} GROUP BY cm.customer_id`
    : `SELECT o.customer_id, sum(o.amount) AS revenue FROM orders o
     WHERE o.customer_id IS NOT NULL AND o.status <> 'cancelled' AND ${m12.sql} GROUP BY o.customer_id`;
  return {
    sql: `${setCte(s.set)}known AS (
  SELECT customer_id FROM (${known}) k WHERE TRUE${inSet(s.set, 'k.customer_id')}
),
st AS (
  ${stats}
),
m12 AS (
  ${revenue}
),
lv AS (
  SELECT customer_id, max(CAST(visit_at AS DATE)) AS last_visit FROM visits
  WHERE CAST(visit_at AS DATE) <= CAST($asOf AS DATE) GROUP BY customer_id
),
attrs AS (
  ${CUSTOMER_ATTRS}
),
rep_names AS (
  ${REP_NAMES}
),
listed AS (
  SELECT k.customer_id, coalesce(a.name, k.customer_id) AS name, a.tier, a.segment, a.industry, a.region,
         a.owner_rep_id, rn.name AS owner_name, CAST(a.created_date AS VARCHAR) AS created_date,
         CAST(st.first_purchase AS VARCHAR) AS first_purchase, CAST(st.last_purchase AS VARCHAR) AS last_purchase,
         coalesce(st.purchase_days, 0) AS purchases, st.median_gap_days,
         CAST(lv.last_visit AS VARCHAR) AS last_visit, CAST(coalesce(m12.revenue, 0) AS DECIMAL(18,4)) AS revenue_12m
  FROM known k
  LEFT JOIN attrs a USING (customer_id)
  LEFT JOIN st USING (customer_id)
  LEFT JOIN m12 USING (customer_id)
  LEFT JOIN lv USING (customer_id)
  LEFT JOIN rep_names rn ON rn.rep_id = a.owner_rep_id
)`,
    params: { ...s.set.params, ...m12.params, asOf },
  };
}

/** One page of the list, sorted (nulls last, then by id) and filtered by search text and tier. */
export function customerListSql(asOf: string, s: Sources, q: CustomerListQuery): SqlFragment {
  const base = customerRowsSql(asOf, s);
  const where: string[] = [];
  const params: Record<string, DuckDBValue> = { ...base.params, limit: q.pageSize, offset: (q.page - 1) * q.pageSize };
  if (q.search) {
    where.push('(contains(lower(name), lower($search)) OR contains(lower(customer_id), lower($search)))');
    params.search = q.search;
  }
  if (q.tier) {
    where.push('tier = $tier');
    params.tier = q.tier;
  }
  const dir = q.order === 'asc' ? 'ASC' : 'DESC';
  if (s.list && s.set.everyone) {
    // Every stored row: the page is cut by the sort column alone and only its rows are read whole
    // (DuckDB's late materialisation of ORDER BY … LIMIT); the count reads no column but the filters'.
    const filters = where.map((w) => ` AND ${w}`).join('');
    return {
      sql: `WITH page AS (
  SELECT ${LIST_COLUMNS} FROM customer_list cl WHERE TRUE${filters}
  ORDER BY cl.${SORT_SQL[q.sort]} ${dir} NULLS LAST, cl.customer_id ASC LIMIT $limit OFFSET $offset
),
total AS (SELECT count(*) AS total FROM customer_list WHERE TRUE${filters})
SELECT page.*, total.total FROM page CROSS JOIN total
ORDER BY page.${SORT_SQL[q.sort]} ${dir} NULLS LAST, page.customer_id ASC`,
      params,
    };
  }
  if (s.list) {
    // The customers of a set are few: filter them once, then count and sort them.
    return {
      sql: `WITH ${setCte(s.set)}filtered AS (
  SELECT * FROM customer_list WHERE TRUE${inSet(s.set, 'customer_id')}${where.map((w) => ` AND ${w}`).join('')}
),
total AS (SELECT count(*) AS total FROM filtered),
cl AS (SELECT * FROM filtered ORDER BY ${SORT_SQL[q.sort]} ${dir} NULLS LAST, customer_id ASC LIMIT $limit OFFSET $offset)
SELECT ${LIST_COLUMNS}, total.total FROM cl CROSS JOIN total
ORDER BY cl.${SORT_SQL[q.sort]} ${dir} NULLS LAST, cl.customer_id ASC`,
      params,
    };
  }
  return {
    sql: `WITH ${base.sql}
SELECT *, count(*) OVER () AS total FROM listed
${where.length ? `WHERE ${where.join(' AND ')}` : ''}
ORDER BY ${SORT_SQL[q.sort]} ${dir} NULLS LAST, customer_id ASC
LIMIT $limit OFFSET $offset`,
    params,
  };
}

/** Net revenue per customer and month over the 12 months, for the listed customers only. */
export function monthlyRevenueSql(asOf: string, ids: string[], months: boolean): SqlFragment {
  const window = twelveMonths(asOf);
  if (months) {
    const w = dateWhere({ date: 'cm.month', rep: 'NULL' }, window, 'tr_');
    // One bound parameter per id: an IN list of values filters inside the scan, which a list
    // unnested in a subquery does not (a page is at most a few hundred ids).
    const idParams = Object.fromEntries(ids.map((id, i) => [`tr_id${i}`, id]));
    return {
      sql: `SELECT cm.customer_id, strftime(cm.month, '%Y-%m') AS month, CAST(cm.revenue AS DECIMAL(18,4)) AS revenue
FROM customer_month cm WHERE cm.customer_id IN (${ids.map((_, i) => `$tr_id${i}`).join(', ')}) AND ${w.sql}`,
      params: { ...w.params, ...idParams },
    };
  }
  const w = dateWhere({ date: 'o.order_date', rep: 'o.rep_id' }, window, 'tr_');
  return {
    sql: `SELECT o.customer_id, strftime(o.order_date, '%Y-%m') AS month, CAST(sum(o.amount) AS DECIMAL(18,4)) AS revenue
FROM orders o WHERE list_contains($ids, o.customer_id) AND o.status <> 'cancelled' AND ${w.sql}
GROUP BY ALL`,
    params: { ...w.params, ids: varcharList(ids) },
  };
}

interface ListedRow {
  customer_id: string;
  name: string;
  tier: string | null;
  segment: string | null;
  industry: string | null;
  region: string | null;
  owner_rep_id: string | null;
  owner_name: string | null;
  created_date: string | null;
  first_purchase: string | null;
  last_purchase: string | null;
  purchases: number;
  median_gap_days: number | null;
  last_visit: string | null;
  revenue_12m: number;
  total?: number;
}

export interface CustomerSummary {
  customerId: string;
  name: string;
  tier: string | null;
  segment: string | null;
  ownerRepId: string | null;
  ownerName: string | null;
  firstPurchase: string | null;
  lastPurchase: string | null;
  lastVisit: string | null;
  revenue12m: number;
  /** Net revenue of each of the 12 months ending with the as-of month, oldest first. */
  trend: number[];
}

export interface CustomerListAnswer {
  asOf: string;
  months: string[];
  total: number;
  page: number;
  pageSize: number;
  rows: CustomerSummary[];
}

export interface CustomerOptions {
  source?: SourceMode;
}

async function sourcesFor(conn: DuckDBConnection, f: ResolvedFilters, scope: Scope, opts: CustomerOptions): Promise<Sources> {
  const statsAsOf = opts.source === 'raw' ? null : await precomputedAsOf(conn);
  const months = monthTablesExact(statsAsOf, f.dataEnd, f.asOf);
  const stats = statsExact(statsAsOf, f.dataEnd, f.asOf);
  return { set: customerSet(f.asOf, f.dims, scope, months), stats, months, list: stats && f.asOf === statsAsOf };
}

async function trends(conn: DuckDBConnection, asOf: string, ids: string[], months: boolean): Promise<Map<string, number[]>> {
  const window = twelveMonths(asOf);
  const out = new Map(ids.map((id) => [id, window.months.map(() => 0)]));
  if (ids.length === 0) return out;
  const built = monthlyRevenueSql(asOf, ids, months);
  for (const r of await rows<{ customer_id: string; month: string; revenue: number }>(conn, built.sql, built.params)) {
    const i = window.months.indexOf(r.month);
    const series = out.get(r.customer_id);
    if (series && i >= 0) series[i] = cents(Number(r.revenue));
  }
  return out;
}

function summary(r: ListedRow, trend: number[]): CustomerSummary {
  return {
    customerId: r.customer_id,
    name: r.name,
    tier: r.tier,
    segment: r.segment,
    ownerRepId: r.owner_rep_id,
    ownerName: r.owner_name,
    firstPurchase: r.first_purchase,
    lastPurchase: r.last_purchase,
    lastVisit: r.last_visit,
    revenue12m: cents(Number(r.revenue_12m)),
    trend,
  };
}

export async function customerList(
  conn: DuckDBConnection,
  f: ResolvedFilters,
  scope: Scope,
  q: CustomerListQuery,
  opts: CustomerOptions = {},
): Promise<CustomerListAnswer> {
  const s = await sourcesFor(conn, f, scope, opts);
  const built = customerListSql(f.asOf, s, q);
  const found = await rows<ListedRow & Record<string, unknown>>(conn, built.sql, built.params);
  const series = await trends(conn, f.asOf, found.map((r) => r.customer_id), s.months);
  return {
    asOf: f.asOf,
    months: twelveMonths(f.asOf).months,
    total: found[0]?.total ?? 0,
    page: q.page,
    pageSize: q.pageSize,
    rows: found.map((r) => summary(r, series.get(r.customer_id)!)),
  };
}

/** Whether a customer exists (customer file or facts) and is one of the caller's customers. */
export async function customerVisible(conn: DuckDBConnection, f: ResolvedFilters, scope: Scope, customerId: string): Promise<boolean> {
  // customer_links answers for any as-of date once refreshed after the last change of the orders.
  const statsAsOf = await precomputedAsOf(conn);
  const set = customerSet(f.asOf, NO_DIMS, scope, statsAsOf !== null && statsAsOf === f.dataEnd);
  const found = await one<{ n: number }>(
    conn,
    `WITH ${setCte(set)}known AS (
  SELECT customer_id FROM customers WHERE customer_id = $id
  UNION SELECT customer_id FROM orders WHERE customer_id = $id
  UNION SELECT customer_id FROM visits WHERE customer_id = $id
)
SELECT count(*) AS n FROM known WHERE TRUE${inSet(set, 'customer_id')}`,
    { ...set.params, id: customerId },
  );
  return (found?.n ?? 0) > 0;
}

export interface CustomerDetail extends CustomerSummary {
  industry: string | null;
  region: string | null;
  createdDate: string | null;
  purchases: number;
  medianGapDays: number | null;
  months: string[];
  orders: CustomerLine[];
  ordersTotal: number;
  visits: CustomerVisit[];
  visitsTotal: number;
}

export interface CustomerLine {
  orderId: string;
  lineNo: number | null;
  orderDate: string;
  repId: string;
  sku: string | null;
  productName: string | null;
  category: string | null;
  channel: string | null;
  quantity: number | null;
  unitPrice: number | null;
  discount: number | null;
  amount: number;
  status: string;
}

export interface CustomerVisit {
  visitId: string;
  at: string;
  repId: string;
  type: string;
  outcome: string | null;
  durationMin: number | null;
  nextStepDate: string | null;
  notes: string | null;
}

const HISTORY_LIMIT = 500;

/** One customer's header, order lines (all reps, newest first) and visits up to the as-of date; 404 outside the caller's customers. */
export async function customerDetail(
  conn: DuckDBConnection,
  f: ResolvedFilters,
  scope: Scope,
  customerId: string,
  opts: CustomerOptions = {},
): Promise<CustomerDetail> {
  if (!(await customerVisible(conn, f, scope, customerId))) throw notFound(`No customer ${customerId}.`);
  const s = await sourcesFor(conn, { ...f, dims: NO_DIMS }, ALL_SCOPE, opts);
  const base = customerRowsSql(f.asOf, s);
  const header = await one<ListedRow & Record<string, unknown>>(conn, `WITH ${base.sql}\nSELECT * FROM listed WHERE customer_id = $id`, {
    ...base.params,
    id: customerId,
  });
  if (!header) throw notFound(`No customer ${customerId}.`);
  const series = await trends(conn, f.asOf, [customerId], s.months);
  const upTo = dateWhere({ date: 'l.order_date', rep: 'l.rep_id' }, { start: '1900-01-01', end: f.asOf }, 'h_');
  const orders = await rows<CustomerLine & { total: number } & Record<string, unknown>>(
    conn,
    `SELECT CAST(l.order_id AS VARCHAR) AS "orderId", CAST(l.line_no AS INTEGER) AS "lineNo", CAST(l.order_date AS VARCHAR) AS "orderDate",
            l.rep_id AS "repId", l.sku AS "sku", l.product_name AS "productName", l.category AS "category", l.channel AS "channel",
            CAST(l.quantity AS DOUBLE) AS "quantity", CAST(round(l.unit_price, 2) AS DOUBLE) AS "unitPrice",
            CAST(l.discount AS DOUBLE) AS "discount", CAST(round(l.amount, 2) AS DOUBLE) AS "amount", l.status AS "status",
            count(*) OVER () AS total
     FROM (${ALL_LINES_SQL}) l
     WHERE l.customer_id = $id AND ${upTo.sql}
     ORDER BY l.order_date DESC, l.order_id DESC, coalesce(l.line_no, -1) DESC
     LIMIT $limit`,
    { ...upTo.params, id: customerId, limit: HISTORY_LIMIT },
  );
  const visitsUpTo = dateWhere({ date: 'CAST(v.visit_at AS DATE)', rep: 'v.rep_id' }, { start: '1900-01-01', end: f.asOf }, 'hv_');
  const visits = await rows<CustomerVisit & { total: number } & Record<string, unknown>>(
    conn,
    `SELECT v.visit_id AS "visitId", strftime(v.visit_at, '%Y-%m-%dT%H:%M:%S') AS "at", v.rep_id AS "repId", v.type AS "type",
            v.outcome AS "outcome", v.duration_min AS "durationMin", CAST(v.next_step_date AS VARCHAR) AS "nextStepDate", v.notes AS "notes",
            count(*) OVER () AS total
     FROM visits v
     WHERE v.customer_id = $id AND ${visitsUpTo.sql}
     ORDER BY v.visit_at DESC, v.visit_id
     LIMIT $limit`,
    { ...visitsUpTo.params, id: customerId, limit: HISTORY_LIMIT },
  );
  const strip = <T>(list: Array<T & { total: number }>): T[] => list.map(({ total: _t, ...rest }) => rest as T);
  return {
    ...summary(header, series.get(customerId)!),
    industry: header.industry,
    region: header.region,
    createdDate: header.created_date,
    purchases: Number(header.purchases),
    medianGapDays: round(header.median_gap_days),
    months: twelveMonths(f.asOf).months,
    orders: strip<CustomerLine>(orders),
    ordersTotal: Number(orders[0]?.total ?? 0),
    visits: strip<CustomerVisit>(visits),
    visitsTotal: Number(visits[0]?.total ?? 0),
  };
}
