// SQL builders for dates and timestamps: ISO, 2025/3/5, 2025.3.5, 2025年3月5日, 20250305, d/m/y or m/d/y (decided
// per column), Excel serial numbers; plus the query that decides a column's day/month order.
import { str } from './sql.ts';

export type DateOrder = 'dmy' | 'mdy';

/** a/b/yyyy with / . or - between the parts: the form whose day/month order must be decided per column. */
export const DAY_MONTH_PATTERN = String.raw`^(\d{1,2})[./-](\d{1,2})[./-](\d{4})`;
// Excel serials accepted in a date column: 1954-10-03 .. 2099-12-31; outside that a number is not a date.
const SERIAL_MIN = 20000;
const SERIAL_MAX = 73051;

/**
 * Rewrites the non-ISO forms to 'YYYY-M-D[ time]' text DuckDB can cast; NULL when the text has none of them.
 * v must be a cleaned (trimmed, non-empty) VARCHAR expression.
 */
export function isoDateTextExpr(v: string, order: DateOrder): string {
  const swap = order === 'dmy' ? String.raw`\3-\2-\1` : String.raw`\3-\1-\2`;
  return `CASE
    WHEN regexp_matches(${v}, ${str(String.raw`^\d{4}\s*年`)}) THEN trim(regexp_replace(${v}, ${str(String.raw`^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号號]?\s*`)}, ${str(String.raw`\1-\2-\3 `)}))
    WHEN regexp_matches(${v}, ${str(String.raw`^\d{4}\.\d`)}) THEN regexp_replace(${v}, ${str(String.raw`^(\d{4})\.(\d{1,2})\.(\d{1,2})`)}, ${str(String.raw`\1-\2-\3`)})
    WHEN regexp_full_match(${v}, ${str(String.raw`\d{8}`)}) THEN regexp_replace(${v}, ${str(String.raw`^(\d{4})(\d{2})(\d{2})$`)}, ${str(String.raw`\1-\2-\3`)})
    WHEN regexp_matches(${v}, ${str(DAY_MONTH_PATTERN)}) THEN regexp_replace(${v}, ${str(DAY_MONTH_PATTERN)}, ${str(swap)})
  END`;
}

/** An Excel serial day number in the accepted range, as DOUBLE, else NULL. */
function serialExpr(v: string): string {
  return `CASE WHEN regexp_full_match(${v}, ${str(String.raw`\d{5}(\.\d+)?`)}) AND TRY_CAST(${v} AS DOUBLE) BETWEEN ${SERIAL_MIN} AND ${SERIAL_MAX} THEN TRY_CAST(${v} AS DOUBLE) END`;
}

// The direct cast handles ISO and 2025/3/5 quickly; DuckDB also casts '05/03/25' to year 5, so a cast only
// counts when its year has four digits, and is only tried when the fifth character separates a year.
export function directCast(v: string, type: 'DATE' | 'TIMESTAMP'): string {
  return `CASE WHEN substr(${v}, 5, 1) IN ('-', '/') AND year(TRY_CAST(${v} AS ${type})) >= 1000 THEN TRY_CAST(${v} AS ${type}) END`;
}

/** DATE from a cleaned VARCHAR; a time part is dropped. NULL when the text is not a date. */
export function dateExpr(v: string, order: DateOrder = 'dmy'): string {
  return `CASE WHEN ${v} IS NULL THEN NULL ELSE coalesce(
    ${directCast(v, 'DATE')},
    TRY_CAST(${isoDateTextExpr(v, order)} AS DATE),
    DATE '1899-12-30' + CAST(floor(${serialExpr(v)}) AS INTEGER)
  ) END`;
}

/** TIMESTAMP from a cleaned VARCHAR (date alone → midnight; 'T' or space before the time; seconds optional). */
export function timestampExpr(v: string, order: DateOrder = 'dmy'): string {
  return `CASE WHEN ${v} IS NULL THEN NULL ELSE coalesce(
    ${directCast(v, 'TIMESTAMP')},
    TRY_CAST(${isoDateTextExpr(v, order)} AS TIMESTAMP),
    TIMESTAMP '1899-12-30 00:00:00' + to_seconds(CAST(round(${serialExpr(v)} * 86400) AS BIGINT))
  ) END`;
}

/**
 * Aggregates (named prefix + max_a, max_b, unequal, n, row_a, raw_a, row_b, raw_b, row_u, raw_u) giving the
 * evidence about a column's a/b/yyyy dates: the largest first and second parts, how many differ, and an example
 * row for each side (for messages). v is a raw cell; the query must also select __row.
 */
export function dayMonthAggregates(v: string, prefix: string): string[] {
  // The pattern needs a separator as the 2nd or 3rd character, or leading spaces (RE2's \s is ASCII):
  // testing that first keeps the regex off ISO dates, the usual form.
  const may = `(substr(${v}, 2, 1) IN ('.', '/', '-') OR substr(${v}, 3, 1) IN ('.', '/', '-') OR ascii(${v}) IN (9, 10, 11, 12, 13, 32))`;
  const g = `CASE WHEN ${may} THEN regexp_extract(${v}, ${str(String.raw`^\s*` + DAY_MONTH_PATTERN.slice(1))}, ['a', 'b']) END`;
  const a = `TRY_CAST(${g}.a AS INTEGER)`;
  const b = `TRY_CAST(${g}.b AS INTEGER)`;
  return [
    `max(${a}) AS ${prefix}max_a`, `max(${b}) AS ${prefix}max_b`,
    `count_if(${a} <> ${b}) AS ${prefix}unequal`, `count(${a}) AS ${prefix}n`,
    `min(__row) FILTER (WHERE ${a} > 12) AS ${prefix}row_a`, `arg_min(trim(${v}), __row) FILTER (WHERE ${a} > 12) AS ${prefix}raw_a`,
    `min(__row) FILTER (WHERE ${b} > 12) AS ${prefix}row_b`, `arg_min(trim(${v}), __row) FILTER (WHERE ${b} > 12) AS ${prefix}raw_b`,
    `min(__row) FILTER (WHERE ${a} <> ${b}) AS ${prefix}row_u`, `arg_min(trim(${v}), __row) FILTER (WHERE ${a} <> ${b}) AS ${prefix}raw_u`,
  ];
}

/** The day/month evidence of one column of a table (or subquery) that has __row. */
export function dayMonthStatsSql(table: string, v: string): string {
  return `SELECT ${dayMonthAggregates(v, '').join(', ')} FROM ${table}`;
}

export interface DayMonthStats {
  max_a: number | null; max_b: number | null; unequal: number; n: number;
  row_a: number | null; raw_a: string | null; row_b: number | null; raw_b: string | null; row_u: number | null; raw_u: string | null;
}

export type OrderDecision =
  | { order: DateOrder; decided: boolean }
  | { refuse: 'both' | 'ambiguous' };

/** Any first part > 12 → day first; any second part > 12 → month first; both → refuse; neither → refuse unless every date reads the same both ways. */
export function decideDayMonth(s: DayMonthStats): OrderDecision {
  if (!s.n) return { order: 'dmy', decided: false };
  const dayFirst = (s.max_a ?? 0) > 12;
  const monthFirst = (s.max_b ?? 0) > 12;
  if (dayFirst && monthFirst) return { refuse: 'both' };
  if (dayFirst) return { order: 'dmy', decided: true };
  if (monthFirst) return { order: 'mdy', decided: true };
  if (s.unequal > 0) return { refuse: 'ambiguous' };
  return { order: 'dmy', decided: false };
}
