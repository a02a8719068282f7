// The back half of an import, from a typed staging table to committed facts: batch record, rules,
// rejection policy, merge plan, the merge transaction, remembered mapping, report, clean-up.
// The front half (reading the file and typing its values) comes in as a Stager.
import type { Database, DuckDBConnection } from '../../server/db/database.ts';
import { ident, one } from '../../server/db/query.ts';
import { dataQualityOn, qualityLine } from '../quality.ts';
import { type ImportReport, type ReportWarning, emptyReport } from '../report.ts';
import { type ImportPhase, registerImport, unregisterImport, updateImport } from './active.ts';
import { deleteBatch, findIdentical, insertRunningBatch, markCommitted, markFailed } from './batches.ts';
import { type ColumnNamer, collectRejections, currencyRefusal, loadWarnings, reportingCurrency } from './checks.ts';
import { InputRefused } from './errors.ts';
import { batchMonths, runFactHooks } from './hooks.ts';
import { type SavedMapping, saveMapping } from './mappings.ts';
import { applyMerge } from './merge.ts';
import { planMerge } from './plan.ts';
import { buildReady, describeSource, isOrderLevel } from './rules/index.ts';
import { batchTempDir, dropRelation, dropStageTables, newBatchId, removeBatchTempDir, stageTable } from './staging.ts';
import type { DatasetName, Mode } from './tables.ts';

export interface ImportJob {
  dataset: DatasetName;
  mode: Mode;
  /** The file's name as reports show it. */
  file: string;
  sha256: string;
  maxErrorRate: number;
  dryRun: boolean;
  user: string | null;
  isDemo: boolean;
  onProgress?: (p: { phase: ImportPhase; rows: number }) => void;
}

export interface StageContext {
  batchId: string;
  /** Table names the stager must use, so clean-up finds them. */
  rawTable: string;
  typedTable: string;
  /** The batch's own temp folder (removed afterwards). */
  tmpDir: string;
  progress(phase: ImportPhase, rows: number): void;
}

export interface StageOutcome {
  encoding: string;
  sheet: string | null;
  headerRow: number;
  rowsRead: number;
  /** canonical column → file header, or a constant, as the report shows it. */
  mapping: SavedMapping;
  /** Canonical columns the mapping filled. */
  mapped: string[];
  /** Id columns whose header held names (metrics.md "Names as ids"). */
  byName?: string[];
  warnings: ReportWarning[];
  /** Saved as the remembered mapping for these headers when the import commits. */
  remember?: { signature: string; mapping: SavedMapping };
}

/** Creates job.typedTable on the write connection; throws InputRefused for files it cannot take. */
export type Stager = (conn: DuckDBConnection, ctx: StageContext) => Promise<StageOutcome>;

const pct = (x: number) => `${(Math.round(x * 1000) / 10).toString()}%`;

function namer(mapping: SavedMapping): ColumnNamer {
  return (canonical) => {
    if (canonical === null) return null;
    const source = mapping[canonical];
    return typeof source === 'string' ? source : canonical;
  };
}

export async function runImport(db: Database, job: ImportJob, stager: Stager): Promise<ImportReport> {
  const same = await db.read((conn) => findIdentical(conn, job.sha256, job.dataset, job.mode));
  if (same) {
    const report = emptyReport({ batchId: same.batchId, dataset: job.dataset, mode: job.mode, file: job.file, sha256: job.sha256 });
    return {
      ...report,
      status: 'no-op',
      encoding: same.encoding ?? report.encoding,
      sheet: same.sheet,
      headerRow: same.headerRow ?? 1,
      rowsRead: same.rowsRead,
      message: `The file ${job.file} was already imported as ${job.dataset} (${job.mode}) in batch ${same.batchId}; nothing changed.`,
    };
  }

  const batchId = newBatchId();
  const tmpDir = batchTempDir(batchId);
  // stageCheckMerge() keeps what it learnt here, so a refusal reports the encoding, counts and rejected rows.
  const acc = { report: emptyReport({ batchId, dataset: job.dataset, mode: job.mode, file: job.file, sha256: job.sha256 }) };
  registerImport({ batchId, dataset: job.dataset, mode: job.mode, file: job.file, user: job.user });
  const progress = (phase: ImportPhase, rows: number) => {
    updateImport(batchId, phase, rows);
    job.onProgress?.({ phase, rows });
  };
  try {
    await db.write((conn) =>
      insertRunningBatch(conn, { batchId, dataset: job.dataset, mode: job.mode, fileName: job.file, sha256: job.sha256, user: job.user, isDemo: job.isDemo }),
    );
    try {
      const report = await stageCheckMerge(db, job, stager, acc, { batchId, rawTable: stageTable(batchId, 'raw'), typedTable: stageTable(batchId, 'typed'), tmpDir, progress });
      if (report.status === 'dry-run') await db.write((conn) => deleteBatch(conn, batchId));
      return report;
    } catch (err) {
      if (!(err instanceof InputRefused)) {
        await db.write((conn) => markFailed(conn, batchId)).catch(() => undefined);
        throw err;
      }
      const refused = refusedReport(acc.report, err);
      if (job.dryRun) await db.write((conn) => deleteBatch(conn, batchId));
      else await db.write((conn) => markFailed(conn, batchId, refused));
      return refused;
    }
  } finally {
    await db.write((conn) => dropStageTables(conn, batchId)).catch(() => undefined);
    await removeBatchTempDir(batchId).catch(() => undefined);
    unregisterImport(batchId);
  }
}

function refusedReport(report: ImportReport, err: InputRefused): ImportReport {
  const errors = [...report.errors];
  const { row, column, value } = err.where;
  if (typeof row === 'number' && !errors.some((e) => e.row === row && e.column === (column ?? null))) {
    errors.unshift({ row, column: column ?? null, value: value ?? null, message: err.message });
  }
  return { ...report, status: 'refused', rowsLoaded: 0, rowsReplaced: 0, errors, message: err.message };
}

async function stageCheckMerge(db: Database, job: ImportJob, stager: Stager, acc: { report: ImportReport }, ctx: StageContext): Promise<ImportReport> {
  ctx.progress('reading', 0);
  const staged = await db.write((conn) => stager(conn, ctx));
  const report: ImportReport = {
    ...acc.report,
    encoding: staged.encoding,
    sheet: staged.sheet,
    headerRow: staged.headerRow,
    rowsRead: staged.rowsRead,
    mapping: staged.mapping,
    warnings: [...staged.warnings],
  };
  acc.report = report;
  const name = namer(staged.mapping);
  const ready = stageTable(ctx.batchId, 'ready');
  const load = stageTable(ctx.batchId, 'load');
  const del = stageTable(ctx.batchId, 'del');

  ctx.progress('validating', 0);
  const checked = await db.write(async (conn) => {
    const src = await describeSource(conn, ctx.typedTable, staged.mapped, staged.byName ?? []);
    const orderLevel = job.dataset === 'orders' ? await isOrderLevel(conn, src) : false;
    await buildReady(conn, job.dataset, src, ready, { orderLevel });
    // The earlier copies are no longer needed; large files should not be held three times.
    await dropRelation(conn, ctx.typedTable);
    await dropRelation(conn, ctx.rawTable);
    const total = (await one<{ n: number }>(conn, `SELECT count(*) AS n FROM ${ident(ready)}`))?.n ?? 0;
    const rejections = await collectRejections(conn, ready, name);
    const currency = job.dataset === 'orders' ? await currencyRefusal(conn, ready, job.file, await reportingCurrency(conn), name) : null;
    return { orderLevel, total, rejections, currency };
  });
  report.rowsRejected = checked.rejections.rowsRejected;
  report.errors = checked.rejections.errors;
  ctx.progress('validating', checked.total);
  if (checked.rejections.rowsRejected > checked.rejections.errors.length) {
    report.warnings.push({ row: null, column: null, message: `Only the first ${checked.rejections.errors.length} errors are listed.` });
  }

  if (checked.total === 0) throw new InputRefused(`The file ${job.file} has no data rows below its header row ${staged.headerRow}.`);
  if (checked.currency) throw new InputRefused(checked.currency, { column: name('currency') });
  const rate = checked.rejections.rowsRejected / checked.total;
  if (checked.rejections.rowsRejected > 0 && (rate > job.maxErrorRate || checked.rejections.rowsRejected === checked.total)) {
    const first = checked.rejections.errors[0];
    throw new InputRefused(
      `The file ${job.file} was refused: ${checked.rejections.rowsRejected} of ${checked.total} rows (${pct(rate)}) have errors, ` +
        `more than the ${pct(job.maxErrorRate)} allowed${first ? `; the first is row ${first.row}${first.column ? `, column ${first.column}` : ''}: ${first.message}` : ''}.`,
      first ? { row: first.row, column: first.column, value: first.value } : {},
    );
  }

  const planInput = { dataset: job.dataset, mode: job.mode, ready, orderLevel: checked.orderLevel, loadTable: load, deleteTable: del };
  if (job.dryRun) {
    return db.write(async (conn) => {
      const plan = await planMerge(conn, planInput);
      const warnings = await loadWarnings(conn, job.dataset, load, name);
      const out: ImportReport = {
        ...report,
        status: 'dry-run',
        rowsLoaded: plan.rowsToLoad,
        rowsReplaced: plan.rowsToReplace,
        rowsDuplicate: plan.rowsDuplicate,
        warnings: [...report.warnings, ...warnings],
        ...(plan.replaced ? { replaced: plan.replaced } : {}),
      };
      out.message = `Dry run of ${job.file}: ${summary(out, 'would load')}; nothing was changed.`;
      return out;
    });
  }

  ctx.progress('merging', 0);
  const committed = await db.transaction(async (conn) => {
    const plan = await planMerge(conn, planInput);
    const warnings = await loadWarnings(conn, job.dataset, load, name);
    const merged = await applyMerge(conn, plan, ctx.batchId);
    const quality = await dataQualityOn(conn);
    const out: ImportReport = {
      ...report,
      status: 'committed',
      rowsLoaded: merged.rowsLoaded,
      rowsReplaced: merged.rowsReplaced,
      rowsDuplicate: plan.rowsDuplicate,
      warnings: [...report.warnings, ...warnings, { row: null, column: null, message: qualityLine(quality) }],
      ...(plan.replaced ? { replaced: plan.replaced } : {}),
    };
    out.message = `Imported ${job.file} as ${job.dataset} (${job.mode}), batch ${ctx.batchId}: ${summary(out, 'loaded')}.`;
    await runFactHooks(conn, { dataset: job.dataset, batchId: ctx.batchId, kind: 'import', months: await batchMonths(conn, job.dataset, ctx.batchId, load) });
    await markCommitted(conn, out);
    if (staged.remember) await saveMapping(conn, job.dataset, staged.remember.signature, staged.remember.mapping);
    return out;
  });
  ctx.progress('finishing', committed.rowsLoaded);
  return committed;
}

function summary(r: ImportReport, verb: string): string {
  const n = (x: number) => x.toLocaleString('en-US');
  return `${n(r.rowsLoaded)} of ${n(r.rowsRead)} rows ${verb}, ${n(r.rowsRejected)} rejected, ${n(r.rowsDuplicate)} duplicate, ${n(r.rowsReplaced)} replaced`;
}
