// Rules of the data for the roster, customers and products: keys required, codes checked,
// names as ids for owners and managers, a customer with only a name takes the name as its id.
import { ident } from '../../../server/db/query.ts';
import { CODES } from '../tables.ts';
import { REP_LOOKUP_CTES, type RuleSource, code, col, errorList, missing, parseErrors, repJoin, repResolved, text, unknownCode } from './common.ts';

export function repsSelect(src: RuleSource): string {
  // A manager named by name resolves against the stored roster and this file together.
  return `WITH file_reps AS (
  SELECT ${text(src, 'rep_id')} AS rep_id, ${text(src, 'name')} AS name FROM ${ident(src.typed)} t
),
all_reps AS (SELECT rep_id, name FROM reps UNION SELECT rep_id, name FROM file_reps WHERE rep_id IS NOT NULL),
rep_ids AS (SELECT DISTINCT rep_id FROM all_reps),
rep_names AS (
  SELECT name, min(rep_id) AS rep_id FROM (SELECT DISTINCT trim(name) AS name, rep_id FROM all_reps WHERE name IS NOT NULL)
  GROUP BY name HAVING count(*) = 1
),
src AS (
  SELECT
    t.__row AS __row,
    ${parseErrors(src)} AS __perr,
    ${text(src, 'rep_id')} AS rep_id,
    coalesce(${col(src, 'valid_from', 'DATE')}, DATE '1900-01-01') AS valid_from,
    ${text(src, 'name')} AS name,
    ${code(src, 'role')} AS role,
    ${text(src, 'team')} AS team,
    ${text(src, 'region')} AS region,
    ${text(src, 'manager_id')} AS manager_raw,
    ${text(src, 'email')} AS email,
    ${col(src, 'hire_date', 'DATE')} AS hire_date,
    ${col(src, 'leave_date', 'DATE')} AS leave_date
  FROM ${ident(src.typed)} t
),
res AS (
  SELECT src.*, ${repResolved('src.manager_raw', 'm')} AS manager_id
  FROM src
  ${repJoin('src.manager_raw', 'm')}
)
SELECT
  __row, rep_id, valid_from, name, role, team, region, manager_id, email, hire_date, leave_date,
  ${errorList([missing('rep_id'), missing('name'), missing('role'), unknownCode('role', 'role', CODES.role)])} AS __errs
FROM res`;
}

export function customersSelect(src: RuleSource): string {
  return `WITH ${REP_LOOKUP_CTES},
src AS (
  SELECT
    t.__row AS __row,
    ${parseErrors(src)} AS __perr,
    coalesce(${text(src, 'customer_id')}, ${text(src, 'name')}) AS customer_id,
    ${text(src, 'name')} AS name,
    ${text(src, 'segment')} AS segment,
    ${code(src, 'tier')} AS tier,
    ${text(src, 'industry')} AS industry,
    ${text(src, 'region')} AS region,
    ${text(src, 'owner_rep_id')} AS owner_raw,
    ${col(src, 'created_date', 'DATE')} AS created_date
  FROM ${ident(src.typed)} t
),
res AS (
  SELECT src.*, ${repResolved('src.owner_raw', 'o')} AS owner_rep_id
  FROM src
  ${repJoin('src.owner_raw', 'o')}
)
SELECT
  __row, customer_id, name, segment, tier, industry, region, owner_rep_id, created_date,
  ${errorList([missing('customer_id', 'customer_id', 'customer_id is missing (and the row has no name to use instead)'), unknownCode('tier', 'tier', CODES.tier)])} AS __errs
FROM res`;
}

export function productsSelect(src: RuleSource): string {
  return `WITH src AS (
  SELECT
    t.__row AS __row,
    ${parseErrors(src)} AS __perr,
    ${text(src, 'sku')} AS sku,
    ${text(src, 'name')} AS name,
    ${text(src, 'category')} AS category,
    ${col(src, 'list_price', 'DECIMAL(18,4)')} AS list_price
  FROM ${ident(src.typed)} t
)
SELECT __row, sku, name, category, list_price, ${errorList([missing('sku')])} AS __errs
FROM src`;
}
