// Legacy .xls (BIFF) through SheetJS: the format cannot be streamed, so the file is read whole, behind a size cap.
import fs from 'node:fs';
import * as XLSX from '@e965/xlsx';
import { numberText, serialToIso } from './cells.ts';
import { InputError } from './input-error.ts';
import type { SheetSource } from './xlsx.ts';
import type { SheetRow } from './types.ts';

export const DEFAULT_MAX_XLS_BYTES = 50 * 1024 * 1024;

function text(cell: XLSX.CellObject | undefined, date1904: boolean): string {
  if (!cell || cell.v === undefined || cell.v === null) return '';
  switch (cell.t) {
    case 'n': return cell.z && XLSX.SSF.is_date(cell.z) ? serialToIso(cell.v as number, date1904) : numberText(cell.v as number);
    case 'b': return cell.v ? 'TRUE' : 'FALSE';
    case 'e': return cell.w ?? '#ERROR';
    case 'd': return (cell.v as Date).toISOString().slice(0, 10);
    default: return String(cell.v);
  }
}

function* rowsOf(sheet: XLSX.WorkSheet, date1904: boolean): Generator<SheetRow> {
  const data = (sheet['!data'] ?? []) as Array<Array<XLSX.CellObject | undefined> | undefined>;
  for (let r = 0; r < data.length; r++) {
    const row = data[r];
    if (!row) continue;
    const cells: string[] = [];
    for (let c = 0; c < row.length; c++) cells.push(text(row[c], date1904));
    while (cells.length && cells[cells.length - 1] === '') cells.pop();
    yield { row: r + 1, cells };
  }
}

export async function* xlsSheets(file: string, name: string, maxBytes = DEFAULT_MAX_XLS_BYTES): AsyncGenerator<SheetSource> {
  const size = (await fs.promises.stat(file)).size;
  if (size > maxBytes) {
    const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
    throw new InputError(`${name} is a legacy .xls file of ${mb(size)}; .xls files above ${mb(maxBytes)} cannot be read: save it as .xlsx or CSV in Excel and import that.`, { file: name });
  }
  let wb: XLSX.WorkBook;
  try {
    wb = XLSX.read(await fs.promises.readFile(file), { type: 'buffer', dense: true, cellDates: false, cellNF: true, cellText: false, cellFormula: false });
  } catch (err) {
    const detail = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new InputError(`${name} could not be read as an Excel .xls workbook (${detail}).`, { file: name });
  }
  const date1904 = Boolean(wb.Workbook?.WBProps?.date1904);
  const hidden = new Set((wb.Workbook?.Sheets ?? []).filter((s) => s.Hidden).map((s) => s.name));
  for (const sheetName of wb.SheetNames) {
    const sheet = wb.Sheets[sheetName]!;
    const generator = rowsOf(sheet, date1904);
    yield {
      name: sheetName,
      hidden: hidden.has(sheetName),
      sheets: () => [...wb.SheetNames],
      rows: (async function* () { yield* generator; })(),
    };
  }
}
