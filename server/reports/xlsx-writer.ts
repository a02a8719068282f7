// Writes exported tables as sheets of a streamed XLSX workbook (exceljs WorkbookWriter): a bold,
// frozen header row with an autofilter, number formats for money, percentages and counts, real
// date cells, and text neutralised against formulas by the same rule as the CSV writer.
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { currencySymbol } from './format.ts';
import { safeCell } from './neutralise.ts';
import type { AnyTable, CellKind } from './table-spec.ts';

export type WorkbookWriter = ExcelJS.stream.xlsx.WorkbookWriter;

export function numberFormats(currency: string): Record<Exclude<CellKind, 'text'>, string> {
  const symbol = currencySymbol(currency).replaceAll('"', '');
  return { money: `"${symbol}"#,##0.00;-"${symbol}"#,##0.00`, percent: '0.0%', int: '#,##0', number: '#,##0.##', date: 'yyyy-mm-dd' };
}

/** A workbook that streams to `out`; inline strings keep memory bounded. */
export function workbookWriter(out: Writable, creator: string): WorkbookWriter {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = creator;
  wb.created = new Date();
  return wb;
}

/** Sheet names: at most 31 characters, none of []:*?/\, unique regardless of case. */
export function sheetName(wanted: string, used: Set<string>): string {
  const base = wanted.replace(/[[\]:*?/\\]/g, ' ').trim().slice(0, 31) || 'Sheet';
  let name = base;
  for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base.slice(0, 31 - String(i).length - 1)} ${i}`;
  used.add(name.toLowerCase());
  return name;
}

function isoDate(value: unknown): Date | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value)) return null;
  const d = new Date(`${value.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Adds one table as a sheet and commits it row by row. */
export async function addSheet(wb: WorkbookWriter, table: AnyTable, currency: string, used: Set<string>, aborted: () => boolean = () => false): Promise<void> {
  const formats = numberFormats(currency);
  const n = table.columns.length;
  const ws = wb.addWorksheet(sheetName(table.sheet, used), table.plain ? {} : { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = table.columns.map((c, i) => ({ key: `c${i}`, width: c.width ?? 12 }));
  if (n > 0 && !table.plain) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: n } };
  const header = ws.addRow(table.columns.map((c) => safeCell(c.header)));
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE9ECEF' } };
  header.commit();
  for await (const row of table.rows) {
    if (aborted()) break;
    const values = table.columns.map((c) => {
      const v = c.value(row);
      if (c.kind === 'date') return isoDate(v) ?? safeCell(v);
      return safeCell(v);
    });
    const r = ws.addRow(values);
    table.columns.forEach((c, i) => {
      const kind = c.rowKind ? c.rowKind(row) : c.kind;
      const v = values[i];
      if (kind !== 'text' && (typeof v === 'number' || v instanceof Date)) r.getCell(i + 1).numFmt = formats[kind];
    });
    r.commit();
  }
  ws.commit();
}

/** A workbook of the given tables, streamed to `out`; resolves once everything is written. */
export async function writeWorkbook(out: Writable, tables: AnyTable[], currency: string, creator = 'Attain'): Promise<void> {
  const wb = workbookWriter(out, creator);
  const used = new Set<string>();
  for (const t of tables) await addSheet(wb, t, currency, used, () => out.destroyed);
  await wb.commit();
}
