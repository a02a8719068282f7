// The import report (interface.md's --json shape) and its human-readable summary for the CLI.
export type ImportStatus = 'committed' | 'no-op' | 'refused' | 'dry-run';

export interface ReportWarning {
  row: number | null;
  column: string | null;
  message: string;
}

export interface ReportError {
  row: number;
  column: string | null;
  value: string | null;
  message: string;
}

export interface ReplacePlan {
  /** Months (YYYY-MM) or target periods whose facts replace-period replaces. */
  periods: string[];
  /** Reps (or target scopes as kind:id) whose facts in those periods are replaced. */
  reps: string[];
  /** Stored rows that will be (or were) replaced. */
  rows: number;
}

export interface ImportReport {
  batchId: string;
  status: ImportStatus;
  dataset: string;
  mode: string;
  file: string;
  sha256: string;
  encoding: string;
  sheet: string | null;
  headerRow: number;
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  rowsReplaced: number;
  rowsDuplicate: number;
  warnings: ReportWarning[];
  errors: ReportError[];
  mapping: Record<string, string | { value: unknown }>;
  /** One sentence: why the file was refused, or what happened. */
  message: string;
  /** replace-period only: what was (or, in a dry run, would be) replaced. */
  replaced?: ReplacePlan;
}

/** Lists at most this many per-row warnings of one kind, then one line with the rest's count. */
export const WARNINGS_PER_KIND = 20;
/** Lists at most this many rejected rows; rowsRejected still counts them all. */
export const ERRORS_LISTED = 500;

export function emptyReport(base: Pick<ImportReport, 'batchId' | 'dataset' | 'mode' | 'file'> & Partial<ImportReport>): ImportReport {
  return {
    status: 'refused',
    sha256: '',
    encoding: 'utf-8',
    sheet: null,
    headerRow: 1,
    rowsRead: 0,
    rowsLoaded: 0,
    rowsRejected: 0,
    rowsReplaced: 0,
    rowsDuplicate: 0,
    warnings: [],
    errors: [],
    mapping: {},
    message: '',
    ...base,
  };
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

/** The CLI's default output: what happened, the counts, then warnings and rejected rows. */
export function formatSummary(report: ImportReport, limit = 20): string {
  const lines: string[] = [];
  lines.push(report.message);
  lines.push(
    `${report.dataset} · ${report.mode} · batch ${report.batchId} · ${report.encoding}${report.sheet ? ` · sheet ${report.sheet}` : ''} · header row ${report.headerRow}`,
  );
  lines.push(
    `${plural(report.rowsRead, 'row')} read, ${report.rowsLoaded.toLocaleString('en-US')} ${report.status === 'dry-run' ? 'to load' : 'loaded'}, ${report.rowsRejected.toLocaleString('en-US')} rejected, ` +
      `${report.rowsDuplicate.toLocaleString('en-US')} duplicate, ${report.rowsReplaced.toLocaleString('en-US')} replaced.`,
  );
  if (report.replaced) {
    const { periods, reps, rows } = report.replaced;
    const shown = reps.slice(0, 30).join(', ') + (reps.length > 30 ? `, … (${reps.length} in all)` : '');
    lines.push(`${report.status === 'dry-run' ? 'Would replace' : 'Replaced'} ${plural(rows, 'stored row')} of ${periods.join(', ') || 'no period'} for ${shown || 'no rep'}.`);
  }
  const mapped = Object.entries(report.mapping).map(([k, v]) => `${k} ← ${typeof v === 'string' ? v : JSON.stringify(v.value)}`);
  if (mapped.length) lines.push(`Columns: ${mapped.join(', ')}`);
  const where = (row: number | null, column: string | null) =>
    [row !== null ? `row ${row}` : null, column ? `column ${column}` : null].filter(Boolean).join(', ');
  if (report.warnings.length) {
    lines.push(`Warnings (${report.warnings.length}):`);
    for (const w of report.warnings.slice(0, limit)) {
      const at = where(w.row, w.column);
      lines.push(`  - ${at ? `${at}: ` : ''}${w.message}`);
    }
    if (report.warnings.length > limit) lines.push(`  … ${report.warnings.length - limit} more (see --json).`);
  }
  // The refusal sentence is the first line already; list only the other errors.
  const errors = report.errors.filter((e) => e.message !== report.message);
  if (errors.length) {
    lines.push(report.rowsRejected ? `Rejected rows (${report.rowsRejected}):` : 'Errors:');
    for (const e of errors.slice(0, limit)) {
      lines.push(`  - ${where(e.row, e.column)}${e.value !== null ? ` value "${e.value}"` : ''}: ${e.message}`);
    }
    if (errors.length > limit) lines.push(`  … ${errors.length - limit} more (see --json).`);
  }
  return lines.join('\n');
}
