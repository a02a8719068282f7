// The one scope function: turns the caller's role and rep link into the set of reps whose facts
// they may see. Every KPI query, export and drill-down filters through the Scope it returns.
import { listValue, type DuckDBValue } from '@duckdb/node-api';
import type { Database } from '../db/database.ts';
import { ident, rows } from '../db/query.ts';
import { forbidden, notFound } from '../errors.ts';
import { sha256Hex } from './crypto.ts';
import type { Role, Scope } from './types.ts';

export const ALL_SCOPE: Scope = Object.freeze({ all: true, repIds: [], key: 'all' }) as Scope;
export const EMPTY_SCOPE: Scope = Object.freeze({ all: false, repIds: [], key: 'none' }) as Scope;

/** A supervisor's roster cell may name several teams ("华东一组、华东二组"). */
const TEAM_SEPARATORS = '[,，、;；|]';

// Reps of the teams named on the person's own roster row(s), any validity period.
const TEAM_MEMBERS_SQL = `
  WITH own_teams AS (
    SELECT DISTINCT trim(t) AS team
    FROM (SELECT unnest(string_split_regex(team, '${TEAM_SEPARATORS}')) AS t FROM reps WHERE rep_id = $repId AND team IS NOT NULL)
    WHERE trim(t) <> ''
  )
  SELECT DISTINCT r.rep_id FROM reps r JOIN own_teams o ON trim(r.team) = o.team`;

// A supervisor: themselves, their team(s), and everyone below them through manager_id
// (UNION stops at cycles in a damaged org chart).
const SUPERVISOR_SQL = `
  WITH RECURSIVE below(rep_id) AS (
    SELECT $repId::VARCHAR
    UNION
    SELECT r.rep_id FROM reps r JOIN below b ON r.manager_id = b.rep_id
  )
  SELECT rep_id FROM below
  UNION
  SELECT rep_id FROM (${TEAM_MEMBERS_SQL})
  ORDER BY rep_id`;

// An assistant: the reps of the team(s) they belong to, and themselves.
const ASSISTANT_SQL = `
  SELECT $repId::VARCHAR AS rep_id
  UNION
  SELECT rep_id FROM (${TEAM_MEMBERS_SQL})
  ORDER BY rep_id`;

export function scopeOf(repIds: readonly string[]): Scope {
  if (repIds.length === 0) return EMPTY_SCOPE;
  const sorted = [...new Set(repIds)].sort();
  return { all: false, repIds: sorted, key: `reps:${sorted.length}:${sha256Hex(sorted.join('\u0001')).slice(0, 20)}` };
}

/** The reps a user may see. Roles that need a rep link and have none see nothing, never everything. */
export async function scopeFor(db: Database, user: { role: Role; repId: string | null } | null): Promise<Scope> {
  if (!user) return EMPTY_SCOPE;
  switch (user.role) {
    case 'admin':
    case 'manager':
      return ALL_SCOPE;
    case 'rep':
    case 'account_manager':
      return user.repId ? scopeOf([user.repId]) : EMPTY_SCOPE;
    case 'supervisor':
    case 'assistant': {
      const repId = user.repId;
      if (!repId) return EMPTY_SCOPE;
      const sql = user.role === 'supervisor' ? SUPERVISOR_SQL : ASSISTANT_SQL;
      const found = await db.read((conn) => rows<{ rep_id: string }>(conn, sql, { repId }));
      return scopeOf(found.map((r) => r.rep_id));
    }
    default:
      return EMPTY_SCOPE;
  }
}

export function canSeeRep(scope: Scope, repId: string): boolean {
  return scope.all || scope.repIds.includes(repId);
}

/** For routes addressing one rep (/api/reps/:id): outside the scope it does not exist (404). */
export function assertRepVisible(scope: Scope, repId: string): void {
  if (!canSeeRep(scope, repId)) throw notFound(`No rep ${repId}.`);
}

/** For an explicit `rep` filter: asking for reps outside the scope is refused (403). */
export function assertFilterAllowed(scope: Scope, repIds: readonly string[]): void {
  const outside = repIds.filter((id) => !canSeeRep(scope, id));
  if (outside.length > 0) {
    throw forbidden(`Rep ${outside.join(', ')} ${outside.length === 1 ? 'is' : 'are'} outside what your role may see.`);
  }
}

/**
 * The scope as a SQL condition on a rep-id column, with its bound parameter:
 * `WHERE ${f.sql}` and pass `f.params` along with the query's own.
 */
export function scopeFilter(scope: Scope, column: string, param = 'scope_rep_ids'): { sql: string; params: Record<string, DuckDBValue> } {
  if (scope.all) return { sql: 'TRUE', params: {} };
  if (scope.repIds.length === 0) return { sql: 'FALSE', params: {} };
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(param)) throw new Error(`Refusing unsafe parameter name ${JSON.stringify(param)}`);
  const col = column.split('.').map(ident).join('.');
  return { sql: `${col} IN (SELECT unnest($${param}::VARCHAR[]))`, params: { [param]: listValue(scope.repIds) } };
}
