// Writes an exported table as CSV: UTF-8 with a byte-order mark (so spreadsheet programs read the
// Chinese), CRLF lines, text neutralised against formulas, numbers written as plain numbers.
import type { Writable } from 'node:stream';
import { once } from 'node:events';
import { neutralise, type CellValue } from './neutralise.ts';
import type { AnyTable } from './table-spec.ts';

const BOM = '\uFEFF';

function quote(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvCell(value: CellValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return quote(neutralise(value));
}

export function csvLine(values: CellValue[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

/**
 * Streams the table to `out` (respecting backpressure) and ends it; stops early, releasing the
 * rows' source, when `out` is destroyed (the client went away).
 */
export async function writeCsv(table: AnyTable, out: Writable): Promise<void> {
  const write = async (text: string) => {
    if (!out.write(text, 'utf8')) await Promise.race([once(out, 'drain'), once(out, 'close')]);
  };
  await write(BOM + csvLine(table.columns.map((c) => c.header)));
  for await (const row of table.rows) {
    if (out.destroyed) return;
    await write(csvLine(table.columns.map((c) => c.value(row))));
  }
  out.end();
}
