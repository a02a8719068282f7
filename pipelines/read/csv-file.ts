// A CSV/TSV file end to end: encoding (detected or given; non-UTF-8 transcoded to a temp file), delimiter, header
// row, then DuckDB's reader into the raw staging table; or, for a preview, the same decisions on the first 1 MB.
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { ident } from '../../server/db/query.ts';
import iconv from 'iconv-lite';
import type { Dataset } from '../datasets.ts';
import { normaliseHeader } from '../map/normalise.ts';
import { parseCsvText, sniffDelimiter, type CsvRecord } from './csv-parse.ts';
import { stageCsv } from './csv.ts';
import { bomOf, detectEncoding, detectLegacyEncoding, normaliseEncoding, type EncodingGuess } from './encoding.ts';
import { checkDuplicateHeaders, detectHeaderRow, HEADER_SCAN_ROWS } from './header-row.ts';
import { InputError } from './input-error.ts';
import { dropBlankAndTotals, totalsLabel } from './totals.ts';
import { transcodeToUtf8 } from './transcode.ts';
import type { Progress, StagedFile } from './types.ts';
import { scanUtf8 } from './utf8-scan.ts';

export const SAMPLE_BYTES = 1 << 20;
const SAMPLE_RECORDS = 500;

export interface CsvOptions { dataset?: Dataset; headerRow?: number; encoding?: string; name: string }

export interface TextLayout {
  delimiter: string;
  records: CsvRecord[];
  header: CsvRecord;
  headers: string[];
  width: number;
}

export async function readStart(file: string, bytes: number): Promise<Buffer> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function chooseEncoding(sample: Buffer, whole: boolean, opts: CsvOptions): EncodingGuess {
  if (opts.encoding && opts.encoding.toLowerCase() !== 'auto') return { encoding: normaliseEncoding(opts.encoding, opts.name), confidence: 1 };
  return detectEncoding(sample, whole);
}

/** Delimiter, records, header row and width of the decoded start of a CSV. */
export function layoutOf(text: string, complete: boolean, opts: CsvOptions): TextLayout {
  const delimiter = sniffDelimiter(text);
  const { records, unterminatedAt } = parseCsvText(text, delimiter, { maxRecords: SAMPLE_RECORDS, complete });
  if (unterminatedAt !== null) {
    throw new InputError(`${opts.name}, row ${unterminatedAt}: a quoted value is never closed (a " opens it but none ends it).`, { file: opts.name, row: unterminatedAt });
  }
  const filled = records.filter((r) => !r.blank).map((r) => ({ row: r.row, cells: r.fields }));
  if (!filled.length) throw new InputError(`${opts.name} has no rows with any values.`, { file: opts.name });
  const scan = opts.headerRow !== undefined ? filled.filter((r) => r.row <= opts.headerRow!) : filled.slice(0, HEADER_SCAN_ROWS);
  const chosen = detectHeaderRow(scan, { ...(opts.dataset ? { dataset: opts.dataset } : {}), ...(opts.headerRow !== undefined ? { headerRow: opts.headerRow } : {}), file: opts.name });
  const header = records.find((r) => r.row === chosen.row)!;
  const headers = header.fields.map((h) => h.trim());
  checkDuplicateHeaders(headers, header.row, opts.name, normaliseHeader);
  const width = Math.max(headers.length, ...records.filter((r) => r.row > header.row && !r.blank).map((r) => r.fields.length));
  while (headers.length < width) headers.push('');
  return { delimiter, records, header, headers, width };
}

/** The text of a UTF-8 sample: BOM dropped, and when the sample is cut, its unfinished last line too. */
function sampleText(buf: Buffer, complete: boolean, encoding = 'utf-8'): { text: string; bomBytes: number } {
  const bom = bomOf(buf);
  const bomBytes = bom && bom.encoding === encoding ? bom.length : 0;
  let text = iconv.decode(buf.subarray(bomBytes), encoding, { stripBOM: false });
  if (!complete) text = text.slice(0, text.lastIndexOf('\n') + 1);
  return { text, bomBytes };
}

export async function stageCsvFile(
  conn: DuckDBConnection,
  file: string,
  opts: CsvOptions & { table: string; tmpDir: string; onProgress?: Progress },
): Promise<StagedFile> {
  const size = (await fs.promises.stat(file)).size;
  const start = await readStart(file, SAMPLE_BYTES);
  let guess = chooseEncoding(start, size <= SAMPLE_BYTES, opts);
  const explicit = Boolean(opts.encoding && opts.encoding.toLowerCase() !== 'auto');
  let temp: string | null = null;
  const transcode = async (encoding: string) => {
    temp = path.join(opts.tmpDir, `attain-${randomUUID()}.csv`);
    await transcodeToUtf8(file, temp, encoding, { name: opts.name, onProgress: (bytes) => opts.onProgress?.({ phase: 'transcode', rows: 0, bytes }) });
    return temp;
  };
  try {
    let utf8Path = guess.encoding === 'utf-8' ? file : await transcode(guess.encoding);
    let scan = await scanUtf8(utf8Path);
    if (scan.invalid) {
      // Damaged UTF-8 (valid multi-byte text before the bad byte) is refused, never re-read as another encoding.
      if (explicit || temp || !scan.asciiBeforeInvalid) {
        throw new InputError(`${opts.name}, line ${scan.invalid.line}: the bytes are not valid UTF-8 text; pass the file's encoding (e.g. --encoding gb18030).`, { file: opts.name, row: scan.invalid.line });
      }
      // Plain ASCII up to here, then bytes that are not UTF-8: judge the encoding again from where it breaks.
      const window = (await readStart(file, scan.invalid.offset + 65536)).subarray(Math.max(0, scan.invalid.offset - 4096));
      const legacy = detectLegacyEncoding(window);
      guess = { encoding: legacy.encoding, confidence: Math.round(legacy.confidence * 80) / 100 };
      utf8Path = await transcode(guess.encoding);
      scan = await scanUtf8(utf8Path);
    }
    const complete = scan.bytes <= SAMPLE_BYTES;
    const { text, bomBytes } = sampleText(await readStart(utf8Path, SAMPLE_BYTES), complete);
    const layout = layoutOf(text, complete, opts);
    const dataStart = bomBytes + Buffer.byteLength(text.slice(0, layout.header.end), 'utf8');
    opts.onProgress?.({ phase: 'read', rows: 0, bytes: scan.bytes });
    const mayHaveBlankLines = scan.lastBlankCandidate >= dataStart - 1;
    if (mixedLineEndings(text, layout.header.end)) {
      // DuckDB's `skip` miscounts when the lines above the data end differently from the data
      // (a title line ending in LF over CRLF rows): read a copy of the data records alone.
      const dataOnly = path.join(opts.tmpDir, `attain-${randomUUID()}.csv`);
      await copyFrom(utf8Path, dataStart, dataOnly);
      try {
        await stageCsv(conn, dataOnly, { delimiter: layout.delimiter, skip: 0, width: layout.width, dataStart: 0, mayHaveBlankLines }, opts.table, opts.name);
      } finally {
        await fs.promises.rm(dataOnly, { force: true });
      }
      await conn.run(`UPDATE ${ident(opts.table)} SET __row = __row + ${layout.header.row}`);
    } else {
      await stageCsv(conn, utf8Path, { delimiter: layout.delimiter, skip: layout.header.row, width: layout.width, dataStart, mayHaveBlankLines }, opts.table, opts.name);
    }
    const cleaned = await dropBlankAndTotals(conn, opts.table, layout.width);
    if (cleaned.rows === 0) throw new InputError(`${opts.name} has a header row (row ${layout.header.row}) but no data rows.`, { file: opts.name, row: layout.header.row });
    opts.onProgress?.({ phase: 'read', rows: cleaned.rows, bytes: scan.bytes });
    const warnings = [...cleaned.warnings];
    if (!explicit && guess.confidence < 0.7) {
      warnings.unshift({ row: null, column: null, message: `The encoding was guessed as ${guess.encoding} with low confidence (${guess.confidence}); if names look wrong, import again naming the encoding.` });
    }
    return {
      table: opts.table,
      headers: layout.headers,
      headerRow: layout.header.row,
      encoding: guess.encoding,
      encodingConfidence: guess.confidence,
      delimiter: layout.delimiter,
      sheet: null,
      sheets: [],
      kind: 'csv',
      rowsRead: cleaned.rows,
      warnings,
    };
  } finally {
    if (temp) await fs.promises.rm(temp, { force: true });
  }
}

export interface Preview {
  encoding: string; encodingConfidence: number; delimiter: string | null; headerRow: number; headers: string[]; rows: string[][];
}

/** The first rows as the import would read them, decoded from the first 1 MB only. */
export async function previewCsvFile(file: string, opts: CsvOptions): Promise<Preview> {
  const size = (await fs.promises.stat(file)).size;
  const start = await readStart(file, SAMPLE_BYTES);
  const complete = size <= SAMPLE_BYTES;
  const guess = chooseEncoding(start, complete, opts);
  const { text } = sampleText(start, complete, guess.encoding);
  const bad = text.indexOf('\uFFFD');
  if (bad >= 0) {
    const line = text.slice(0, bad).split('\n').length;
    throw new InputError(`${opts.name}, line ${line}: there are bytes that are not valid ${guess.encoding} text; the file is in another encoding (choose it) or is damaged.`, { file: opts.name, row: line });
  }
  const layout = layoutOf(text, complete, opts);
  const rows = layout.records
    .filter((r) => r.row > layout.header.row && !r.blank && !totalsLabel(r.fields) && r.fields.some((f) => f.trim()))
    .slice(0, 50)
    .map((r) => [...r.fields, ...Array<string>(Math.max(0, layout.width - r.fields.length)).fill('')]);
  if (!rows.length && complete) throw new InputError(`${opts.name} has a header row (row ${layout.header.row}) but no data rows.`, { file: opts.name, row: layout.header.row });
  return { encoding: guess.encoding, encodingConfidence: guess.confidence, delimiter: layout.delimiter, headerRow: layout.header.row, headers: layout.headers, rows };
}

/** True when a line above the data ends with LF while the data lines end with CRLF, or the reverse. */
export function mixedLineEndings(text: string, dataStart: number): boolean {
  const above = text.slice(0, dataStart);
  const firstBreak = text.indexOf('\n', dataStart);
  if (firstBreak < 0 || above === '') return false;
  const dataCrlf = text[firstBreak - 1] === '\r';
  const aboveBreaks = [...above.matchAll(/\r?\n/g)].map((m) => m[0] === '\r\n');
  return aboveBreaks.some((crlf) => crlf !== dataCrlf);
}

/** Copies a file from a byte offset on, as a stream. */
async function copyFrom(source: string, offset: number, target: string): Promise<void> {
  await pipeline(fs.createReadStream(source, { start: offset }), fs.createWriteStream(target));
}
