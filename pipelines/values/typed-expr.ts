// One place that picks the parsing expression, SQL type and error message for each column type.
import type { ColumnType } from '../datasets.ts';
import { codeExpr, CODES, type CodeType } from './codes.ts';
import { dateExpr, directCast, timestampExpr, type DateOrder } from './dates.ts';
import { discountExpr, integerExpr, numberExpr, type NumberConvention } from './numbers.ts';
import { periodExpr } from './periods.ts';
import { cleanExpr, str } from './sql.ts';

export interface ParseOptions { order?: DateOrder; convention?: NumberConvention }

export function sqlType(type: ColumnType): string {
  switch (type) {
    case 'date': return 'DATE';
    case 'timestamp': return 'TIMESTAMP';
    case 'money':
    case 'number': return 'DECIMAL(18,4)';
    case 'fraction':
    case 'discount': return 'DECIMAL(18,6)';
    case 'integer': return 'INTEGER';
    default: return 'VARCHAR';
  }
}

/** Types whose text is taken as it is (trimmed): they never fail. */
export function isFreeText(type: ColumnType): boolean {
  return type === 'id' || type === 'text';
}

export function isNumeric(type: ColumnType): boolean {
  return type === 'money' || type === 'number' || type === 'integer' || type === 'fraction' || type === 'discount';
}

/** The typed value of a cleaned VARCHAR expression v; NULL when v is NULL or cannot be read. */
export function typedExpr(type: ColumnType, v: string, opts: ParseOptions = {}): string {
  const order = opts.order ?? 'dmy';
  const convention = opts.convention ?? 'dot';
  switch (type) {
    case 'id':
    case 'text': return v;
    case 'date': return dateExpr(v, order);
    case 'timestamp': return timestampExpr(v, order);
    case 'money':
    case 'number': return numberExpr(v, convention, 4);
    case 'fraction': return numberExpr(v, convention, 6);
    case 'integer': return integerExpr(v, convention);
    case 'discount': return discountExpr(v, convention);
    case 'period': return periodExpr(v);
    default: return codeExpr(v, type);
  }
}

/**
 * A cheap reading of the raw cell for the common well-formed case (NULL when it does not apply): a plain number,
 * an ISO date, a code word as written. Whatever it misses goes through the full parser on the trimmed text.
 */
function fastExpr(type: ColumnType, c: string, opts: ParseOptions): string | null {
  const dot = (opts.convention ?? 'dot') === 'dot';
  switch (type) {
    case 'date': return directCast(c, 'DATE');
    case 'timestamp': return directCast(c, 'TIMESTAMP');
    case 'money':
    case 'number': return dot ? `CASE WHEN TRY_CAST(${c} AS DOUBLE) IS NOT NULL THEN TRY_CAST(${c} AS DECIMAL(18,4)) END` : null;
    case 'fraction': return dot ? `CASE WHEN TRY_CAST(${c} AS DOUBLE) IS NOT NULL THEN TRY_CAST(${c} AS DECIMAL(18,6)) END` : null;
    case 'integer': return dot ? `CASE WHEN TRY_CAST(${c} AS DOUBLE) = trunc(TRY_CAST(${c} AS DOUBLE)) THEN TRY_CAST(TRY_CAST(${c} AS DOUBLE) AS INTEGER) END` : null;
    case 'discount': return dot ? `CASE WHEN TRY_CAST(${c} AS DOUBLE) BETWEEN 0 AND 1 THEN TRY_CAST(${c} AS DECIMAL(18,6)) END` : null;
    case 'period': return null;
    case 'id':
    case 'text': return null;
    default: {
      const whens = Object.entries(CODES[type]).map(([code, words]) => `WHEN ${c} IN (${[...new Set([code, ...words])].map(str).join(', ')}) THEN ${str(code)}`);
      return `CASE ${whens.join(' ')} END`;
    }
  }
}

/**
 * The typed value of a raw (untrimmed, possibly empty) cell expression c. Trimming is the costly part at a
 * million rows, so the fast reading comes first and only the rest is trimmed and fully parsed.
 */
export function typedFromRawExpr(type: ColumnType, c: string, opts: ParseOptions = {}): string {
  if (isFreeText(type)) return cleanExpr(c);
  const fast = fastExpr(type, c, opts);
  // A lambda binds the trimmed text once; written out, DuckDB would compute it for every row.
  const full = `list_transform([${cleanExpr(c)}], v -> ${typedExpr(type, 'v', opts)})[1]`;
  if (!fast) return `CASE WHEN ${c} IS NULL THEN NULL ELSE ${full} END`;
  // coalesce evaluates the full parser only on the rows the fast reading left NULL, and the fast
  // reading once (a CASE testing it and then returning it computes it twice).
  return `coalesce(${fast}, CASE WHEN ${c} IS NULL THEN NULL ELSE ${full} END)`;
}

function codesList(type: CodeType): string {
  return Object.keys(CODES[type]).join(', ');
}

/** What the import report says about a value of this type that could not be read. */
export function errorMessage(type: ColumnType): string {
  switch (type) {
    case 'date': return 'is not a date (expected e.g. 2025-03-05, 2025/3/5 or 2025年3月5日)';
    case 'timestamp': return 'is not a date and time (expected e.g. 2025-03-05 14:30 or 2025/3/5 14:30)';
    case 'money':
    case 'number': return 'is not a number (expected e.g. 1234.56, 1,234.56 or ¥1,234.56)';
    case 'fraction': return 'is not a fraction (expected e.g. 0.12 or 12%)';
    case 'integer': return 'is not a whole number';
    case 'discount': return 'is not a discount (expected the fraction off between 0 and 1 such as 0.1 or 10%, or 折 such as 9折)';
    case 'period': return 'is not a period (expected e.g. 2025-03, 2025-Q1, 2025, 2025年3月 or 2025年第1季度)';
    case 'status': return `is not a known status (${codesList('status')}; 已完成, 已取消, 退货)`;
    case 'role': return `is not a known role (${codesList('role')}; 销售经理, 销售主管, 销售代表, 销售助理, 客户经理)`;
    case 'tier': return `is not a known tier (${codesList('tier')}; 重点客户, 普通客户)`;
    case 'visit_type': return `is not a known visit type (${codesList('visit_type')}; 上门拜访, 电话, 会议, 演示, 其他)`;
    case 'metric': return `is not a known metric (${codesList('metric')}; 销售额, 订单数, 新客户数, 拜访次数)`;
    case 'currency': return 'is not a currency (expected a code such as CNY, or 人民币, RMB, ¥)';
    default: return 'could not be read';
  }
}
