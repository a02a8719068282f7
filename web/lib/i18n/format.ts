// Locale-aware number, money, date and period formatting for the UI (pure functions, no imports,
// so Node tests can format an API value exactly as the page shows it).

export type Locale = 'zh' | 'en';

/** Shown wherever a value is missing (null, undefined, NaN). */
export const MISSING = '—';
const MINUS = '\u2212';

const groupers = new Map<number, Intl.NumberFormat>();
function grouped(value: number, digits: number): string {
  let nf = groupers.get(digits);
  if (!nf) {
    nf = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
    groupers.set(digits, nf);
  }
  return nf.format(value);
}

function isNumber(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function roundTo(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function signed(abs: string, negative: boolean): string {
  return negative ? `${MINUS}${abs}` : abs;
}

/** Full amount with cents: ¥1,234,567.89 (both locales). */
export function formatMoney(value: number | null | undefined, _locale: Locale, currency = '¥'): string {
  if (!isNumber(value)) return MISSING;
  const rounded = roundTo(Math.abs(value), 2);
  return signed(`${currency}${grouped(rounded, 2)}`, value < 0 && rounded !== 0);
}

interface Unit {
  divisor: number;
  /** Smallest amount written in this unit. */
  min: number;
  suffix: string;
  digits: number;
}

// Chinese readers count large sums in 万 (10⁴) and 亿 (10⁸); English readers in K, M and B.
const UNITS: Record<Locale, Unit[]> = {
  zh: [
    { divisor: 1e8, min: 1e8, suffix: '亿', digits: 2 },
    { divisor: 1e4, min: 1e4, suffix: '万', digits: 1 },
  ],
  en: [
    { divisor: 1e9, min: 1e9, suffix: 'B', digits: 1 },
    { divisor: 1e6, min: 1e6, suffix: 'M', digits: 1 },
    { divisor: 1e3, min: 1e4, suffix: 'K', digits: 1 },
  ],
};

/**
 * A compact amount for tiles and axes: zh ¥1,234.5万 / ¥1.23亿, en ¥12.3M / ¥123.5K; amounts below
 * 10,000 as whole yuan (¥8,765). `digits` overrides the unit's decimals; `trimZeros` drops
 * trailing zero decimals (axis labels: ¥2.5M, ¥3M).
 */
export function formatMoneyCompact(
  value: number | null | undefined,
  locale: Locale,
  opts: { digits?: number; currency?: string; trimZeros?: boolean } = {},
): string {
  if (!isNumber(value)) return MISSING;
  const currency = opts.currency ?? '¥';
  const abs = Math.abs(value);
  const units = UNITS[locale];
  const smallest = units[units.length - 1]!;
  let index = units.findIndex((u) => abs >= u.min);
  if (index < 0) {
    const whole = Math.round(abs);
    if (whole < smallest.min) return signed(`${currency}${grouped(whole, 0)}`, value < 0 && whole !== 0);
    index = units.length - 1;
  }
  const digitsOf = (u: Unit) => opts.digits ?? u.digits;
  // Rounding can carry into the next unit: 9,999.96 reads ¥1.0万, 999,960 reads ¥1.0M.
  while (index > 0) {
    const unit = units[index]!;
    if (roundTo(abs / unit.divisor, digitsOf(unit)) * unit.divisor < units[index - 1]!.min) break;
    index--;
  }
  const unit = units[index]!;
  const mantissa = roundTo(abs / unit.divisor, digitsOf(unit));
  let text = grouped(mantissa, digitsOf(unit));
  if (opts.trimZeros && text.includes('.')) text = text.replace(/\.?0+$/, '');
  return signed(`${currency}${text}${unit.suffix}`, value < 0);
}

/** A fraction as a percentage: 0.853 → 85.3%. */
export function formatPercent(value: number | null | undefined, _locale: Locale, digits = 1): string {
  if (!isNumber(value)) return MISSING;
  const rounded = roundTo(Math.abs(value) * 100, digits);
  return signed(`${grouped(rounded, digits)}%`, value < 0 && rounded !== 0);
}

/** A relative change with its sign: 0.123 → +12.3%, −0.04 → −4.0%, 0 → 0.0%. */
export function formatChange(value: number | null | undefined, locale: Locale, digits = 1): string {
  if (!isNumber(value)) return MISSING;
  const text = formatPercent(value, locale, digits);
  return value > 0 && roundTo(value * 100, digits) !== 0 ? `+${text}` : text;
}

/** A count: 12345 → 12,345. */
export function formatInteger(value: number | null | undefined, _locale: Locale): string {
  if (!isNumber(value)) return MISSING;
  const whole = Math.round(Math.abs(value));
  return signed(grouped(whole, 0), value < 0 && whole !== 0);
}

/** A plain number with fixed decimals: 1234.5 → 1,234.50. */
export function formatNumber(value: number | null | undefined, _locale: Locale, digits = 2): string {
  if (!isNumber(value)) return MISSING;
  const rounded = roundTo(Math.abs(value), digits);
  return signed(grouped(rounded, digits), value < 0 && rounded !== 0);
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 'YYYY-MM' → zh 2025年3月, en Mar 2025. Anything else is returned as given. */
export function formatMonth(month: string | null | undefined, locale: Locale): string {
  if (!month) return MISSING;
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return month;
  const year = Number(m[1]);
  const mon = Number(m[2]);
  if (mon < 1 || mon > 12) return month;
  return locale === 'zh' ? `${year}年${mon}月` : `${MONTHS_EN[mon - 1]} ${year}`;
}

/** A short month for chart axes: zh 25年3月, en Mar '25. */
export function formatMonthShort(month: string, locale: Locale): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return month;
  const yy = m[1]!.slice(2);
  const mon = Number(m[2]);
  if (mon < 1 || mon > 12) return month;
  return locale === 'zh' ? `${yy}年${mon}月` : `${MONTHS_EN[mon - 1]} '${yy}`;
}

/** A month's name alone (1–12), for month pickers: zh 3月, en Mar. */
export function formatMonthName(month: number, locale: Locale): string {
  if (!Number.isInteger(month) || month < 1 || month > 12) return MISSING;
  return locale === 'zh' ? `${month}月` : MONTHS_EN[month - 1]!;
}

/** 'YYYY-MM-DD' (or an ISO timestamp) → zh 2025年3月5日, en Mar 5, 2025; read as a calendar date. */
export function formatDate(date: string | null | undefined, locale: Locale): string {
  if (!date) return MISSING;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return date;
  const year = Number(m[1]);
  const mon = Number(m[2]);
  const day = Number(m[3]);
  if (mon < 1 || mon > 12) return date;
  return locale === 'zh' ? `${year}年${mon}月${day}日` : `${MONTHS_EN[mon - 1]} ${day}, ${year}`;
}

/** A period as the API names it: YYYY-MM, YYYY-Qn, YYYY, or a from..to range of dates. */
export function formatPeriod(period: string | null | undefined, locale: Locale): string {
  if (!period) return MISSING;
  if (/^\d{4}-\d{2}$/.test(period)) return formatMonth(period, locale);
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  if (q) return locale === 'zh' ? `${q[1]}年第${q[2]}季度` : `Q${q[2]} ${q[1]}`;
  if (/^\d{4}$/.test(period)) return locale === 'zh' ? `${period}年` : period;
  const range = /^(\d{4}-\d{2}-\d{2})\s*(?:\.\.|\/|–| to )\s*(\d{4}-\d{2}-\d{2})$/.exec(period);
  if (range) return `${formatDate(range[1], locale)} – ${formatDate(range[2], locale)}`;
  return period;
}
