// Rules of the data for order lines (metrics.md): amount precedence, returns stored negative,
// default status, names as ids for reps and customers, currency normalised for the currency check.
import { ident, literal } from '../../../server/db/query.ts';
import { CODES } from '../tables.ts';
import { REP_LOOKUP_CTES, type RuleSource, code, col, errorIf, errorList, hasParseError, missing, parseErrors, repJoin, repResolved, text, unknownCode } from './common.ts';

/** Spellings of a currency that mean its ISO code. */
const CURRENCY_ALIASES: Record<string, string[]> = {
  CNY: ['RMB', '人民币', '¥', '￥', '元', 'CN¥'],
  USD: ['US$', '$', '美元'],
  EUR: ['€', '欧元'],
  HKD: ['HK$', '港币', '港元'],
  JPY: ['日元', 'JP¥'],
  GBP: ['£', '英镑'],
};

function currencyExpr(expr: string): string {
  const cases = Object.entries(CURRENCY_ALIASES)
    .map(([iso, names]) => `WHEN ${expr} IN (${names.map(literal).join(', ')}) THEN ${literal(iso)}`)
    .join(' ');
  return `CASE ${cases} ELSE ${expr} END`;
}

/**
 * A blank discount in a file that has a discount column means no discount (exports leave it blank,
 * or write 0, or 无); without the column the discount is unknown and stays NULL.
 */
export function ordersSelect(src: RuleSource, opts: { orderLevel: boolean }): string {
  const lineNoCheck = opts.orderLevel ? [] : [missing('line_no', 'line_no', 'line_no is missing (other lines in this file have one)')];
  return `WITH ${REP_LOOKUP_CTES},
src AS (
  SELECT
    t.__row AS __row,
    ${parseErrors(src)} AS __perr,
    ${text(src, 'order_id')} AS order_id,
    ${opts.orderLevel ? 'CAST(NULL AS INTEGER)' : col(src, 'line_no', 'INTEGER')} AS line_no,
    ${col(src, 'order_date', 'DATE')} AS order_date,
    ${text(src, 'customer_id')} AS customer_id_raw,
    ${text(src, 'customer_name')} AS customer_name,
    ${text(src, 'rep_id')} AS rep_raw,
    ${text(src, 'sku')} AS sku,
    ${text(src, 'product_name')} AS product_name,
    ${text(src, 'category')} AS category,
    ${col(src, 'quantity', 'DECIMAL(18,4)')} AS quantity,
    ${col(src, 'unit_price', 'DECIMAL(18,4)')} AS unit_price,
    ${src.mapped.has('discount') ? `coalesce(${col(src, 'discount', 'DECIMAL(18,6)')}, 0)` : 'CAST(NULL AS DECIMAL(18,6))'} AS discount,
    ${col(src, 'amount', 'DECIMAL(18,4)')} AS amount_given,
    coalesce(${code(src, 'status')}, 'completed') AS status,
    ${text(src, 'original_order_id')} AS original_order_id,
    ${text(src, 'channel')} AS channel,
    ${text(src, 'region')} AS region,
    ${text(src, 'team')} AS team,
    upper(${text(src, 'currency')}) AS currency_raw
  FROM ${ident(src.typed)} t
),
res AS (
  SELECT src.*,
    ${repResolved('src.rep_raw', 'r')} AS rep_id,
    coalesce(src.customer_id_raw, src.customer_name) AS customer_id,
    ${src.byName.has('customer_id') ? 'coalesce(src.customer_name, src.customer_id_raw)' : 'src.customer_name'} AS customer_name_filled,
    -- Widened first: DECIMAL(18,4) × DECIMAL(18,4) stays 18 digits wide and overflows on large lines.
    CAST(round(CAST(src.quantity AS DECIMAL(38,4)) * src.unit_price * (1 - coalesce(src.discount, 0)), 4) AS DECIMAL(18,4)) AS __expected
  FROM src
  ${repJoin('src.rep_raw', 'r')}
)
SELECT
  __row,
  order_id, line_no, order_date, customer_id, customer_name_filled AS customer_name, rep_id, sku, product_name, category,
  quantity, unit_price, discount,
  CAST(CASE WHEN status = 'returned' OR quantity < 0 THEN -abs(coalesce(amount_given, __expected))
       ELSE coalesce(amount_given, __expected) END AS DECIMAL(18,4)) AS amount,
  status, original_order_id, channel, region, team,
  ${currencyExpr('currency_raw')} AS currency,
  amount_given AS __amount_given,
  __expected,
  ${errorList([
    missing('order_id'),
    ...lineNoCheck,
    missing('order_date'),
    missing('rep_id', 'rep_id'),
    errorIf(
      `amount_given IS NULL AND __expected IS NULL AND NOT ${hasParseError('amount')}`,
      'amount',
      'NULL',
      literal('amount is missing and quantity × unit_price cannot compute it'),
      'amount_given IS NULL AND __expected IS NULL',
    ),
    unknownCode('status', 'status', CODES.status),
  ])} AS __errs
FROM res`;
}
