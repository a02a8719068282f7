// Validation over the load-ready table: rejected rows with their reasons, the currency check that
// refuses a whole file, and the warnings an import reports (amount disagreements, unknown ids,
// lines without a customer, reps without a target).
import type { DuckDBConnection } from '../../server/db/database.ts';
import { ident, one, rows } from '../../server/db/query.ts';
import { ERRORS_LISTED, WARNINGS_PER_KIND, type ReportError, type ReportWarning } from '../report.ts';
import type { DatasetName } from './tables.ts';

/** Shows a canonical column as the file's header when the mapping took it from one. */
export type ColumnNamer = (canonical: string | null) => string | null;

export interface Rejections {
  rowsRejected: number;
  errors: ReportError[];
}

export async function collectRejections(conn: DuckDBConnection, ready: string, name: ColumnNamer): Promise<Rejections> {
  const t = ident(ready);
  const count = (await one<{ n: number }>(conn, `SELECT count(*) AS n FROM ${t} WHERE len(__errs) > 0`))?.n ?? 0;
  const listed = await rows<{ row: number; col: string | null; value: string | null; message: string }>(
    conn,
    `SELECT __row AS row, e.col AS col, e.value AS value, e.message AS message
     FROM (SELECT __row, unnest(__errs) AS e FROM ${t} WHERE len(__errs) > 0)
     ORDER BY __row LIMIT ${ERRORS_LISTED}`,
  );
  return { rowsRejected: count, errors: listed.map((e) => ({ row: e.row, column: name(e.col), value: e.value, message: e.message })) };
}

export async function reportingCurrency(conn: DuckDBConnection): Promise<string> {
  const row = await one<{ v: string | null }>(conn, `SELECT json_extract_string(value, '$') AS v FROM settings WHERE key = 'reporting_currency'`);
  return (row?.v ?? 'CNY').toUpperCase();
}

/** One sentence refusing the file when any line is in another currency; null when all is well. */
export async function currencyRefusal(conn: DuckDBConnection, ready: string, file: string, currency: string, name: ColumnNamer): Promise<string | null> {
  const t = ident(ready);
  const found = await rows<{ currency: string; n: number; first_rows: number[] }>(
    conn,
    `SELECT currency, count(*) AS n, list(__row ORDER BY __row)[1:5] AS first_rows
     FROM ${t} WHERE currency IS NOT NULL AND currency <> $currency GROUP BY currency ORDER BY min(__row)`,
    { currency },
  );
  if (found.length === 0) return null;
  const total = found.reduce((s, f) => s + f.n, 0);
  const rowsShown = found.flatMap((f) => f.first_rows).sort((a, b) => a - b).slice(0, 5);
  const others = found.map((f) => f.currency).join(', ');
  return (
    `The file ${file} has ${total} line${total === 1 ? '' : 's'} in ${others} (row${rowsShown.length === 1 ? '' : 's'} ${rowsShown.join(', ')}${total > rowsShown.length ? ', …' : ''}, ` +
    `column ${name('currency')}), but amounts must be in the reporting currency ${currency}: convert them first, since conversion is not supported.`
  );
}

function capped(lines: ReportWarning[], rest: number, what: string): ReportWarning[] {
  if (rest <= 0) return lines;
  return [...lines, { row: null, column: null, message: `… and ${rest} more ${what}.` }];
}

const fmt = (n: number) => n.toFixed(2);

async function amountWarnings(conn: DuckDBConnection, load: string, name: ColumnNamer): Promise<ReportWarning[]> {
  const t = ident(load);
  const cond = `__amount_given IS NOT NULL AND __expected IS NOT NULL AND abs(abs(__amount_given) - abs(__expected)) > 0.01`;
  const total = (await one<{ n: number }>(conn, `SELECT count(*) AS n FROM ${t} WHERE ${cond}`))?.n ?? 0;
  const listed = await rows<{ row: number; given: number; expected: number }>(
    conn,
    `SELECT __row AS row, __amount_given AS given, __expected AS expected FROM ${t} WHERE ${cond} ORDER BY __row LIMIT ${WARNINGS_PER_KIND}`,
  );
  const lines = listed.map((l) => ({
    row: l.row,
    column: name('amount'),
    message: `amount ${fmt(l.given)} differs from quantity × unit price × (1 − discount) = ${fmt(l.expected)}; the amount in the file was kept`,
  }));
  return capped(lines, total - listed.length, 'lines whose amount differs from quantity × unit price');
}

async function unknownIdWarnings(
  conn: DuckDBConnection,
  load: string,
  column: string,
  reference: 'reps' | 'customers',
  filter: string,
  name: ColumnNamer,
): Promise<ReportWarning[]> {
  const t = ident(load);
  const refCol = reference === 'reps' ? 'rep_id' : 'customer_id';
  const what = reference === 'reps' ? 'rep' : 'customer';
  const stored = (await one<{ n: number }>(conn, `SELECT count(*) AS n FROM ${ident(reference)}`))?.n ?? 0;
  const unknown = await rows<{ id: string; n: number; first: number }>(
    conn,
    `SELECT s.${ident(column)} AS id, count(*) AS n, min(s.__row) AS first FROM ${t} s
     WHERE s.${ident(column)} IS NOT NULL AND ${filter}
       AND NOT EXISTS (SELECT 1 FROM ${ident(reference)} r WHERE r.${ident(refCol)} = s.${ident(column)})
     GROUP BY 1 ORDER BY first`,
  );
  if (unknown.length === 0) return [];
  if (stored === 0) {
    return [
      {
        row: null,
        column: name(column),
        message: `No ${reference === 'reps' ? 'roster' : 'customer file'} is loaded yet, so the ${unknown.length} ${what} ids in this file are unknown for now.`,
      },
    ];
  }
  const lines = unknown.slice(0, WARNINGS_PER_KIND).map((u) => ({
    row: u.first,
    column: name(column),
    message: `${what} id "${u.id}" is not in the ${reference === 'reps' ? 'roster' : 'customer file'} (${u.n} row${u.n === 1 ? '' : 's'}); the rows load and data quality lists the id`,
  }));
  return capped(lines, unknown.length - lines.length, `unknown ${what} ids`);
}

async function missingCustomerWarning(conn: DuckDBConnection, load: string): Promise<ReportWarning[]> {
  const n = (await one<{ n: number }>(conn, `SELECT count(*) AS n FROM ${ident(load)} WHERE customer_id IS NULL`))?.n ?? 0;
  if (n === 0) return [];
  return [
    {
      row: null,
      column: null,
      message: `${n} order line${n === 1 ? ' has' : 's have'} no customer (walk-in or cash sales): they count in revenue and orders but in no customer metric.`,
    },
  ];
}

async function repsWithoutTargets(conn: DuckDBConnection, load: string, dateColumn: string): Promise<ReportWarning[]> {
  const t = ident(load);
  const found = await rows<{ month: string; reps: string[]; n: number }>(
    conn,
    `WITH fy AS (SELECT coalesce((SELECT CAST(json_extract_string(value, '$') AS INTEGER) FROM settings WHERE key = 'fiscal_year_start_month'), 1) AS s),
     pairs AS (
       SELECT DISTINCT rep_id, CAST(date_trunc('month', ${ident(dateColumn)}) AS DATE) AS m FROM ${t} WHERE rep_id IS NOT NULL
     ),
     labelled AS (
       SELECT rep_id, m, strftime(m, '%Y-%m') AS month,
         CAST(year(m) - CASE WHEN month(m) < fy.s THEN 1 ELSE 0 END AS VARCHAR) AS fyear,
         'Q' || CAST((((month(m) - fy.s + 12) % 12) // 3) + 1 AS VARCHAR) AS fq
       FROM pairs, fy
     )
     SELECT month, list(rep_id ORDER BY rep_id)[1:10] AS reps, count(*) AS n
     FROM labelled l
     WHERE NOT EXISTS (
       SELECT 1 FROM targets g WHERE g.scope_kind = 'rep' AND g.scope_id = l.rep_id
         AND (g.period = l.month OR g.period = l.fyear OR g.period = l.fyear || '-' || l.fq)
     )
     GROUP BY month ORDER BY month`,
  );
  const lines = found.slice(0, WARNINGS_PER_KIND).map((f) => ({
    row: null,
    column: null,
    message: `${f.n} rep${f.n === 1 ? ' has' : 's have'} no target for ${f.month}: ${f.reps.join(', ')}${f.n > f.reps.length ? ', …' : ''}`,
  }));
  return capped(lines, found.length - lines.length, 'months with reps without a target');
}

/** Warnings about the rows that will load (the plan's load table still carries the rule helpers). */
export async function loadWarnings(conn: DuckDBConnection, dataset: DatasetName, load: string, name: ColumnNamer): Promise<ReportWarning[]> {
  const out: ReportWarning[] = [];
  if (dataset === 'orders') {
    out.push(...(await amountWarnings(conn, load, name)));
    out.push(...(await missingCustomerWarning(conn, load)));
  }
  if (dataset === 'orders' || dataset === 'visits') {
    out.push(...(await unknownIdWarnings(conn, load, 'rep_id', 'reps', 'true', name)));
    out.push(...(await unknownIdWarnings(conn, load, 'customer_id', 'customers', 'true', name)));
    out.push(...(await repsWithoutTargets(conn, load, dataset === 'orders' ? 'order_date' : 'visit_at')));
  }
  if (dataset === 'targets') out.push(...(await unknownIdWarnings(conn, load, 'scope_id', 'reps', `s.scope_kind = 'rep'`, name)));
  if (dataset === 'customers') out.push(...(await unknownIdWarnings(conn, load, 'owner_rep_id', 'reps', 'true', name)));
  return out;
}
