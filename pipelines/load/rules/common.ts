// Shared pieces of the rule SQL that turns a typed staging table into load-ready rows: column access
// that tolerates absent columns, per-row error lists, and resolving rep names to roster ids.
import type { DuckDBConnection } from '../../../server/db/database.ts';
import { ident, literal, rows } from '../../../server/db/query.ts';

export const ERR_TYPE = 'STRUCT(col VARCHAR, value VARCHAR, message VARCHAR)';

export interface RuleSource {
  /** The typed staging table (one row per file row, __row + canonical columns + __errors). */
  typed: string;
  /** Column name → DuckDB type, as the typed table has them. */
  types: Map<string, string>;
  /** Canonical columns the mapping filled (from a header or a constant). */
  mapped: Set<string>;
  /** Id columns whose file header held names rather than ids. */
  byName: Set<string>;
}

export async function describeSource(conn: DuckDBConnection, typed: string, mapped: Iterable<string>, byName: Iterable<string> = []): Promise<RuleSource> {
  const cols = await rows<{ name: string; type: string }>(
    conn,
    'SELECT column_name AS name, data_type AS type FROM duckdb_columns() WHERE table_name = $t',
    { t: typed },
  );
  return { typed, types: new Map(cols.map((c) => [c.name, c.type])), mapped: new Set(mapped), byName: new Set(byName) };
}

/** t.<name> cast to the wanted type, or a typed NULL when the staging table has no such column. */
export function col(src: RuleSource, name: string, type: string): string {
  if (!src.types.has(name)) return `CAST(NULL AS ${type})`;
  return `CAST(t.${ident(name)} AS ${type})`;
}

/** A trimmed text column; blank becomes NULL. */
export function text(src: RuleSource, name: string): string {
  return `nullif(trim(${col(src, name, 'VARCHAR')}), '')`;
}

/** A lower-cased code column (status, type, role…); blank becomes NULL. */
export function code(src: RuleSource, name: string): string {
  return `lower(${text(src, name)})`;
}

/** The parse errors the typed staging recorded for the row (empty when it recorded none). */
export function parseErrors(src: RuleSource): string {
  return src.types.has('__errors') ? `coalesce(CAST(t.__errors AS ${ERR_TYPE}[]), [])` : `CAST([] AS ${ERR_TYPE}[])`;
}

/** True when the row already has a parse error for that column (so a "missing" error would repeat it). */
export function hasParseError(column: string): string {
  return `list_contains([e.col for e in __perr], ${literal(column)})`;
}

/** A rule's error: the struct (or NULL) and a cheap condition that holds whenever the struct is not NULL. */
export interface RuleError {
  item: string;
  guard: string;
}

/**
 * One error struct, or NULL when the condition does not hold. `guard` is a cheap condition implied
 * by `condition` (default: the condition itself), so clean rows skip building any list.
 */
export function errorIf(condition: string, column: string, value: string, message: string, guard = condition): RuleError {
  return { item: `CASE WHEN ${condition} THEN {'col': ${literal(column)}, 'value': CAST(${value} AS VARCHAR), 'message': ${message}}::${ERR_TYPE} END`, guard };
}

/** A required column: NULL (and not already reported as unparseable) rejects the row. */
export function missing(column: string, expr = column, what = `${column} is missing`): RuleError {
  return errorIf(`${expr} IS NULL AND NOT ${hasParseError(column)}`, column, 'NULL', literal(what), `${expr} IS NULL`);
}

/** A code column whose value must be one of the allowed codes (NULL passes). */
export function unknownCode(column: string, expr: string, allowed: readonly string[]): RuleError {
  const list = allowed.map(literal).join(', ');
  return errorIf(
    `${expr} IS NOT NULL AND ${expr} NOT IN (${list})`,
    column,
    expr,
    `'unknown ${column} "' || ${expr} || '" (expected ${allowed.join(', ')})'`,
  );
}

/**
 * Parse errors plus the rule errors, NULLs dropped. Building and filtering a list costs far more
 * than the plain comparisons of the guards, and almost every row is clean, so rows no guard holds
 * for keep their parse errors as they are.
 */
export function errorList(ruleErrors: RuleError[]): string {
  if (ruleErrors.length === 0) return '__perr';
  const any = ruleErrors.map((e) => `(${e.guard})`).join(' OR ');
  return `CASE WHEN ${any} THEN list_concat(__perr, [x for x in [${ruleErrors.map((e) => e.item).join(',\n      ')}] if x IS NOT NULL]) ELSE __perr END`;
}

/**
 * CTEs resolving a rep column that may hold names: an id on the roster stays; a name unique on the
 * roster becomes that rep's id; anything else is kept as the id (metrics.md "Names as ids").
 */
export const REP_LOOKUP_CTES = `rep_ids AS (SELECT DISTINCT rep_id FROM reps),
rep_names AS (
  SELECT name, min(rep_id) AS rep_id
  FROM (SELECT DISTINCT trim(name) AS name, rep_id FROM reps WHERE name IS NOT NULL)
  GROUP BY name HAVING count(*) = 1
)`;

/** Joins for one rep column (alias suffix keeps several resolutions apart). */
export function repJoin(expr: string, suffix: string): string {
  return `LEFT JOIN rep_ids ri_${suffix} ON ri_${suffix}.rep_id = ${expr}
  LEFT JOIN rep_names rn_${suffix} ON rn_${suffix}.name = ${expr}`;
}

export function repResolved(expr: string, suffix: string): string {
  return `CASE WHEN ${expr} IS NULL THEN NULL WHEN ri_${suffix}.rep_id IS NOT NULL THEN ${expr} ELSE coalesce(rn_${suffix}.rep_id, ${expr}) END`;
}
