// Shapes shared by the readers: what a staged file reports, and a row as the readers pass it around.

export interface Warning { row: number | null; column: string | null; message: string }

export interface StagedFile {
  /** Raw staging table: __row INTEGER (1-based row number as a spreadsheet shows it), c1..cN VARCHAR. */
  table: string;
  /** Header texts, headers[i] ↔ column c{i+1}. */
  headers: string[];
  headerRow: number;
  encoding: string;
  encodingConfidence: number;
  delimiter: string | null;
  sheet: string | null;
  sheets: string[];
  kind: FileKind;
  /** Data rows staged (blank rows and totals rows excluded). */
  rowsRead: number;
  warnings: Warning[];
}

export type FileKind = 'csv' | 'xlsx' | 'xls';

/** One row of a file: its spreadsheet row number and its cells as text ('' for an empty cell). */
export interface SheetRow { row: number; cells: string[] }

export type Progress = (p: { phase: string; rows: number; bytes?: number }) => void;
