// The data-quality summary: ids the facts use that the roster or customer file lacks, months without
// orders, reps without targets and targets without reps, and customers that look like duplicates.
import type { Database, DuckDBConnection } from '../server/db/database.ts';
import { rows, run } from '../server/db/query.ts';

/** Lists are capped at this many items (the counts say how many there are in all). */
export const QUALITY_LIST_LIMIT = 100;

export interface DataQuality {
  unknownReps: Array<{ repId: string; facts: number }>;
  unknownCustomers: Array<{ customerId: string; facts: number }>;
  monthsWithoutData: string[];
  repsWithoutTargets: Array<{ repId: string; name: string | null; months: string[] }>;
  targetsWithoutReps: Array<{ scopeKind: string; scopeId: string; periods: string[] }>;
  duplicateCustomers: Array<{ name: string; customerIds: string[] }>;
  counts: {
    unknownReps: number;
    unknownCustomers: number;
    monthsWithoutData: number;
    repsWithoutTargets: number;
    targetsWithoutReps: number;
    duplicateCustomers: number;
  };
}

const LIMIT = QUALITY_LIST_LIMIT;

/**
 * The order lines summarised once for every check (10M lines read twice instead of once per check):
 * lines per rep and month, and lines per customer id and the name the lines give it. Temporary
 * tables of the caller's connection, dropped when the summary is done.
 */
const REP_MONTHS = 'quality_rep_months';
const CUSTOMER_NAMES = 'quality_customer_names';

async function summariseOrders(conn: DuckDBConnection): Promise<void> {
  await run(
    conn,
    `CREATE OR REPLACE TEMP TABLE ${REP_MONTHS} AS
     SELECT rep_id, CAST(date_trunc('month', order_date) AS DATE) AS m, count(*) AS n FROM orders GROUP BY ALL`,
  );
  await run(
    conn,
    `CREATE OR REPLACE TEMP TABLE ${CUSTOMER_NAMES} AS
     SELECT customer_id, customer_name, count(*) AS n FROM orders WHERE customer_id IS NOT NULL GROUP BY ALL`,
  );
}

async function dropSummaries(conn: DuckDBConnection): Promise<void> {
  await run(conn, `DROP TABLE IF EXISTS temp.${REP_MONTHS}`);
  await run(conn, `DROP TABLE IF EXISTS temp.${CUSTOMER_NAMES}`);
}

async function unknownReps(conn: DuckDBConnection) {
  return rows<{ repId: string; facts: number; total: number }>(
    conn,
    `WITH used AS (
       SELECT rep_id, n FROM ${REP_MONTHS} UNION ALL SELECT rep_id, 1 FROM visits
       UNION ALL SELECT scope_id, 1 FROM targets WHERE scope_kind = 'rep'
       UNION ALL SELECT owner_rep_id, 1 FROM customers WHERE owner_rep_id IS NOT NULL
     )
     SELECT rep_id AS "repId", sum(n) AS facts, count(*) OVER () AS total FROM used
     WHERE rep_id NOT IN (SELECT rep_id FROM reps)
     GROUP BY rep_id ORDER BY facts DESC, rep_id LIMIT ${LIMIT}`,
  );
}

async function unknownCustomers(conn: DuckDBConnection) {
  return rows<{ customerId: string; facts: number; total: number }>(
    conn,
    `WITH used AS (SELECT customer_id, n FROM ${CUSTOMER_NAMES} UNION ALL SELECT customer_id, 1 FROM visits)
     SELECT customer_id AS "customerId", sum(n) AS facts, count(*) OVER () AS total FROM used
     WHERE customer_id NOT IN (SELECT customer_id FROM customers)
     GROUP BY customer_id ORDER BY facts DESC, customer_id LIMIT ${LIMIT}`,
  );
}

/** Months between the first and the last order with no order line at all. */
async function monthsWithoutData(conn: DuckDBConnection) {
  return rows<{ month: string }>(
    conn,
    `WITH span AS (SELECT min(m) AS lo, max(m) AS hi FROM ${REP_MONTHS}),
     months AS (SELECT CAST(m AS DATE) AS m FROM span, generate_series(span.lo, span.hi, INTERVAL 1 MONTH) g(m) WHERE span.lo IS NOT NULL),
     present AS (SELECT DISTINCT m FROM ${REP_MONTHS})
     SELECT strftime(m, '%Y-%m') AS month FROM months WHERE m NOT IN (SELECT m FROM present) ORDER BY 1`,
  );
}

/**
 * Reps with orders or visits in a month and no target covering it (a month target, or a target of
 * the fiscal quarter or year holding the month).
 */
async function repsWithoutTargets(conn: DuckDBConnection) {
  return rows<{ repId: string; name: string | null; months: string[]; total: number }>(
    conn,
    `WITH fy AS (SELECT coalesce((SELECT CAST(json_extract_string(value, '$') AS INTEGER) FROM settings WHERE key = 'fiscal_year_start_month'), 1) AS s),
     active AS (
       SELECT DISTINCT rep_id, m FROM ${REP_MONTHS}
       UNION SELECT DISTINCT rep_id, CAST(date_trunc('month', visit_at) AS DATE) FROM visits
     ),
     labelled AS (
       SELECT rep_id, strftime(m, '%Y-%m') AS month,
         CAST(year(m) - CASE WHEN month(m) < fy.s THEN 1 ELSE 0 END AS VARCHAR) AS fyear,
         'Q' || CAST((((month(m) - fy.s + 12) % 12) // 3) + 1 AS VARCHAR) AS fq
       FROM active, fy
     ),
     missing AS (
       SELECT rep_id, month FROM labelled l
       WHERE NOT EXISTS (SELECT 1 FROM targets g WHERE g.scope_kind = 'rep' AND g.scope_id = l.rep_id
                           AND g.period IN (l.month, l.fyear, l.fyear || '-' || l.fq))
     ),
     names AS (SELECT rep_id, arg_max(name, valid_from) AS name FROM reps GROUP BY rep_id)
     SELECT m.rep_id AS "repId", n.name, list(m.month ORDER BY m.month) AS months, count(*) OVER () AS total
     FROM missing m LEFT JOIN names n USING (rep_id)
     GROUP BY m.rep_id, n.name ORDER BY m.rep_id LIMIT ${LIMIT}`,
  );
}

/** Rep targets whose rep is not on the roster; team and region targets no roster row belongs to. */
async function targetsWithoutReps(conn: DuckDBConnection) {
  return rows<{ scopeKind: string; scopeId: string; periods: string[]; total: number }>(
    conn,
    `SELECT scope_kind AS "scopeKind", scope_id AS "scopeId", list(DISTINCT period ORDER BY period) AS periods, count(*) OVER () AS total
     FROM targets g
     WHERE (scope_kind = 'rep' AND scope_id NOT IN (SELECT rep_id FROM reps))
        OR (scope_kind = 'team' AND scope_id NOT IN (SELECT team FROM reps WHERE team IS NOT NULL))
        OR (scope_kind = 'region' AND scope_id NOT IN (SELECT region FROM reps WHERE region IS NOT NULL))
     GROUP BY scope_kind, scope_id ORDER BY scope_kind, scope_id LIMIT ${LIMIT}`,
  );
}

/**
 * Customers that are probably the same: different ids under one name once case, spaces and
 * brackets are ignored; includes ids that order lines gave by name only. translate() drops the
 * characters a regex class [\s　()（）] would (\s: tab, line feed, form feed, carriage return, space)
 * at a fraction of the regex's cost. Names that normalise to nothing are left out by the
 * aggregate's FILTER rather than a WHERE: DuckDB pushes a WHERE on the key down into the scan of
 * every order line (a string function on 10M names), a FILTER stays after the DISTINCT.
 */
async function duplicateCustomers(conn: DuckDBConnection) {
  return rows<{ name: string; customerIds: string[]; total: number }>(
    conn,
    `WITH named AS (
       SELECT customer_id, name FROM customers WHERE name IS NOT NULL
       UNION SELECT DISTINCT customer_id, customer_name FROM ${CUSTOMER_NAMES} WHERE customer_name IS NOT NULL
     ),
     normalised AS (SELECT customer_id, name, lower(translate(name, chr(9) || chr(10) || chr(12) || chr(13) || ' 　()（）', '')) AS k FROM named)
     SELECT min(name) AS name, list(DISTINCT customer_id ORDER BY customer_id) AS "customerIds", count(*) OVER () AS total
     FROM normalised GROUP BY k HAVING count(DISTINCT customer_id) FILTER (WHERE k <> '') > 1 ORDER BY 1 LIMIT ${LIMIT}`,
  );
}

export async function dataQuality(db: Database): Promise<DataQuality> {
  return db.read((conn) => dataQualityOn(conn));
}

export async function dataQualityOn(conn: DuckDBConnection): Promise<DataQuality> {
  await summariseOrders(conn);
  let found;
  try {
    found = [
      await unknownReps(conn),
      await unknownCustomers(conn),
      await monthsWithoutData(conn),
      await repsWithoutTargets(conn),
      await targetsWithoutReps(conn),
      await duplicateCustomers(conn),
    ] as const;
  } finally {
    await dropSummaries(conn);
  }
  const [reps, customers, months, noTargets, orphanTargets, dupes] = found;
  const total = (list: Array<{ total: number }>) => list[0]?.total ?? 0;
  return {
    unknownReps: reps.map(({ repId, facts }) => ({ repId, facts })),
    unknownCustomers: customers.map(({ customerId, facts }) => ({ customerId, facts })),
    monthsWithoutData: months.map((m) => m.month),
    repsWithoutTargets: noTargets.map(({ repId, name, months: ms }) => ({ repId, name, months: ms })),
    targetsWithoutReps: orphanTargets.map(({ scopeKind, scopeId, periods }) => ({ scopeKind, scopeId, periods })),
    duplicateCustomers: dupes.map(({ name, customerIds }) => ({ name, customerIds })),
    counts: {
      unknownReps: total(reps),
      unknownCustomers: total(customers),
      monthsWithoutData: months.length,
      repsWithoutTargets: total(noTargets),
      targetsWithoutReps: total(orphanTargets),
      duplicateCustomers: total(dupes),
    },
  };
}

/** One line for the import report. */
export function qualityLine(q: DataQuality): string {
  const c = q.counts;
  const parts: string[] = [];
  const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
  if (c.unknownReps) parts.push(n(c.unknownReps, 'unknown rep id', 'unknown rep ids'));
  if (c.unknownCustomers) parts.push(n(c.unknownCustomers, 'unknown customer id', 'unknown customer ids'));
  if (c.monthsWithoutData) parts.push(`${n(c.monthsWithoutData, 'month', 'months')} without orders (${q.monthsWithoutData.slice(0, 6).join(', ')}${c.monthsWithoutData > 6 ? ', …' : ''})`);
  if (c.repsWithoutTargets) parts.push(n(c.repsWithoutTargets, 'rep without a target in some month', 'reps without a target in some month'));
  if (c.targetsWithoutReps) parts.push(n(c.targetsWithoutReps, 'target scope not on the roster', 'target scopes not on the roster'));
  if (c.duplicateCustomers) parts.push(n(c.duplicateCustomers, 'likely duplicate customer', 'likely duplicate customers'));
  return parts.length ? `Data quality: ${parts.join(', ')}.` : 'Data quality: no issues found.';
}
