// Raw staging table → typed staging table: every canonical column of the dataset parsed in one SQL statement,
// with the values that could not be read listed per row in __errors. Column-wide choices (day/month order,
// decimal comma) are decided first, over the whole column, in one scan of the raw table.
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { ident, rows } from '../../server/db/query.ts';
import { DATASETS, type ColumnSpec, type Dataset } from '../datasets.ts';
import type { ResolvedMapping } from '../map/match.ts';
import { InputError } from '../read/input-error.ts';
import type { StagedFile } from '../read/types.ts';
import { dayMonthAggregates, decideDayMonth, type DateOrder, type DayMonthStats } from './dates.ts';
import { commaEvidence, dotEvidence, type NumberConvention } from './numbers.ts';
import { MONTH_FROM_DAY_ONE } from './periods.ts';
import { cleanExpr, str } from './sql.ts';
import { errorMessage, isFreeText, isNumeric, sqlType, typedFromRawExpr, type ParseOptions } from './typed-expr.ts';

interface Source { spec: ColumnSpec; raw: string | null; label: string; alias: string }
type Params = Record<string, DuckDBValue>;

const ERROR_TYPE = 'STRUCT(col VARCHAR, value VARCHAR, message VARCHAR)';

/** The parameters a statement uses: DuckDB refuses a binding for a parameter the statement does not have. */
function used(sql: string, params: Params): Params {
  return Object.fromEntries(Object.entries(params).filter(([k]) => new RegExp(`\\$${k}\\b`).test(sql)));
}

const isDate = (s: Source) => s.spec.type === 'date' || s.spec.type === 'timestamp';

export async function stageTyped(
  conn: DuckDBConnection,
  staged: StagedFile,
  dataset: Dataset,
  mapping: ResolvedMapping,
  /** view: create a temporary view rather than a table (read once, by the load rules). */
  opts: { table: string; file: string; view?: boolean },
): Promise<{ table: string; decisions: string[] }> {
  const params: Params = {};
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
  const inner = `SELECT __row${mapped.map((s) => `, ${s.raw} AS ${s.alias}`).join('')} FROM ${ident(staged.table)}`;
  const { options, decisions } = await decide(conn, inner, mapped, params, opts.file);

  const t = (s: Source) => `t${s.alias.slice(1)}`;
  const typed = mapped.map((s) => `${typedFromRawExpr(s.spec.type, s.alias, options.get(s.spec.name))} AS ${t(s)}`);
  const checked = mapped.filter((s) => !isFreeText(s.spec.type));
  const failed = (s: Source) => `(${t(s)} IS NULL AND ${s.alias} IS NOT NULL)`;
  // A blank-looking cell (spaces only) is no error: the trimmed text decides, bound once by the lambda.
  const errorItems = checked.map((s) => `CASE WHEN ${failed(s)} THEN list_transform([${cleanExpr(s.alias)}], x -> CASE WHEN x IS NOT NULL THEN {'col': ${str(s.spec.name)}, 'value': x, 'message': ${str(errorMessage(s.spec.type))}} END)[1] END`);
  const errors = checked.length
    ? `CASE WHEN ${checked.map(failed).join(' OR ')} THEN list_filter([${errorItems.join(', ')}], e -> e IS NOT NULL) ELSE []::${ERROR_TYPE}[] END`
    : `[]::${ERROR_TYPE}[]`;
  const columns = sources.map((s) => `${s.raw ? `CAST(${t(s)} AS ${sqlType(s.spec.type)})` : `CAST(NULL AS ${sqlType(s.spec.type)})`} AS ${ident(s.spec.name)}`);
  const middle = `SELECT __row${mapped.map((s) => `, ${s.alias}`).join('')}${typed.map((c) => `, ${c}`).join('')} FROM (${inner})`;
  const select = `SELECT __row, ${columns.join(', ')}, ${errors} AS __errors FROM (${middle})`;
  // A view is read once by the load rules, which saves writing and reading a full copy of the file.
  // A view cannot hold bound parameters, so a mapping with constants gets a table.
  if (opts.view && Object.keys(used(select, params)).length === 0) {
    await conn.run(`CREATE OR REPLACE TEMP VIEW ${ident(opts.table)} AS ${select}`);
    return { table: opts.table, decisions };
  }
  const sql = `CREATE OR REPLACE TEMP TABLE ${ident(opts.table)} AS ${select}`;
  await conn.run(sql, used(sql, params));
  return { table: opts.table, decisions };
}

/** One scan for every column-wide decision: day/month order, decimal convention, and forms worth a note. */
async function decide(conn: DuckDBConnection, inner: string, mapped: Source[], params: Params, file: string) {
  const options = new Map<string, ParseOptions>();
  const decisions: string[] = [];
  const parts: string[] = [];
  for (const s of mapped) {
    if (isDate(s)) {
      parts.push(...dayMonthAggregates(s.alias, `${s.alias}_`));
      parts.push(`count_if(CASE WHEN TRY_CAST(${s.alias} AS DOUBLE) IS NOT NULL THEN regexp_full_match(trim(${s.alias}), ${str(String.raw`\d{5}(\.\d+)?`)}) ELSE false END) AS ${s.alias}_serial`);
    } else if (isNumeric(s.spec.type)) {
      parts.push(`${commaEvidence(s.alias)} AS ${s.alias}_comma`);
    } else if (s.spec.type === 'period') {
      parts.push(`count_if(regexp_full_match(trim(${s.alias}), ${str(MONTH_FROM_DAY_ONE)})) AS ${s.alias}_dayone`);
    }
  }
  if (!parts.length) return { options, decisions };
  const profileSql = `SELECT ${parts.join(', ')} FROM (${inner})`;
  const [profile] = await rows(conn, profileSql, used(profileSql, params));
  const p = profile!;

  for (const s of mapped.filter(isDate)) {
    const stats = Object.fromEntries(Object.entries(p).filter(([k]) => k.startsWith(`${s.alias}_`)).map(([k, v]) => [k.slice(s.alias.length + 1), v])) as unknown as DayMonthStats;
    options.set(s.spec.name, { order: orderOf(s, stats, file, decisions) });
    if (Number(p[`${s.alias}_serial`]) > 0) decisions.push(`${s.spec.name} had Excel serial day numbers (e.g. 45717 = 2025-03-01), read as dates.`);
  }
  const withComma = mapped.filter((s) => isNumeric(s.spec.type) && Number(p[`${s.alias}_comma`]) > 0);
  if (withComma.length) {
    const dotSql = `SELECT ${withComma.map((s) => `${dotEvidence(s.alias)} AS ${s.alias}_dot`).join(', ')} FROM (${inner})`;
    const [dots] = await rows(conn, dotSql, used(dotSql, params));
    for (const s of withComma) {
      if (Number(dots![`${s.alias}_dot`]) > 0) {
        decisions.push(`${s.spec.name} mixes 1,234.56 and 1.234,56: read with a decimal point; values written the other way are listed as errors.`);
      } else {
        options.set(s.spec.name, { ...options.get(s.spec.name), convention: 'comma' as NumberConvention });
        decisions.push(`${s.spec.name} read with a decimal comma (1.234,56 = 1234.56).`);
      }
    }
  }
  for (const s of mapped.filter((x) => x.spec.type === 'period')) {
    if (Number(p[`${s.alias}_dayone`]) > 0) decisions.push(`${s.spec.name} had dates on the 1st of a month (e.g. 2025-03-01), read as that month.`);
  }
  return { options, decisions };
}

function orderOf(s: Source, stats: DayMonthStats, file: string, decisions: string[]): DateOrder {
  const decision = decideDayMonth(stats);
  const column = s.label.replace(/^"|"$/g, '');
  if ('refuse' in decision) {
    if (decision.refuse === 'both') {
      throw new InputError(
        `${file}, column ${s.label} (${s.spec.name}): some dates put the day first (row ${stats.row_a}: ${stats.raw_a}) and others the month first (row ${stats.row_b}: ${stats.raw_b}); write them all one way, best as 2025-03-05.`,
        { file, column, row: stats.row_a },
      );
    }
    throw new InputError(
      `${file}, column ${s.label} (${s.spec.name}): dates such as ${stats.raw_u} (row ${stats.row_u}) read as day/month or as month/day and no date in the column decides which; write them as 2025-03-05.`,
      { file, column, row: stats.row_u },
    );
  }
  if (decision.decided) {
    const example = decision.order === 'dmy' ? `${stats.raw_a} in row ${stats.row_a}` : `${stats.raw_b} in row ${stats.row_b}`;
    decisions.push(`${s.spec.name} read as ${decision.order === 'dmy' ? 'day/month/year' : 'month/day/year'} (e.g. ${example}).`);
  }
  return decision.order;
}
