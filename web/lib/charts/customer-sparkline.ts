// The geometry of the small revenue trend drawn in each customer row (an inline SVG, not an
// ECharts instance per row): a polyline through the months, scaled to the box, zero kept in view.

export interface Sparkline {
  /** SVG path of the line ("M x y L x y …"), empty without points. */
  line: string;
  /** The y of zero revenue, for a baseline. */
  zeroY: number;
  /** The last point, marked with a dot. */
  last: { x: number; y: number } | null;
}

const round = (v: number) => Math.round(v * 10) / 10;

export function sparkline(values: readonly number[], width: number, height: number, pad = 2): Sparkline {
  const finite = values.map((v) => (Number.isFinite(v) ? v : 0));
  if (finite.length === 0) return { line: '', zeroY: round(height - pad), last: null };
  const lo = Math.min(0, ...finite);
  // All zeros: a flat line on the baseline at the bottom, not floating at the top.
  const top = Math.max(0, ...finite);
  const hi = top === lo ? lo + 1 : top;
  const span = hi - lo;
  const innerW = width - 2 * pad;
  const innerH = height - 2 * pad;
  const x = (i: number) => round(pad + (finite.length === 1 ? innerW / 2 : (i * innerW) / (finite.length - 1)));
  const y = (v: number) => round(pad + ((hi - v) * innerH) / span);
  const points = finite.map((v, i) => ({ x: x(i), y: y(v) }));
  const line = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x} ${p.y}`).join(' ');
  return { line, zeroY: y(0), last: points[points.length - 1]! };
}
