// "Whose customer" (metrics.md): the customers of the reps a caller selects — those the reps own
// plus those on their order lines and visits — as a SQL set that customer metrics restrict to.
import type { DuckDBValue } from '@duckdb/node-api';
import { ALL_SCOPE } from '../auth/scope.ts';
import type { Scope } from '../auth/types.ts';
import { hasDims, whereClause, type DimensionFilters, type FactColumns, type SqlFragment } from './filters.ts';
import { LINE_COLUMNS, ORDER_LINES_SQL, VISITS_SQL, VISIT_COLUMNS } from './sources.ts';

/** customer_reps (006_customer_day.sql; customer_links without the month) for whereClause. */
export const LINK_COLUMNS: FactColumns = { date: 'cl.first_date', rep: 'cl.rep_id', team: 'cl.team', region: 'cl.region' };

/** A customer's owner, with the owner's team and region from OWNER_ROSTER_SQL (alias ow). */
export const OWNER_COLUMNS: FactColumns = { date: 'NULL', rep: 'c.owner_rep_id', team: 'ow.team', region: 'ow.region' };

/** Each rep's roster row valid on $<prefix>asof (the latest valid_from on or before it). */
export const ownerRosterSql = (prefix: string) =>
  `(SELECT rep_id, team, region FROM reps WHERE valid_from <= CAST($${prefix}asof AS DATE)
    QUALIFY row_number() OVER (PARTITION BY rep_id ORDER BY valid_from DESC) = 1)`;

export const NO_DIMS: DimensionFilters = { teams: [], regions: [], reps: [], categories: [], channels: [] };

/** The dimensions that pick reps (and so customers): team, region, rep. */
export function repDims(d: DimensionFilters): DimensionFilters {
  return { ...NO_DIMS, teams: d.teams, regions: d.regions, reps: d.reps };
}

/** The dimensions that pick order lines of a customer: category and channel. */
export function lineDims(d: DimensionFilters): DimensionFilters {
  return { ...NO_DIMS, categories: d.categories, channels: d.channels };
}

/** A date condition through the one WHERE builder (no dimension, no scope: the set already applied them). */
export function dateWhere(cols: FactColumns, range: { start: string; end: string }, prefix: string): SqlFragment {
  return whereClause(cols, range, NO_DIMS, ALL_SCOPE, { prefix });
}

/** Category and channel conditions on the lines of customers already in a set. */
export function lineWhere(cols: FactColumns, d: DimensionFilters, prefix: string): SqlFragment {
  return whereClause(cols, null, lineDims(d), ALL_SCOPE, { prefix });
}

export interface CustomerSet {
  /** True when no rep is excluded: every customer counts and no set is built. */
  everyone: boolean;
  /** A SELECT of customer_id (empty when everyone). */
  sql: string;
  params: Record<string, DuckDBValue>;
}

/**
 * The customers of the reps in the caller's scope that match the team, region and rep filters,
 * as known on the as-of date. `precomputed` reads customer_reps instead of raw lines and visits.
 */
export function customerSet(asOf: string, dims: DimensionFilters, scope: Scope, precomputed: boolean): CustomerSet {
  const d = repDims(dims);
  if (scope.all && !hasDims(d)) return { everyone: true, sql: '', params: {} };
  const upTo = { start: '1900-01-01', end: asOf };
  const owners = whereClause(OWNER_COLUMNS, null, d, scope, { prefix: 'cso_' });
  const ownerSql = `SELECT c.customer_id FROM customers c LEFT JOIN ${ownerRosterSql('cso_')} ow ON ow.rep_id = c.owner_rep_id
  WHERE c.owner_rep_id IS NOT NULL AND ${owners.sql}`;
  const params: Record<string, DuckDBValue> = { ...owners.params, cso_asof: asOf };
  if (precomputed) {
    const links = whereClause(LINK_COLUMNS, upTo, d, scope, { prefix: 'csl_' });
    return {
      everyone: false,
      sql: `SELECT cl.customer_id FROM customer_reps cl WHERE ${links.sql}
  UNION
  ${ownerSql}`,
      params: { ...params, ...links.params },
    };
  }
  const lines = whereClause(LINE_COLUMNS, upTo, d, scope, { prefix: 'csa_' });
  const visits = whereClause(VISIT_COLUMNS, upTo, d, scope, { prefix: 'csv_', ignore: ['categories', 'channels'] });
  return {
    everyone: false,
    sql: `SELECT l.customer_id FROM (${ORDER_LINES_SQL}) l WHERE l.customer_id IS NOT NULL AND ${lines.sql}
  UNION
  SELECT v.customer_id FROM (${VISITS_SQL}) v WHERE ${visits.sql}
  UNION
  ${ownerSql}`,
    params: { ...params, ...lines.params, ...visits.params },
  };
}

/** The `cs AS (…),` CTE of a set ('' for everyone); put it right after WITH. */
export function setCte(set: CustomerSet): string {
  return set.everyone ? '' : `cs AS (\n  ${set.sql}\n),\n`;
}

/** ` AND <col> IN (SELECT customer_id FROM cs)` for a set ('' for everyone). */
export function inSet(set: CustomerSet, col: string): string {
  return set.everyone ? '' : ` AND ${col} IN (SELECT customer_id FROM cs)`;
}
