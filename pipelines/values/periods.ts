// SQL builder for target periods → canonical 'YYYY-MM', 'YYYY-Qn' or 'YYYY': 2025-03, 2025/3, 2025年3月, 202503,
// 2025-Q1, 2025Q1, Q1 2025, 2025年第1季度, 2025年一季度, 2025, 2025年; a date on the 1st (an Excel cell that turned
// "2025-03" into 2025-03-01) reads as its month.
import { str } from './sql.ts';

const FULL_WIDTH = '０１２３４５６７８９－．／';
const HALF_WIDTH = '0123456789-./';

const MONTH = String.raw`(\d{4})[-/.年](\d{1,2})月?份?`;
const MONTH_COMPACT = String.raw`(\d{4})(\d{2})`;
export const MONTH_FROM_DAY_ONE = String.raw`(\d{4})[-/.](\d{1,2})[-/.]0?1(T?00:00(:00(\.0+)?)?)?`;
const QUARTER_YEAR_FIRST = String.raw`(\d{4})[-/.年]?Q([1-4])`;
const QUARTER_LAST = String.raw`Q([1-4])[-/.]?(\d{4})`;
const QUARTER_ZH = String.raw`(\d{4})年?第?([1-4一二三四])季度?`;
const YEAR = String.raw`(?:FY)?(\d{4})(?:年度?)?`;

/** Upper case, spaces removed, full-width digits folded: the text the period patterns read. */
export function periodTextExpr(v: string): string {
  return `regexp_replace(upper(translate(${v}, ${str(FULL_WIDTH)}, ${str(HALF_WIDTH)})), '\\s', '', 'g')`;
}

function month(x: string, pattern: string, yearGroup: number, monthGroup: number): string {
  const y = `regexp_extract(${x}, ${str(`^${pattern}$`)}, ${yearGroup})`;
  const m = `TRY_CAST(regexp_extract(${x}, ${str(`^${pattern}$`)}, ${monthGroup}) AS INTEGER)`;
  return `CASE WHEN ${m} BETWEEN 1 AND 12 THEN ${y} || '-' || lpad(CAST(${m} AS VARCHAR), 2, '0') END`;
}

function quarter(x: string, pattern: string, yearGroup: number, quarterGroup: number): string {
  const y = `regexp_extract(${x}, ${str(`^${pattern}$`)}, ${yearGroup})`;
  const q = `translate(regexp_extract(${x}, ${str(`^${pattern}$`)}, ${quarterGroup}), '一二三四', '1234')`;
  return `${y} || '-Q' || ${q}`;
}

/** VARCHAR canonical period from a cleaned VARCHAR, NULL when it is not a period. */
export function periodExpr(v: string): string {
  const cases: Array<[string, string]> = [
    [MONTH_FROM_DAY_ONE, month('x', MONTH_FROM_DAY_ONE, 1, 2)],
    [MONTH, month('x', MONTH, 1, 2)],
    [MONTH_COMPACT, month('x', MONTH_COMPACT, 1, 2)],
    [QUARTER_YEAR_FIRST, quarter('x', QUARTER_YEAR_FIRST, 1, 2)],
    [QUARTER_LAST, quarter('x', QUARTER_LAST, 2, 1)],
    [QUARTER_ZH, quarter('x', QUARTER_ZH, 1, 2)],
    [YEAR, `regexp_extract(x, ${str(`^${YEAR}$`)}, 1)`],
  ];
  const whens = cases.map(([p, e]) => `WHEN regexp_full_match(x, ${str(p)}) THEN ${e}`).join('\n      ');
  return `CASE WHEN ${v} IS NULL THEN NULL ELSE list_transform([${periodTextExpr(v)}], x -> CASE
      ${whens}
    END)[1] END`;
}
