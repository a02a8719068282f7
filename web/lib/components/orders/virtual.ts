// Windowing for the order-lines table: with a fixed row height, which rows the viewport shows
// (plus a margin either side), how tall the space above and below them is, and when to fetch more.

export interface RowWindow {
  /** First rendered row (inclusive). */
  start: number;
  /** One past the last rendered row. */
  end: number;
  /** Height of the empty space standing in for the rows above `start`. */
  padTop: number;
  /** Height of the empty space standing in for the rows from `end` on. */
  padBottom: number;
}

export function rowWindow(scrollTop: number, viewportHeight: number, rowHeight: number, total: number, overscan = 8): RowWindow {
  if (total <= 0 || rowHeight <= 0) return { start: 0, end: 0, padTop: 0, padBottom: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const visible = Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1;
  const start = Math.min(Math.max(0, first - overscan), total);
  const end = Math.min(total, first + visible + overscan);
  return { start, end, padTop: start * rowHeight, padBottom: (total - end) * rowHeight };
}

/** True when the last rendered row is within `threshold` rows of the end of what is loaded. */
export function needsMore(end: number, loaded: number, threshold: number): boolean {
  return loaded - end <= threshold;
}
