// SQL builders for numbers, money, whole numbers and discounts: 1,234.56 or 1.234,56 (decided per column),
// currency signs and words, 元, (negatives), 12%, full-width digits, 万/亿, and 折 discounts (九折 = 10 % off).
import { codeKey, codeKeyExpr, str } from './sql.ts';

export type NumberConvention = 'dot' | 'comma';

const FULL_WIDTH = '０１２３４５６７８９．，－＋（）％−';
const HALF_WIDTH = '0123456789.,-+()%-';
// Currency signs and words around an amount carry no value (the currency column says which currency).
const CURRENCY = String.raw`(?i)rmb|cny|usd|eur|hkd|人民币|人民幣|元|圆|[¥￥$€£\s]`;
const SHAPE = String.raw`^(\(?)([+-]?)(\(?)([0-9.,]+)([%万萬亿億]?)(\)?)$`;
const GROUPED = { dot: String.raw`(\d{1,3}(,\d{3})+|\d*)(\.\d*)?`, comma: String.raw`(\d{1,3}(\.\d{3})+|\d*)(,\d*)?` };

/** The text with full-width forms folded and currency marks removed. */
function plainExpr(v: string): string {
  return `regexp_replace(translate(${v}, ${str(FULL_WIDTH)}, ${str(HALF_WIDTH)}), ${str(CURRENCY)}, '', 'g')`;
}

/** The slow path: parse the plain text's parts and apply sign, grouping convention, % and 万/亿. */
function slowNumberExpr(v: string, convention: NumberConvention, scale: number): string {
  const core = convention === 'dot' ? `replace(g.num, ',', '')` : `replace(replace(g.num, '.', ''), ',', '.')`;
  return `list_transform([regexp_extract(${plainExpr(v)}, ${str(SHAPE)}, ['o1', 'sign', 'o2', 'num', 'suf', 'close'])], g ->
    CASE WHEN g.num <> '' AND ((g.o1 || g.o2) = '') = (g.close = '') AND length(g.o1 || g.o2) <= 1
          AND regexp_full_match(g.num, ${str(GROUPED[convention])})
      THEN TRY_CAST(
        TRY_CAST(${core} AS DECIMAL(38,10))
        * (CASE g.suf WHEN '%' THEN 0.01 WHEN '万' THEN 10000 WHEN '萬' THEN 10000 WHEN '亿' THEN 100000000 WHEN '億' THEN 100000000 ELSE 1 END)
        * (CASE WHEN (g.sign = '-') <> (g.close = ')') THEN -1 ELSE 1 END)
        AS DECIMAL(18,${scale}))
    END)[1]`;
}

/** DECIMAL(18,scale) from a cleaned VARCHAR, NULL when it is not a number. */
export function numberExpr(v: string, convention: NumberConvention = 'dot', scale = 4): string {
  // A failed cast to DECIMAL is slow in DuckDB while one to DOUBLE is cheap, so DOUBLE guards the fast path.
  const fast = convention === 'dot' ? `CASE WHEN TRY_CAST(${v} AS DOUBLE) IS NOT NULL THEN TRY_CAST(${v} AS DECIMAL(18,${scale})) END,` : '';
  return `CASE WHEN ${v} IS NULL THEN NULL ELSE coalesce(${fast} ${slowNumberExpr(v, convention, scale)}) END`;
}

/** INTEGER from a cleaned VARCHAR; 3.0 is 3, 3.5 is not a whole number (NULL). */
export function integerExpr(v: string, convention: NumberConvention = 'dot'): string {
  const n = numberExpr(v, convention, 4);
  return `CASE WHEN (${n}) = trunc(${n}) THEN TRY_CAST(${n} AS INTEGER) END`;
}

const NO_DISCOUNT = ['无', '無', '无折扣', '無折扣', '不打折', '原价', '原價', 'none', 'no', 'nodiscount', 'n/a'];

/** 折 notation is the fraction paid: 九折/9折 → 0.9 paid, 95折 → 0.95, 8.5折 → 0.85; returns the fraction OFF. */
function zheExpr(v: string): string {
  const digits = `translate(regexp_extract(translate(${v}, ${str(FULL_WIDTH)}, ${str(HALF_WIDTH)}), ${str(String.raw`^([0-9.〇零一二三四五六七八九]+)\s*折$`)}, 1), '〇零一二三四五六七八九', '00123456789')`;
  return `list_transform([${digits}], d -> CASE
      WHEN regexp_full_match(d, ${str(String.raw`[1-9]\.\d+|[1-9]`)}) THEN 1 - TRY_CAST(d AS DECIMAL(18,6)) / 10
      WHEN regexp_full_match(d, ${str(String.raw`[1-9]\d`)}) THEN 1 - TRY_CAST(d AS DECIMAL(18,6)) / 100
    END)[1]`;
}

/**
 * WHEN branches for the usual 折 forms in plain digits (9折, 95折, 8.5折) without any regex: the same
 * arithmetic on the same digits as zheExpr, which reads every other form.
 */
function zheFast(v: string): string {
  const at = (i: number) => `substr(${v}, ${i}, 1)`;
  const digit = (i: number, from = '0') => `${at(i)} BETWEEN '${from}' AND '9'`;
  const digits = `replace(${v}, '折', '')`;
  return `WHEN length(${v}) = 2 AND ${at(2)} = '折' AND ${digit(1, '1')} THEN 1 - TRY_CAST(${digits} AS DECIMAL(18,6)) / 10
        WHEN length(${v}) = 3 AND ${at(3)} = '折' AND ${digit(1, '1')} AND ${digit(2)} THEN 1 - TRY_CAST(${digits} AS DECIMAL(18,6)) / 100
        WHEN length(${v}) = 4 AND ${at(4)} = '折' AND ${digit(1, '1')} AND ${at(2)} = '.' AND ${digit(3)} THEN 1 - TRY_CAST(${digits} AS DECIMAL(18,6)) / 10`;
}

/** Discount as the fraction off, DECIMAL(18,6) in [0, 1]: 0.1, 10%, 九折, 9折, 8.5折, 95折; 无/不打折 → 0. */
export function discountExpr(v: string, convention: NumberConvention = 'dot'): string {
  const n = numberExpr(v, convention, 6);
  const words = NO_DISCOUNT.map((w) => str(codeKey(w))).join(', ');
  const fast = convention === 'dot' ? `WHEN TRY_CAST(${v} AS DOUBLE) BETWEEN 0 AND 1 THEN TRY_CAST(${v} AS DECIMAL(18,6))` : '';
  // The slow forms sit in one ELSE so the common fraction never reaches them (an IN list would be expanded into
  // repeated comparisons whose shared key DuckDB then computes for every row; list_contains keeps it in the branch).
  return `CASE
      WHEN ${v} IS NULL THEN NULL
      ${fast}
      ELSE TRY_CAST(CASE
        ${zheFast(v)}
        WHEN list_contains([${words}], ${codeKeyExpr(v)}) THEN 0
        WHEN contains(${v}, '折') THEN ${zheExpr(v)}
        ELSE list_transform([${n}], x -> CASE WHEN x >= 0 AND x <= 1 THEN x END)[1]
      END AS DECIMAL(18,6))
    END`;
}

const digitsOnly = (e: string) => `regexp_replace(${e}, '[^0-9.,]', '', 'g')`;

/** Count of values only the decimal-comma convention reads sensibly (1.234,56 or 12,5); v is a raw cell. */
export function commaEvidence(v: string): string {
  return `count_if(CASE WHEN contains(${v}, ',') THEN regexp_full_match(${digitsOnly(v)}, ${str(String.raw`\d{1,3}(\.\d{3})*,\d+`)}) AND NOT regexp_full_match(${digitsOnly(v)}, ${str(String.raw`\d{1,3}(,\d{3})+`)}) ELSE false END)`;
}

/** Count of values only the decimal-point convention reads sensibly (1,234.56 or 12.5). */
export function dotEvidence(v: string): string {
  return `count_if(CASE WHEN contains(${v}, '.') THEN regexp_full_match(${digitsOnly(v)}, ${str(String.raw`[\d,]*\.\d+`)}) AND NOT regexp_full_match(${digitsOnly(v)}, ${str(String.raw`\d{1,3}(\.\d{3})+`)}) ELSE false END)`;
}

/** Both counts for columns of a table, as comma_<key> and (when asked) dot_<key>. */
export function conventionEvidenceSql(table: string, columns: Array<{ key: string; expr: string }>, withDot: boolean): string {
  const parts = columns.map(({ key, expr }) => `${commaEvidence(expr)} AS comma_${key}${withDot ? `, ${dotEvidence(expr)} AS dot_${key}` : ''}`);
  return `SELECT ${parts.join(', ')} FROM ${table}`;
}
