// Finds the header row among the first rows of a sheet or CSV: title and blank rows above it are skipped. The
// header is the row whose cells name the most columns of the dataset (any dataset when none is given), else the
// first row of mostly filled, non-numeric, distinct cells. An explicit header row number wins.
import { DATASET_NAMES, type Dataset } from '../datasets.ts';
import { aliasScore } from '../map/match.ts';
import { columnLetter, InputError } from './input-error.ts';
import type { SheetRow } from './types.ts';

export const HEADER_SCAN_ROWS = 30;

export function isBlankRow(cells: string[]): boolean {
  return cells.every((c) => !c || !c.trim());
}

function looksLikeValue(cell: string): boolean {
  const t = cell.trim();
  return /^[-+(]?[¥￥$€]?\s*[\d.,\s]+%?\)?$/.test(t) || /^\d{4}[-/.年]\d{1,2}([-/.月]\d{1,2})?/.test(t) || /^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}/.test(t);
}

function scoreRow(cells: string[], dataset: Dataset | undefined): number {
  if (dataset) return aliasScore(dataset, cells);
  return Math.max(...DATASET_NAMES.map((d) => aliasScore(d, cells)));
}

/** Picks the header among rows (non-blank rows, in file order). */
export function detectHeaderRow(rows: SheetRow[], opts: { dataset?: Dataset; headerRow?: number; file: string }): SheetRow {
  if (opts.headerRow !== undefined) {
    const row = rows.find((r) => r.row === opts.headerRow);
    if (!row) {
      throw new InputError(`${opts.file}: row ${opts.headerRow}, given as the header row, is empty or beyond the end of the ${rows.length ? 'data' : 'file'}.`, { file: opts.file, row: opts.headerRow });
    }
    return row;
  }
  const candidates = rows.slice(0, HEADER_SCAN_ROWS);
  if (!candidates.length) throw new InputError(`${opts.file} has no rows with any values.`, { file: opts.file });
  let best: SheetRow | null = null;
  let bestScore = 0;
  for (const r of candidates) {
    const score = scoreRow(r.cells, opts.dataset);
    if (score > bestScore) { best = r; bestScore = score; }
  }
  if (best && bestScore >= 2) return best;

  const width = Math.max(...candidates.map((r) => r.cells.filter((c) => c.trim()).length));
  for (const r of candidates) {
    const filled = r.cells.map((c) => c.trim()).filter(Boolean);
    if (filled.length < 2 || filled.length < width / 2) continue;
    if (filled.some(looksLikeValue)) continue;
    if (new Set(filled).size !== filled.length) continue;
    return r;
  }
  return candidates[0]!;
}

/** Refuses a header row that names a column twice (mapping could not tell them apart). */
export function checkDuplicateHeaders(headers: string[], headerRow: number, file: string, normalise: (h: string) => string): void {
  const seen = new Map<string, number>();
  headers.forEach((h, i) => {
    const key = normalise(h);
    if (!key) return;
    const first = seen.get(key);
    if (first !== undefined) {
      const same = headers[first]!.trim() === h.trim();
      const names = same ? `"${h.trim()}" twice` : `"${headers[first]!.trim()}" and "${h.trim()}", which read as the same name`;
      throw new InputError(
        `${file}: the header row (row ${headerRow}) has ${names}, in columns ${columnLetter(first)} and ${columnLetter(i)}; rename one of them.`,
        { file, row: headerRow, column: h.trim() },
      );
    }
    seen.set(key, i);
  });
}
