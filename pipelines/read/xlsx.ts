// Streams the sheets of an .xlsx with exceljs's WorkbookReader: one row at a time, so memory does not grow with
// the file. Date cells become ISO text, numbers their text, formulas their cached result.
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { dateToIso, isDateFormat, numberText, serialToIso } from './cells.ts';
import { InputError } from './input-error.ts';
import { readWorkbookIndex } from './xlsx-index.ts';
import type { SheetRow } from './types.ts';

export interface SheetSource {
  name: string;
  hidden: boolean;
  /** Every sheet name of the workbook, in workbook order. */
  sheets(): string[];
  rows: AsyncIterable<SheetRow>;
}

interface CellLike { value: unknown; numFmt?: string }

/** Text of one exceljs cell value ('' when empty). */
export function cellText(value: unknown, numFmt?: string, date1904 = false): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return isDateFormat(numFmt) ? serialToIso(value, date1904) : numberText(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : dateToIso(value);
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) return (v.richText as Array<{ text?: string }>).map((r) => r.text ?? '').join('');
    if ('result' in v || 'formula' in v || 'sharedFormula' in v) return cellText(v.result, numFmt, date1904);
    if (typeof v.text === 'string') return v.text;
    if (typeof v.error === 'string') return v.error;
  }
  return String(value);
}

async function* sheetRows(worksheet: AsyncIterable<unknown>, date1904: () => boolean): AsyncGenerator<SheetRow> {
  for await (const row of worksheet) {
    const r = row as { number: number; eachCell(opts: { includeEmpty: boolean }, fn: (cell: CellLike, col: number) => void): void };
    const cells: string[] = [];
    r.eachCell({ includeEmpty: false }, (cell, col) => {
      while (cells.length < col - 1) cells.push('');
      cells[col - 1] = cellText(cell.value, cell.numFmt, date1904());
    });
    yield { row: r.number, cells };
  }
}

/** Chunks decoded as UTF-8 text across chunk boundaries (a character split between two chunks stays whole). */
async function* decoded(source: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of source) yield typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  const rest = decoder.decode();
  if (rest) yield rest;
}

interface ReaderInternals {
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Generator<unknown>;
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
}

/**
 * exceljs's streaming reader decodes each zip chunk on its own, so a Chinese character split between two chunks
 * turns into "��" (https://github.com/exceljs/exceljs/issues/2084). Its text is handed over already decoded
 * (its SAX step passes strings through as they are).
 */
function decodeAcrossChunks(reader: unknown): void {
  const r = reader as ReaderInternals;
  const parseWorksheet = r._parseWorksheet.bind(r);
  const parseSharedStrings = r._parseSharedStrings.bind(r);
  r._parseWorksheet = (iterator, sheetNo) => parseWorksheet(decoded(iterator), sheetNo);
  r._parseSharedStrings = (entry) => parseSharedStrings(entry.setEncoding('utf8'));
}

/** The workbook's sheets in file order; stop iterating early to stop reading (the file is closed either way). */
export async function* xlsxSheets(file: string, name: string): AsyncGenerator<SheetSource> {
  const index = await readWorkbookIndex(file);
  const input = fs.createReadStream(file);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore',
  });
  decodeAcrossChunks(reader);
  if (index) {
    // Known up front, so a worksheet met before xl/workbook.xml still gets its name (exceljs sets the same later).
    Object.assign(reader, { model: { sheets: index.sheets }, workbookRels: index.rels, properties: { model: { date1904: index.date1904 } } });
  }
  const model = () => (reader as unknown as { model?: { sheets?: Array<{ name: string }> }; properties?: { model?: { date1904?: boolean } } });
  const seen: string[] = [];
  try {
    for await (const ws of reader) {
      const w = ws as unknown as AsyncIterable<unknown> & { name: string; state?: string };
      seen.push(w.name);
      yield {
        name: w.name,
        hidden: w.state === 'hidden' || w.state === 'veryHidden',
        sheets: () => model().model?.sheets?.map((s) => s.name) ?? [...seen],
        rows: sheetRows(w, () => model().properties?.model?.date1904 === true),
      };
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    const detail = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new InputError(`${name} could not be read as an Excel workbook (${detail}); open it in Excel and save it again as .xlsx.`, { file: name });
  } finally {
    input.destroy();
  }
}
