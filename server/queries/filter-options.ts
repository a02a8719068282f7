// The values the dashboard filter bar offers: the teams, regions, product categories and sales
// channels that occur in the caller's facts (from the monthly sales rollup, so it stays cheap).
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Scope } from '../auth/types.ts';
import { rows } from '../db/query.ts';
import { whereClause } from './filters.ts';

export interface FilterOptions {
  teams: string[];
  regions: string[];
  categories: string[];
  channels: string[];
}

const NO_DIMS = { teams: [], regions: [], reps: [], categories: [], channels: [] };

/** Distinct non-blank values of each dimension in the caller's scope, each list sorted. */
export async function filterOptions(conn: DuckDBConnection, scope: Scope): Promise<FilterOptions> {
  const where = whereClause({ date: 'month', rep: 'rep_id' }, null, NO_DIMS, scope);
  const found = await rows<{ dim: string; value: string }>(
    conn,
    `WITH facts AS (SELECT team, region, category, channel FROM rollup_sales_month WHERE ${where.sql})
     SELECT DISTINCT 'teams' AS dim, team AS value FROM facts WHERE nullif(trim(team), '') IS NOT NULL
     UNION ALL SELECT DISTINCT 'regions', region FROM facts WHERE nullif(trim(region), '') IS NOT NULL
     UNION ALL SELECT DISTINCT 'categories', category FROM facts WHERE nullif(trim(category), '') IS NOT NULL
     UNION ALL SELECT DISTINCT 'channels', channel FROM facts WHERE nullif(trim(channel), '') IS NOT NULL
     ORDER BY dim, value`,
    where.params,
  );
  const out: FilterOptions = { teams: [], regions: [], categories: [], channels: [] };
  for (const row of found) out[row.dim as keyof FilterOptions].push(row.value);
  return out;
}
