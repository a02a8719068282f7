// Reading a file into a raw staging table (and previewing it): the kind from its first bytes, then the CSV or
// spreadsheet reader. Every refusal is an InputError naming the file, and the row and column where there is one.
import fs from 'node:fs';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Dataset } from '../datasets.ts';
import { guessDataset } from '../map/match.ts';
import { previewCsvFile, readStart, stageCsvFile } from './csv-file.ts';
import { detectKind } from './detect-kind.ts';
import { InputError } from './input-error.ts';
import { previewSheetFile, stageSheetFile } from './sheet-file.ts';
import type { FileKind, Progress, StagedFile } from './types.ts';

export { InputError } from './input-error.ts';
export type { StagedFile, Warning, FileKind } from './types.ts';

export interface StageOptions {
  table: string;
  dataset?: Dataset;
  sheet?: string;
  headerRow?: number;
  encoding?: string;
  tmpDir: string;
  displayName?: string;
  maxXlsBytes?: number;
  onProgress?: Progress;
}

export interface PreviewOptions { dataset?: Dataset; sheet?: string; headerRow?: number; encoding?: string; tmpDir: string; displayName?: string; maxXlsBytes?: number }

export interface FilePreview {
  kind: FileKind;
  encoding: string;
  encodingConfidence: number;
  delimiter: string | null;
  sheets: string[];
  sheet: string | null;
  headerRow: number;
  headers: string[];
  rows: string[][];
  guessedDataset: Dataset | null;
}

async function kindOf(file: string, name: string): Promise<FileKind> {
  let head: Buffer;
  try {
    head = await readStart(file, 65536);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? `${name} does not exist.` : code === 'EISDIR' ? `${name} is a folder, not a file.` : `${name} cannot be read (${code ?? String(err)}).`, { file: name });
  }
  return detectKind(head, name);
}

function checkHeaderRow(headerRow: number | undefined, name: string): void {
  if (headerRow !== undefined && (!Number.isInteger(headerRow) || headerRow < 1)) {
    throw new InputError(`The header row for ${name} must be a whole number from 1 (got ${headerRow}).`, { file: name });
  }
}

export async function stageFile(conn: DuckDBConnection, file: string, opts: StageOptions): Promise<StagedFile> {
  const name = opts.displayName ?? path.basename(file);
  checkHeaderRow(opts.headerRow, name);
  const kind = await kindOf(file, name);
  await fs.promises.mkdir(opts.tmpDir, { recursive: true });
  const common = {
    name, table: opts.table,
    ...(opts.dataset ? { dataset: opts.dataset } : {}),
    ...(opts.headerRow !== undefined ? { headerRow: opts.headerRow } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  };
  if (kind === 'csv') {
    return stageCsvFile(conn, file, { ...common, tmpDir: opts.tmpDir, ...(opts.encoding !== undefined ? { encoding: opts.encoding } : {}) });
  }
  return stageSheetFile(conn, file, { ...common, kind, ...(opts.sheet !== undefined ? { sheet: opts.sheet } : {}), ...(opts.maxXlsBytes !== undefined ? { maxXlsBytes: opts.maxXlsBytes } : {}) });
}

export async function previewFile(file: string, opts: PreviewOptions): Promise<FilePreview> {
  const name = opts.displayName ?? path.basename(file);
  checkHeaderRow(opts.headerRow, name);
  const kind = await kindOf(file, name);
  const common = { name, ...(opts.dataset ? { dataset: opts.dataset } : {}), ...(opts.headerRow !== undefined ? { headerRow: opts.headerRow } : {}) };
  if (kind === 'csv') {
    const p = await previewCsvFile(file, { ...common, ...(opts.encoding !== undefined ? { encoding: opts.encoding } : {}) });
    return { kind, ...p, sheets: [], sheet: null, guessedDataset: guessDataset(p.headers)?.dataset ?? null };
  }
  const p = await previewSheetFile(file, { ...common, kind, ...(opts.sheet !== undefined ? { sheet: opts.sheet } : {}), ...(opts.maxXlsBytes !== undefined ? { maxXlsBytes: opts.maxXlsBytes } : {}) });
  return {
    kind, encoding: kind, encodingConfidence: 1, delimiter: null,
    sheets: p.sheets, sheet: p.sheet, headerRow: p.headerRow, headers: p.headers, rows: p.rows,
    guessedDataset: guessDataset(p.headers)?.dataset ?? null,
  };
}
