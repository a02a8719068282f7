// Output rounding and the ratios every KPI shares: money to cents (half away from zero, on the
// decimal digits rather than the float), fractions to six places, null where a ratio has no meaning.

/** Money rounded to cents, half away from zero; DECIMAL(18,4) values arrive exact to 4 places. */
export function cents(value: number): number;
export function cents(value: number | null): number | null;
export function cents(value: number | null): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  const sign = value < 0 ? -1 : 1;
  const [int, frac = ''] = Math.abs(value).toFixed(6).split('.');
  let hundredths = Number(int) * 100 + Number(frac.slice(0, 2));
  if (Number(frac[2] ?? '0') >= 5) hundredths += 1;
  const out = (sign * hundredths) / 100;
  return out === 0 ? 0 : out;
}

/** A fraction or other derived figure rounded to `places` decimals. */
export function round(value: number | null, places = 6): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  const f = 10 ** places;
  const out = Math.round(value * f) / f;
  return out === 0 ? 0 : out;
}

/** a / b, null when either is missing or b is 0 (never 0 or ∞ for "no target"). */
export function ratio(a: number | null, b: number | null): number | null {
  if (a === null || b === null || b === 0) return null;
  return a / b;
}

/** Relative change (metrics.md growth): (now − before) / before, null when before is missing or ≤ 0. */
export function change(now: number | null, before: number | null): number | null {
  if (now === null || before === null || before <= 0) return null;
  return (now - before) / before;
}
