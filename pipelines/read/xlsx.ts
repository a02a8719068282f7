// Streams the sheets of an .xlsx with exceljs's WorkbookReader: one row at a time, so memory does not grow with
// the file. Date cells become ISO text, numbers their text, formulas their cached result.
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { dateToIso, isDateFormat, numberText, serialToIso } from './cells.ts';
import { InputError } from './input-error.ts';
import { openZip, type ZipIndex } from './zip.ts';
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

interface SheetModel { name: string; id: number; rId: string; state?: string }
interface PartsReader {
  workbookRels?: Array<{ Id: string; Target: string }>;
  model?: { sheets?: SheetModel[] };
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Generator<{ eventType: string; value: { name: string; state?: string } }>;
  parse(): AsyncGenerator<{ eventType: string; value: unknown }>;
}

/**
 * Feeds exceljs the workbook's parts in the order it needs them (relations, workbook, shared strings, styles,
 * then the worksheets in tab order), each streamed straight from the zip. Left to itself, exceljs takes the
 * entries in file order through a streaming unzip: writers that put worksheets first make it park them in temp
 * files, and now and then it ends the workbook early, losing worksheets or their shared strings.
 */
function readPartsInOrder(reader: unknown, zip: ZipIndex, opened: Readable[]): void {
  const r = reader as PartsReader;
  const part = async (name: string) => {
    const stream = await zip.stream(name);
    opened.push(stream);
    return stream;
  };
  r.parse = async function* () {
    if (zip.has('xl/_rels/workbook.xml.rels')) await r._parseRels(await part('xl/_rels/workbook.xml.rels'));
    if (zip.has('xl/workbook.xml')) await r._parseWorkbook(await part('xl/workbook.xml'));
    if (zip.has('xl/sharedStrings.xml')) yield* r._parseSharedStrings(await part('xl/sharedStrings.xml')) as AsyncGenerator<{ eventType: string; value: unknown }>;
    if (zip.has('xl/styles.xml')) await r._parseStyles(await part('xl/styles.xml'));
    for (const sheet of r.model?.sheets ?? []) {
      const target = r.workbookRels?.find((rel) => rel.Id === sheet.rId)?.Target.replace(/^\/?xl\//, '');
      if (!target || !target.startsWith('worksheets/') || !zip.has(`xl/${target}`)) continue;
      const sheetNo = /sheet(\d+)\.xml$/.exec(target)?.[1] ?? String(sheet.id);
      for (const event of r._parseWorksheet(await part(`xl/${target}`), sheetNo)) {
        event.value.name = sheet.name;
        event.value.state = sheet.state ?? 'visible';
        yield event;
      }
    }
  };
}

/** The workbook's sheets in tab order; stop iterating early to stop reading (the file is closed either way). */
export async function* xlsxSheets(file: string, name: string): AsyncGenerator<SheetSource> {
  const zip = await openZip(file, name).catch(() => null);
  const opened: Readable[] = [];
  const input = zip ? null : fs.createReadStream(file);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input ?? file, {
    worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore',
  });
  decodeAcrossChunks(reader);
  if (zip) readPartsInOrder(reader, zip, opened);
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
    input?.destroy();
    for (const stream of opened) stream.destroy();
  }
}
