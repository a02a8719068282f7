// Stages a UTF-8 CSV with DuckDB's own reader (the fast path): every field as VARCHAR into c1..cN, records
// before the data skipped, then __row set to the spreadsheet row (record index + rows above + blank lines).
import type { DuckDBConnection } from '@duckdb/node-api';
import { ident, literal, run } from '../../server/db/query.ts';
import { InputError } from './input-error.ts';
import { findBlankRecords } from './utf8-scan.ts';

export interface CsvLayout {
  delimiter: string;
  /** Records (blank lines included) before the first data record: title rows, blanks and the header. */
  skip: number;
  width: number;
  /** Byte offset where the data records start, and whether blank lines may follow it. */
  dataStart: number;
  mayHaveBlankLines: boolean;
}

/** Longest record accepted (DuckDB's own default): no row of a sales export comes near it; a longer one is damage or an attack. */
export const MAX_LINE_BYTES = 2 * 1024 * 1024;

function readCsvSql(path: string, layout: CsvLayout, parallel: boolean): string {
  const columns = Array.from({ length: layout.width }, (_, i) => `${literal(`c${i + 1}`)}: 'VARCHAR'`).join(', ');
  return `SELECT *, CAST(NULL AS INTEGER) AS __row FROM read_csv(${literal(path)}, header = false, auto_detect = false, delim = ${literal(layout.delimiter)},
    quote = '"', escape = '"', columns = {${columns}}, skip = ${layout.skip}, null_padding = true,
    max_line_size = ${MAX_LINE_BYTES}${parallel ? '' : ', parallel = false'})`;
}

/** DuckDB's CSV error → one sentence naming the file and line. */
function translate(err: unknown, name: string, width: number): Error {
  const message = err instanceof Error ? err.message : String(err);
  const line = Number(/CSV Error on Line: (\d+)/.exec(message)?.[1] ?? NaN);
  const where = Number.isFinite(line) ? { file: name, row: line } : { file: name };
  const at = Number.isFinite(line) ? `${name}, line ${line}` : name;
  if (/unterminated quote/i.test(message)) {
    return new InputError(`${at}: a quoted value is never closed (a " opens it but none ends it).`, where);
  }
  const columns = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(message);
  if (columns) {
    return new InputError(`${at}: the row has ${columns[2]} fields but the header row has ${width}.`, where);
  }
  if (/Maximum line size/i.test(message)) {
    return new InputError(`${at}: the row is longer than ${MAX_LINE_BYTES / 1024 / 1024} MB, far beyond any export row; the file is damaged or not a sales export.`, where);
  }
  if (/Invalid unicode|not utf-8 encoded/i.test(message)) {
    return new InputError(`${at}: the bytes are not valid UTF-8 text; pass the file's encoding (e.g. --encoding gb18030).`, where);
  }
  if (/CSV Error/.test(message)) {
    // DuckDB's message quotes the whole offending line ("Original Line: …"); keep only its explanation, and short.
    const reason = message.split('\n').find((l) => l.trim() && !/CSV Error|^Original Line/.test(l))?.trim().slice(0, 200);
    return new InputError(`${at}: the CSV cannot be read (${reason ?? 'malformed row'}).`, where);
  }
  return err instanceof Error ? err : new Error(message);
}

export async function stageCsv(conn: DuckDBConnection, path: string, layout: CsvLayout, table: string, name: string): Promise<void> {
  const t = ident(table);
  try {
    await run(conn, `CREATE OR REPLACE TEMP TABLE ${t} AS ${readCsvSql(path, layout, true)}`);
  } catch (err) {
    // DuckDB's parallel scanner cannot pad short rows when quoted values hold line breaks; read serially then.
    if (!/null_padding in conjunction with quoted new lines/.test(String(err))) throw translate(err, name, layout.width);
    try {
      await run(conn, `CREATE OR REPLACE TEMP TABLE ${t} AS ${readCsvSql(path, layout, false)}`);
    } catch (again) {
      throw translate(again, name, layout.width);
    }
  }
  // Insertion order is file order, so rowid is the data record index.
  await run(conn, `UPDATE ${t} SET __row = CAST(rowid AS INTEGER) + ${layout.skip + 1}`);
  if (!layout.mayHaveBlankLines) return;
  const blanks = await findBlankRecords(path, layout.dataStart);
  if (!blanks.length) return;
  // Blank lines are rows to a spreadsheet but not records to DuckDB: shift every record after each of them.
  const steps = new Map<number, number>();
  blanks.forEach((before, i) => steps.set(before, i + 1));
  const values = [...steps].map(([from, shift]) => `(${from}, ${shift})`).join(', ');
  await run(conn, `UPDATE ${t} SET __row = ${t}.__row + s.shift
    FROM (SELECT from_rec, shift, lead(from_rec) OVER (ORDER BY from_rec) AS next_rec FROM (VALUES ${values}) v(from_rec, shift)) s
    WHERE ${t}.rowid >= s.from_rec AND (s.next_rec IS NULL OR ${t}.rowid < s.next_rec)`);
}
