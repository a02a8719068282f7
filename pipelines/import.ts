// importFile: one file into the facts, staged and atomic (architecture.md), reporting as interface.md's
// --json shape. Input problems come back as a report with status "refused"; bad options and
// failures of the machine throw.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../server/db/database.ts';
import type { MappingSpec } from './map/index.ts';
import { emptyReport, type ImportReport } from './report.ts';
import type { ImportPhase } from './load/active.ts';
import { PipelineError } from './load/errors.ts';
import { fileStager } from './load/front.ts';
import { runImport } from './load/run.ts';
import { DATASET_NAMES, MODES, isDataset, isMode, type DatasetName, type Mode } from './load/tables.ts';

export { activeImports, type ActiveImport, type ImportPhase } from './load/active.ts';
export { undoImport, type UndoResult } from './load/undo.ts';
export { getBatch, listBatches, type BatchRecord } from './load/batches.ts';
export { PipelineError, UndoRefused, BatchNotFound } from './load/errors.ts';
export { onFactsChanged, refreshPrecomputedOn, refreshScope, type FactChange, type FactHook, type Refresher } from './load/hooks.ts';
export type { ImportReport } from './report.ts';

export interface ImportOptions {
  dataset: DatasetName | string;
  /** Path of the file to read. */
  file: string;
  /** The name reports and history show (an upload's original name); default: the file's base name. */
  displayName?: string;
  mode?: Mode | string;
  mapping?: MappingSpec;
  sheet?: string;
  headerRow?: number;
  encoding?: string;
  /** Share of rows that may be rejected before the whole file is refused (default 0.05). */
  maxErrorRate?: number;
  dryRun?: boolean;
  user?: string;
  isDemo?: boolean;
  onProgress?(p: { phase: ImportPhase; rows: number }): void;
}

export const DEFAULT_MAX_ERROR_RATE = 0.05;

/** Throws a 400-style PipelineError naming the option when the call itself is wrong. */
function checkOptions(opts: ImportOptions): { dataset: DatasetName; mode: Mode; maxErrorRate: number } {
  if (!isDataset(opts.dataset)) throw new PipelineError(400, 'bad_request', `Unknown dataset "${opts.dataset}": use one of ${DATASET_NAMES.join(', ')}.`);
  const mode = opts.mode ?? 'append';
  if (!isMode(mode)) throw new PipelineError(400, 'bad_request', `Unknown mode "${mode}": use one of ${MODES.join(', ')}.`);
  const maxErrorRate = opts.maxErrorRate ?? DEFAULT_MAX_ERROR_RATE;
  if (!(maxErrorRate >= 0 && maxErrorRate <= 1)) {
    throw new PipelineError(400, 'bad_request', `The maximum error rate must be a fraction from 0 to 1, not ${String(opts.maxErrorRate)}.`);
  }
  if (opts.headerRow !== undefined && !(Number.isInteger(opts.headerRow) && opts.headerRow >= 1)) {
    throw new PipelineError(400, 'bad_request', `The header row must be a whole number from 1, not ${String(opts.headerRow)}.`);
  }
  return { dataset: opts.dataset, mode, maxErrorRate };
}

async function sha256Of(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  // 1 MB reads: the default 64 KB ones cost a callback each, a noticeable share at a few hundred MB.
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export async function importFile(db: Database, opts: ImportOptions): Promise<ImportReport> {
  const { dataset, mode, maxErrorRate } = checkOptions(opts);
  const label = opts.displayName ?? path.basename(opts.file);
  let sha256: string;
  try {
    sha256 = await sha256Of(opts.file);
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'cannot be read';
    const message = `The file ${label} ${reason}.`;
    return { ...emptyReport({ batchId: '', dataset, mode, file: label }), status: 'refused', message, errors: [] };
  }
  return runImport(
    db,
    {
      dataset,
      mode,
      file: label,
      sha256,
      maxErrorRate,
      dryRun: opts.dryRun ?? false,
      user: opts.user ?? null,
      isDemo: opts.isDemo ?? false,
      ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    },
    fileStager(opts.file, {
      dataset,
      label,
      ...(opts.mapping ? { mapping: opts.mapping } : {}),
      ...(opts.sheet !== undefined ? { sheet: opts.sheet } : {}),
      ...(opts.headerRow !== undefined ? { headerRow: opts.headerRow } : {}),
      ...(opts.encoding !== undefined ? { encoding: opts.encoding } : {}),
    }),
  );
}
