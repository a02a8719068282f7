// Raw staging table → typed staging table: every canonical column of the dataset parsed in one SQL statement,
// with the values that could not be read listed per row in __errors. Column-wide choices (day/month order,
// decimal comma) are decided first, over the whole column.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { DuckDBValue } from '@duckdb/node-api';
import { ident, rows } from '../../server/db/query.ts';
import { DATASETS, type ColumnSpec, type Dataset } from '../datasets.ts';
import type { ResolvedMapping } from '../map/match.ts';
import { InputError } from '../read/input-error.ts';
import type { StagedFile } from '../read/types.ts';
import { dayMonthStatsSql, decideDayMonth, type DateOrder, type DayMonthStats } from './dates.ts';
import { conventionEvidenceSql, type NumberConvention } from './numbers.ts';
import { MONTH_FROM_DAY_ONE } from './periods.ts';
import { cleanExpr, str } from './sql.ts';
import { errorMessage, isFreeText, isNumeric, sqlType, typedFromRawExpr, type ParseOptions } from './typed-expr.ts';

interface Source { spec: ColumnSpec; raw: string | null; label: string; alias: string }


const ERROR_TYPE = 'STRUCT(col VARCHAR, value VARCHAR, message VARCHAR)';

/** The parameters a statement uses: DuckDB refuses a binding for a parameter the statement does not have. */
function used(sql: string, params: Record<string, DuckDBValue>): Record<string, DuckDBValue> {
  return Object.fromEntries(Object.entries(params).filter(([k]) => new RegExp(`\\$${k}\\b`).test(sql)));
}

export async function stageTyped(
  conn: DuckDBConnection,
  staged: StagedFile,
  dataset: Dataset,
  mapping: ResolvedMapping,
  opts: { table: string; file: string },
): Promise<{ table: string; decisions: string[] }> {
  const params: Record<string, DuckDBValue> = {};
  const sources: Source[] = DATASETS[dataset].columns.map((spec, i) => {
    const m = mapping.columns[spec.name];
    let raw: string | null = null;
    let label = spec.name;
    if (m && 'index' in m) {
      if (m.index >= staged.headers.length) throw new Error(`Mapping for ${spec.name} points at column ${m.index + 1}, beyond the ${staged.headers.length} staged columns.`);
      raw = ident(`c${m.index + 1}`);
      label = `"${m.header}"`;
    } else if (m) {
      params[`k${i}`] = m.value;
      raw = `CAST($k${i} AS VARCHAR)`;
      label = `the constant for ${spec.name}`;
    }
    return { spec, raw, label, alias: `a${i}` };
  });
  const mapped = sources.filter((s) => s.raw);
  const table = ident(staged.table);
  // Decisions read trimmed values of the few columns they concern.
  const decided = mapped.filter((s) => !isFreeText(s.spec.type));
  const src = `(SELECT __row${decided.map((s) => `, ${cleanExpr(s.raw!)} AS ${s.alias}`).join('')} FROM ${table})`;
  const decisions: string[] = [];
  const options = new Map<string, ParseOptions>();

  for (const s of mapped.filter((x) => x.spec.type === 'date' || x.spec.type === 'timestamp')) {
    const order = await decideOrder(conn, src, s, params, opts.file, decisions);
    options.set(s.spec.name, { order });
  }
  for (const [name, convention] of await decideConventions(conn, src, mapped.filter((x) => isNumeric(x.spec.type)), params, decisions)) {
    options.set(name, { ...options.get(name), convention });
  }
  await noteSpecialForms(conn, src, mapped, params, decisions);

  const t = (s: Source) => `t${s.alias.slice(1)}`;
  const rawCols = mapped.map((s) => `${s.raw} AS ${s.alias}`);
  const typed = mapped.map((s) => `${typedFromRawExpr(s.spec.type, s.alias, options.get(s.spec.name))} AS ${t(s)}`);
  const checked = mapped.filter((s) => !isFreeText(s.spec.type));
  const failed = (s: Source) => `(${t(s)} IS NULL AND ${s.alias} IS NOT NULL)`;
  // A blank-looking cell (spaces only) is no error: the trimmed text decides, bound once by the lambda.
  const errorItems = checked.map((s) => `CASE WHEN ${failed(s)} THEN list_transform([${cleanExpr(s.alias)}], x -> CASE WHEN x IS NOT NULL THEN {'col': ${str(s.spec.name)}, 'value': x, 'message': ${str(errorMessage(s.spec.type))}} END)[1] END`);
  const errors = checked.length
    ? `CASE WHEN ${checked.map(failed).join(' OR ')} THEN list_filter([${errorItems.join(', ')}], e -> e IS NOT NULL) ELSE []::${ERROR_TYPE}[] END`
    : `[]::${ERROR_TYPE}[]`;
  const columns = sources.map((s) => `${s.raw ? `CAST(${t(s)} AS ${sqlType(s.spec.type)})` : `CAST(NULL AS ${sqlType(s.spec.type)})`} AS ${ident(s.spec.name)}`);

  const inner = `SELECT __row${rawCols.map((c) => `, ${c}`).join('')} FROM ${table}`;
  const middle = `SELECT __row${mapped.map((s) => `, ${s.alias}`).join('')}${typed.map((c) => `, ${c}`).join('')} FROM (${inner})`;
  const sql = `CREATE OR REPLACE TEMP TABLE ${ident(opts.table)} AS SELECT __row, ${columns.join(', ')}, ${errors} AS __errors FROM (${middle})`;
  await conn.run(sql, used(sql, params));
  return { table: opts.table, decisions };
}

async function decideOrder(conn: DuckDBConnection, src: string, s: Source, params: Record<string, DuckDBValue>, file: string, decisions: string[]): Promise<DateOrder> {
  const statsSql = dayMonthStatsSql(src, s.alias);
  const [stats] = await rows<DayMonthStats & Record<string, unknown>>(conn, statsSql, used(statsSql, params));
  const decision = decideDayMonth(stats!);
  const where = { file, column: s.label.replace(/^"|"$/g, '') };
  if ('refuse' in decision) {
    if (decision.refuse === 'both') {
      throw new InputError(
        `${file}, column ${s.label} (${s.spec.name}): some dates put the day first (row ${stats!.row_a}: ${stats!.raw_a}) and others the month first (row ${stats!.row_b}: ${stats!.raw_b}); write them all one way, best as 2025-03-05.`,
        { ...where, row: stats!.row_a },
      );
    }
    throw new InputError(
      `${file}, column ${s.label} (${s.spec.name}): dates such as ${stats!.raw_u} (row ${stats!.row_u}) read as day/month or as month/day and no date in the column decides which; write them as 2025-03-05.`,
      { ...where, row: stats!.row_u },
    );
  }
  if (decision.decided) {
    const example = decision.order === 'dmy' ? `${stats!.raw_a} in row ${stats!.row_a}` : `${stats!.raw_b} in row ${stats!.row_b}`;
    decisions.push(`${s.spec.name} read as ${decision.order === 'dmy' ? 'day/month/year' : 'month/day/year'} (e.g. ${example}).`);
  }
  return decision.order;
}

async function decideConventions(conn: DuckDBConnection, src: string, numeric: Source[], params: Record<string, DuckDBValue>, decisions: string[]): Promise<Map<string, NumberConvention>> {
  const out = new Map<string, NumberConvention>();
  if (!numeric.length) return out;
  const cols = numeric.map((s) => ({ key: s.alias, expr: s.alias }));
  const firstSql = conventionEvidenceSql(src, cols, false);
  const [first] = await rows(conn, firstSql, used(firstSql, params));
  const withComma = cols.filter((c) => Number(first![`comma_${c.key}`]) > 0);
  if (!withComma.length) return out;
  const secondSql = conventionEvidenceSql(src, withComma, true);
  const [second] = await rows(conn, secondSql, used(secondSql, params));
  for (const c of withComma) {
    const name = numeric.find((s) => s.alias === c.key)!.spec.name;
    if (Number(second![`dot_${c.key}`]) > 0) {
      decisions.push(`${name} mixes 1,234.56 and 1.234,56: read with a decimal point; values written the other way are listed as errors.`);
    } else {
      out.set(name, 'comma');
      decisions.push(`${name} read with a decimal comma (1.234,56 = 1234.56).`);
    }
  }
  return out;
}

/** Notes for forms read by a rule the user may want to know about: Excel serial dates, periods written as dates. */
async function noteSpecialForms(conn: DuckDBConnection, src: string, sources: Source[], params: Record<string, DuckDBValue>, decisions: string[]): Promise<void> {
  const parts: Array<[string, string]> = [];
  for (const s of sources) {
    if (!s.raw) continue;
    if (s.spec.type === 'date' || s.spec.type === 'timestamp') {
      parts.push([`${s.spec.name} had Excel serial day numbers (e.g. 45717 = 2025-03-01), read as dates.`,
        `count_if(CASE WHEN TRY_CAST(${s.alias} AS DOUBLE) IS NOT NULL THEN regexp_full_match(${s.alias}, ${str(String.raw`\d{5}(\.\d+)?`)}) ELSE false END)`]);
    }
    if (s.spec.type === 'period') {
      parts.push([`${s.spec.name} had dates on the 1st of a month (e.g. 2025-03-01), read as that month.`,
        `count_if(regexp_full_match(${s.alias}, ${str(MONTH_FROM_DAY_ONE)}))`]);
    }
  }
  if (!parts.length) return;
  const countSql = `SELECT ${parts.map(([, e], i) => `${e} AS n${i}`).join(', ')} FROM ${src}`;
  const [counts] = await rows(conn, countSql, used(countSql, params));
  parts.forEach(([note], i) => {
    if (Number(counts![`n${i}`]) > 0) decisions.push(note);
  });
}
