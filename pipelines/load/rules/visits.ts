// Rules of the data for visits: rep names resolved to ids, type defaults to visit, and a visit
// without an id gets a stable one derived from rep, customer and time.
import { ident } from '../../../server/db/query.ts';
import { CODES } from '../tables.ts';
import { REP_LOOKUP_CTES, type RuleSource, code, col, errorList, missing, parseErrors, repJoin, repResolved, text, unknownCode } from './common.ts';

export function visitsSelect(src: RuleSource): string {
  return `WITH ${REP_LOOKUP_CTES},
src AS (
  SELECT
    t.__row AS __row,
    ${parseErrors(src)} AS __perr,
    ${text(src, 'visit_id')} AS visit_id_raw,
    ${col(src, 'visit_at', 'TIMESTAMP')} AS visit_at,
    ${text(src, 'rep_id')} AS rep_raw,
    coalesce(${text(src, 'customer_id')}, ${text(src, 'customer_name')}) AS customer_id,
    coalesce(${code(src, 'type')}, 'visit') AS type,
    ${text(src, 'outcome')} AS outcome,
    ${col(src, 'duration_min', 'INTEGER')} AS duration_min,
    ${col(src, 'next_step_date', 'DATE')} AS next_step_date,
    ${text(src, 'notes')} AS notes
  FROM ${ident(src.typed)} t
),
res AS (
  SELECT src.*, ${repResolved('src.rep_raw', 'r')} AS rep_id
  FROM src
  ${repJoin('src.rep_raw', 'r')}
)
SELECT
  __row,
  coalesce(visit_id_raw,
    'v' || substr(md5(rep_id || '|' || customer_id || '|' || strftime(visit_at, '%Y-%m-%d %H:%M')), 1, 16)) AS visit_id,
  visit_at, rep_id, customer_id, type, outcome, duration_min, next_step_date, notes,
  ${errorList([missing('visit_at'), missing('rep_id'), missing('customer_id'), unknownCode('type', 'type', CODES.type)])} AS __errs
FROM res`;
}
