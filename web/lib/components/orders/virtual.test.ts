// Windowing arithmetic, by hand: 30 px rows, a 300 px viewport (10 rows + 1 partly shown).
import { describe, expect, it } from 'vitest';
import { needsMore, rowWindow } from './virtual';

describe('rowWindow', () => {
  it('renders the visible rows plus the margin, and pads the rest', () => {
    // Scrolled to row 100: rows 92 … 118 (100 − 8, 100 + 11 + 8 − 1).
    expect(rowWindow(3000, 300, 30, 1000, 8)).toEqual({ start: 92, end: 119, padTop: 2760, padBottom: (1000 - 119) * 30 });
  });

  it('clamps at the top and at the end', () => {
    expect(rowWindow(0, 300, 30, 1000, 8)).toEqual({ start: 0, end: 19, padTop: 0, padBottom: 981 * 30 });
    expect(rowWindow(29_700, 300, 30, 1000, 8)).toMatchObject({ start: 982, end: 1000, padBottom: 0 });
    expect(rowWindow(0, 300, 30, 5, 8)).toEqual({ start: 0, end: 5, padTop: 0, padBottom: 0 });
    expect(rowWindow(100, 300, 30, 0)).toEqual({ start: 0, end: 0, padTop: 0, padBottom: 0 });
  });

  it('renders the same number of rows wherever the viewport is', () => {
    const sizes = [1000, 5000, 20_000, 80_000].map((top) => {
      const w = rowWindow(top, 600, 36, 100_000, 8);
      return w.end - w.start;
    });
    expect(new Set(sizes).size).toBe(1);
  });
});

describe('needsMore', () => {
  it('asks for more near the end of what is loaded', () => {
    expect(needsMore(950, 1000, 100)).toBe(true);
    expect(needsMore(800, 1000, 100)).toBe(false);
  });
});
