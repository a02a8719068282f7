// A table as exported: typed columns and rows, written the same way to CSV, to an XLSX table export
// and to a sheet of the XLSX pack (one description, several writers).
import type { CellValue } from './neutralise.ts';

/** How a column's values are typed: text, money, a fraction shown as percent, a count, a number, an ISO date. */
export type CellKind = 'text' | 'money' | 'percent' | 'int' | 'number' | 'date';

export interface ExportColumn<Row> {
  header: string;
  kind: CellKind;
  value: (row: Row) => CellValue;
  /** Column width in characters (XLSX). */
  width?: number;
  /** For a column mixing units (money, percent, counts), each row's own kind. */
  rowKind?: (row: Row) => CellKind;
}

export interface TableSpec<Row> {
  /** Sheet name in the pack's language. */
  sheet: string;
  columns: Array<ExportColumn<Row>>;
  rows: Iterable<Row> | AsyncIterable<Row>;
  /** A sheet that is not a list (the cover): no frozen header, no autofilter. */
  plain?: boolean;
}

export function col<Row>(header: string, kind: CellKind, value: (row: Row) => CellValue, width?: number): ExportColumn<Row> {
  return width === undefined ? { header, kind, value } : { header, kind, value, width };
}

/** Any table spec, whatever its row type (writers only call the column functions on their own rows). */
export type AnyTable = TableSpec<any>;
