// Blank rows and totals rows (合计, 总计, 小计, Total, Grand Total, Sum …) are not data: they are removed from the
// raw staging table, and each totals row is reported as a warning with its row number.
import type { DuckDBConnection } from '@duckdb/node-api';
import { ident, rows, run } from '../../server/db/query.ts';
import { cleanExpr, str } from '../values/sql.ts';
import type { Warning } from './types.ts';

const WORDS = ['合计', '总计', '合計', '總計', '小计', '小計', '总合计', 'total', 'totals', 'grandtotal', 'subtotal', 'sum'];
// Matched after dropping spaces ("合 计" is how many reports align two characters) and a trailing colon.
const TOTALS = `(${WORDS.join('|')})[:：]?`;
const TOTALS_RE = new RegExp(`^${TOTALS}$`, 'i');

/** The first non-empty cell of a row, when it marks a totals row. */
export function totalsLabel(cells: string[]): string | null {
  const first = cells.find((c) => c && c.trim());
  if (!first) return null;
  return TOTALS_RE.test(first.replace(/\s/g, '')) ? first.trim() : null;
}

const MAX_LISTED = 20;

/**
 * A cheap condition every totals label meets (each word has 计 or 計, or the letters of "total" or of
 * "sum", whatever spaces sit between them), so the regex runs on almost no ordinary row.
 */
function mayBeTotals(v: string): string {
  const has = (chars: string) => [...chars].map((c) => `contains(${v}, ${str(c)})`).join(' OR ');
  return `(${has('计計')} OR ((${has('lL')}) AND (${has('tT')}) AND (${has('oO')})) OR ((${has('uU')}) AND (${has('mM')})))`;
}

/** SQL over a raw table giving __row, the first non-empty cell (NULL: blank row) and whether it marks totals. */
function classifySql(table: string, width: number): string {
  const cols = Array.from({ length: width }, (_, i) => ident(`c${i + 1}`));
  // Cheap for the usual row: the first non-NULL cell; only a whitespace-only one needs every cell trimmed.
  // Only an empty cell or one whose first character is a space, a control or non-ASCII can be all spaces.
  const blankish = `(fr = '' OR ascii(fr) <= 32 OR ascii(fr) >= 128)`;
  const first = `CASE WHEN fr IS NULL THEN NULL WHEN ${blankish} AND regexp_full_match(fr, ${str(String.raw`[\s\pZ]*`)}) THEN coalesce(${cols.map(cleanExpr).join(', ')}) ELSE trim(fr) END`;
  return `SELECT __row, first, CASE WHEN length(first) <= 24 AND ${mayBeTotals('first')} THEN regexp_full_match(regexp_replace(first, '\\s', '', 'g'), ${str(`(?i)${TOTALS}`)}) ELSE false END AS totals
    FROM (SELECT __row, ${first} AS first FROM (SELECT __row, ${cols.length ? `coalesce(${cols.join(', ')})` : 'NULL'} AS fr, ${cols.join(', ')} FROM ${table}))`;
}

/** Deletes blank and totals rows from a raw staging table; returns the warnings and the rows left. */
export async function dropBlankAndTotals(conn: DuckDBConnection, table: string, width: number): Promise<{ warnings: Warning[]; rows: number }> {
  const t = ident(table);
  const classified = classifySql(t, width);
  const [summary] = await rows<{ n: number; blank: number; totals: number; listed: Array<{ row: number; label: string }> | null }>(conn,
    `SELECT count(*) AS n, count(*) FILTER (WHERE first IS NULL) AS blank, count(*) FILTER (WHERE totals) AS totals,
       (list({'row': __row, 'label': first} ORDER BY __row) FILTER (WHERE totals))[1:${MAX_LISTED}] AS listed
     FROM (${classified})`);
  const s = summary!;
  if (s.blank + s.totals > 0) {
    await run(conn, `DELETE FROM ${t} WHERE __row IN (SELECT __row FROM (${classified}) WHERE first IS NULL OR totals)`);
  }
  const warnings: Warning[] = (s.listed ?? []).map((f) => ({ row: Number(f.row), column: null, message: `Row ${f.row} is a totals row (${f.label}) and was left out.` }));
  if (s.totals > MAX_LISTED) warnings.push({ row: null, column: null, message: `${s.totals - MAX_LISTED} more totals rows were left out.` });
  return { warnings, rows: s.n - s.blank - s.totals };
}
