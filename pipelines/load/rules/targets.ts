// Rules of the data for targets: exactly one scope per row (rep, team or region), metric defaults
// to revenue, and the period's kind (month, quarter, year) comes from how it is written.
import { ident, literal } from '../../../server/db/query.ts';
import { CODES } from '../tables.ts';
import { REP_LOOKUP_CTES, type RuleSource, code, col, errorIf, errorList, hasParseError, missing, parseErrors, repJoin, repResolved, text, unknownCode } from './common.ts';

/** The period as text, whether staging typed it as a date (first day of the month) or as text. */
function periodText(src: RuleSource): string {
  const type = src.types.get('period') ?? 'VARCHAR';
  if (type === 'DATE' || type.startsWith('TIMESTAMP')) return `strftime(${col(src, 'period', 'DATE')}, '%Y-%m')`;
  return `upper(${text(src, 'period')})`;
}

export function targetsSelect(src: RuleSource): string {
  return `WITH ${REP_LOOKUP_CTES},
src AS (
  SELECT
    t.__row AS __row,
    ${parseErrors(src)} AS __perr,
    ${periodText(src)} AS period,
    ${text(src, 'rep_id')} AS rep_raw,
    ${text(src, 'team')} AS team,
    ${text(src, 'region')} AS region,
    coalesce(${code(src, 'metric')}, 'revenue') AS metric,
    ${col(src, 'target_value', 'DECIMAL(18,4)')} AS target_value
  FROM ${ident(src.typed)} t
),
res AS (
  SELECT src.*,
    ${repResolved('src.rep_raw', 'r')} AS rep_id,
    CASE WHEN regexp_full_match(period, '\\d{4}-(0[1-9]|1[0-2])') THEN 'month'
         WHEN regexp_full_match(period, '\\d{4}-Q[1-4]') THEN 'quarter'
         WHEN regexp_full_match(period, '\\d{4}') THEN 'year' END AS period_kind,
    (CASE WHEN src.rep_raw IS NULL THEN 0 ELSE 1 END) + (CASE WHEN src.team IS NULL THEN 0 ELSE 1 END)
      + (CASE WHEN src.region IS NULL THEN 0 ELSE 1 END) AS __scopes
  FROM src
  ${repJoin('src.rep_raw', 'r')}
)
SELECT
  __row,
  period, period_kind,
  CASE WHEN rep_id IS NOT NULL THEN 'rep' WHEN team IS NOT NULL THEN 'team' WHEN region IS NOT NULL THEN 'region' END AS scope_kind,
  coalesce(rep_id, team, region) AS scope_id,
  metric, target_value,
  ${errorList([
    missing('period'),
    errorIf(
      `period IS NOT NULL AND period_kind IS NULL AND NOT ${hasParseError('period')}`,
      'period',
      'period',
      `'period "' || period || '" is not a month (YYYY-MM), quarter (YYYY-Qn) or year (YYYY)'`,
      'period IS NOT NULL AND period_kind IS NULL',
    ),
    errorIf(
      `__scopes <> 1`,
      'rep_id',
      `concat_ws(' / ', rep_raw, team, region)`,
      `CASE WHEN __scopes = 0 THEN ${literal('the row names no rep, team or region: give exactly one')}
            ELSE ${literal('the row names more than one of rep, team and region: give exactly one')} END`,
    ),
    unknownCode('metric', 'metric', CODES.metric),
    missing('target_value'),
  ])} AS __errs
FROM res`;
}
