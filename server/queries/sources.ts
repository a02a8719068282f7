// The fact sources KPI queries read — raw order lines and visits with their team and region
// resolved through the roster, and the rollups of 004_rollups.sql — with the column map that
// whereClause() filters on. Team/region of a fact: the roster row valid at its date, else its own column.
import type { FactColumns } from './filters.ts';

/**
 * Each roster row with the day its validity ends (the next row's valid_from, exclusive). An equi-join
 * on rep_id with the date inside [valid_from, valid_to) is many times faster than an ASOF join.
 */
export const ROSTER_INTERVALS_SQL = `SELECT rep_id, valid_from,
         coalesce(lead(valid_from) OVER (PARTITION BY rep_id ORDER BY valid_from), DATE '9999-12-31') AS valid_to,
         team, region
  FROM reps`;

/** Non-cancelled order lines with team and region from the roster row valid at the line's date, else the line's own. */
export const ORDER_LINES_SQL = `SELECT o.order_id, o.line_no, o.order_date, o.customer_id, o.rep_id, o.category, o.channel, o.amount,
         coalesce(r.team, o.team) AS team, coalesce(r.region, o.region) AS region
  FROM orders o
  LEFT JOIN (${ROSTER_INTERVALS_SQL}) r ON o.rep_id = r.rep_id AND o.order_date >= r.valid_from AND o.order_date < r.valid_to
  WHERE o.status <> 'cancelled'`;

/** The same lines without the roster join, for queries that neither filter nor group by team or region. */
export const ORDER_LINES_PLAIN_SQL = `SELECT o.order_id, o.line_no, o.order_date, o.customer_id, o.rep_id, o.category, o.channel, o.amount,
         o.team, o.region
  FROM orders o
  WHERE o.status <> 'cancelled'`;

/** Visits with their date and the team and region of their rep's roster row valid that day. */
export const VISITS_SQL = `SELECT v.visit_id, CAST(v.visit_at AS DATE) AS visit_date, v.rep_id, v.customer_id, v.type,
         r.team AS team, r.region AS region
  FROM visits v
  LEFT JOIN (${ROSTER_INTERVALS_SQL}) r
    ON v.rep_id = r.rep_id AND CAST(v.visit_at AS DATE) >= r.valid_from AND CAST(v.visit_at AS DATE) < r.valid_to`;

/** Column maps for whereClause(), by source alias. */
export const LINE_COLUMNS: FactColumns = {
  date: 'l.order_date',
  rep: 'l.rep_id',
  team: 'l.team',
  region: 'l.region',
  category: 'l.category',
  channel: 'l.channel',
};

export const VISIT_COLUMNS: FactColumns = { date: 'v.visit_date', rep: 'v.rep_id', team: 'v.team', region: 'v.region' };

export const SALES_MONTH_COLUMNS: FactColumns = {
  date: 's.month',
  rep: 's.rep_id',
  team: 's.team',
  region: 's.region',
  category: 's.category',
  channel: 's.channel',
};

export const ORDERS_MONTH_COLUMNS: FactColumns = { date: 'om.month', rep: 'om.rep_id', team: 'om.team', region: 'om.region' };

export const CUSTOMER_MONTH_COLUMNS: FactColumns = { date: 'cm.month', rep: 'cm.rep_id', team: 'cm.team', region: 'cm.region' };

export const FIRST_PURCHASE_COLUMNS: FactColumns = {
  date: 'fp.first_date',
  rep: 'fp.rep_id',
  team: 'fp.team',
  region: 'fp.region',
  category: 'fp.category',
  channel: 'fp.channel',
};

export const VISITS_DAY_COLUMNS: FactColumns = { date: 'vd.day', rep: 'vd.rep_id', team: 'vd.team', region: 'vd.region' };
