// An .xlsx or .xls file end to end: choose the sheet (named, else the first whose header row maps to the dataset
// (to any dataset when none is given), else the first with data), find its header row, then append its rows to
// the raw staging table.
import type { DuckDBConnection } from '@duckdb/node-api';
import { DATASET_NAMES, type Dataset } from '../datasets.ts';
import { aliasScore } from '../map/match.ts';
import { normaliseHeader } from '../map/normalise.ts';
import { checkDuplicateHeaders, detectHeaderRow, HEADER_SCAN_ROWS, isBlankRow } from './header-row.ts';
import { InputError } from './input-error.ts';
import { appendRows, createRawTable } from './rows-table.ts';
import { dropBlankAndTotals, totalsLabel } from './totals.ts';
import type { Progress, SheetRow, StagedFile } from './types.ts';
import { xlsSheets } from './xls.ts';
import { xlsxSheets, type SheetSource } from './xlsx.ts';

export interface SheetOptions { kind: 'xlsx' | 'xls'; dataset?: Dataset; sheet?: string; headerRow?: number; name: string; maxXlsBytes?: number }

interface Chosen { sheet: string; sheets: string[]; header: SheetRow; headers: string[]; after: AsyncIterable<SheetRow> }

/** The rows from the top of a sheet needed to find its header (non-blank ones), and the iterator left after them. */
async function readHead(it: AsyncIterator<SheetRow>, headerRow: number | undefined): Promise<{ head: SheetRow[]; done: boolean }> {
  const head: SheetRow[] = [];
  for (;;) {
    const filled = head.filter((r) => !isBlankRow(r.cells)).length;
    const last = head[head.length - 1]?.row ?? 0;
    if (filled >= HEADER_SCAN_ROWS && (headerRow === undefined || last >= headerRow)) return { head, done: false };
    const next = await it.next();
    if (next.done) return { head, done: true };
    head.push(next.value);
  }
}

/** A header row naming at least two columns of the dataset (of any dataset when none is given). */
function mapsToDataset(cells: string[], dataset: Dataset | undefined): boolean {
  return (dataset ? [dataset] : DATASET_NAMES).some((d) => aliasScore(d, cells) >= 2);
}

/**
 * Runs use() on the chosen sheet while the workbook is still open (a streamed workbook closes when iteration
 * stops). Returns null when no sheet fits and the caller should fall back to firstWithData.
 */
async function withSheet<T>(file: string, opts: SheetOptions, use: (c: Chosen) => Promise<T>): Promise<{ value: T } | { firstWithData: string | null }> {
  const source: AsyncGenerator<SheetSource> = opts.kind === 'xlsx' ? xlsxSheets(file, opts.name) : xlsSheets(file, opts.name, opts.maxXlsBytes);
  let firstWithData: string | null = null;
  let names: string[] = [];
  for await (const s of source) {
    names = s.sheets();
    if ((opts.sheet !== undefined && s.name !== opts.sheet) || (opts.sheet === undefined && s.hidden)) continue;
    const it = s.rows[Symbol.asyncIterator]();
    const { head, done } = await readHead(it, opts.headerRow);
    const filled = head.filter((r) => !isBlankRow(r.cells));
    if (!filled.length) {
      if (opts.sheet !== undefined) throw new InputError(`${opts.name}: the sheet "${s.name}" is empty.`, { file: opts.name });
      continue;
    }
    const header = detectHeaderRow(filled, { ...(opts.dataset ? { dataset: opts.dataset } : {}), ...(opts.headerRow !== undefined ? { headerRow: opts.headerRow } : {}), file: `${opts.name} (sheet "${s.name}")` });
    if (opts.sheet === undefined && !mapsToDataset(header.cells, opts.dataset)) {
      firstWithData ??= s.name;
      continue;
    }
    const headers = header.cells.map((h) => h.trim());
    while (headers.length && !headers[headers.length - 1]) headers.pop();
    checkDuplicateHeaders(headers, header.row, `${opts.name} (sheet "${s.name}")`, normaliseHeader);
    const rest = head.filter((r) => r.row > header.row);
    const after = (async function* () {
      yield* rest;
      if (done) return;
      for (let n = await it.next(); !n.done; n = await it.next()) yield n.value;
    })();
    return { value: await use({ sheet: s.name, sheets: names, header, headers, after }) };
  }
  if (opts.sheet !== undefined) {
    throw new InputError(`${opts.name} has no sheet named "${opts.sheet}" (its sheets: ${names.map((n) => `"${n}"`).join(', ')}).`, { file: opts.name });
  }
  return { firstWithData };
}

/** withSheet, falling back to the first sheet with data when no sheet's header maps to the dataset. */
async function onSheet<T>(file: string, opts: SheetOptions, use: (c: Chosen) => Promise<T>): Promise<T> {
  const first = await withSheet(file, opts, use);
  if ('value' in first) return first.value;
  if (first.firstWithData !== null) {
    const again = await withSheet(file, { ...opts, sheet: first.firstWithData }, use);
    if ('value' in again) return again.value;
  }
  throw new InputError(`${opts.name} has no sheet with any data.`, { file: opts.name });
}

export async function stageSheetFile(conn: DuckDBConnection, file: string, opts: SheetOptions & { table: string; onProgress?: Progress }): Promise<StagedFile> {
  return onSheet(file, opts, async (c) => {
    const width = Math.max(1, c.headers.length);
    await createRawTable(conn, opts.table, width);
    const appended = await appendRows(conn, opts.table, width, c.after, (rows) => opts.onProgress?.({ phase: 'read', rows }));
    const cleaned = await dropBlankAndTotals(conn, opts.table, width);
    if (cleaned.rows === 0) {
      throw new InputError(`${opts.name} (sheet "${c.sheet}") has a header row (row ${c.header.row}) but no data rows.`, { file: opts.name, row: c.header.row });
    }
    return {
      table: opts.table,
      headers: c.headers,
      headerRow: c.header.row,
      encoding: opts.kind,
      encodingConfidence: 1,
      delimiter: null,
      sheet: c.sheet,
      sheets: c.sheets,
      kind: opts.kind,
      rowsRead: cleaned.rows,
      warnings: [...appended.warnings, ...cleaned.warnings],
    };
  });
}

export async function previewSheetFile(file: string, opts: SheetOptions): Promise<{ sheet: string; sheets: string[]; headerRow: number; headers: string[]; rows: string[][] }> {
  return onSheet(file, opts, async (c) => {
    const rows: string[][] = [];
    for await (const r of c.after) {
      if (isBlankRow(r.cells) || totalsLabel(r.cells)) continue;
      rows.push(Array.from({ length: c.headers.length }, (_, i) => r.cells[i] ?? ''));
      if (rows.length >= 50) break;
    }
    if (!rows.length) throw new InputError(`${opts.name} (sheet "${c.sheet}") has a header row (row ${c.header.row}) but no data rows.`, { file: opts.name, row: c.header.row });
    return { sheet: c.sheet, sheets: c.sheets, headerRow: c.header.row, headers: c.headers, rows };
  });
}
