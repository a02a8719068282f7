// Shapes of the import routes' answers (server/routes/import-schemas.ts) as the Imports page reads them.

export const DATASETS = ['orders', 'visits', 'targets', 'reps', 'customers', 'products'] as const;
export type Dataset = (typeof DATASETS)[number];

export const MODES = ['append', 'replace-period', 'upsert'] as const;
export type Mode = (typeof MODES)[number];

/** canonical column → file header, or a constant. */
export type MappingSpec = Record<string, string | { value: string }>;

export interface ColumnInfo {
  name: string;
  type: string;
  required: boolean;
}

export interface Preview {
  fileName: string;
  kind: 'csv' | 'xlsx' | 'xls';
  guessedDataset: Dataset | null;
  dataset: Dataset | null;
  encoding: string;
  encodingConfidence: number;
  delimiter: string | null;
  sheets: string[];
  sheet: string | null;
  headerRow: number;
  headers: string[];
  rows: string[][];
  mapping: {
    columns: MappingSpec;
    missingRequired: string[];
    notes: string[];
    byName: string[];
    remembered: boolean;
  } | null;
  columns: ColumnInfo[];
}

export interface ReportIssue {
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

export interface ImportReport {
  batchId: string;
  status: 'committed' | 'no-op' | 'refused' | 'dry-run';
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
  warnings: ReportIssue[];
  errors: ReportError[];
  mapping: MappingSpec;
  message: string;
  replaced?: { periods: string[]; reps: string[]; rows: number };
}

export type BatchStatus = 'running' | 'committed' | 'failed' | 'undone';

export interface BatchRow {
  batchId: string;
  dataset: string;
  mode: string;
  status: BatchStatus;
  fileName: string | null;
  sha256: string | null;
  encoding: string | null;
  sheet: string | null;
  headerRow: number | null;
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  rowsReplaced: number;
  rowsDuplicate: number;
  createdBy: string | null;
  createdAt: string;
  finishedAt: string | null;
  undoneBy: string | null;
  undoneAt: string | null;
  isDemo: boolean;
}

export interface BatchWithReport extends BatchRow {
  report: ImportReport | null;
}

export interface HistoryPage {
  limit: number;
  offset: number;
  hasMore: boolean;
  rows: BatchRow[];
}

export const PHASES = ['reading', 'mapping', 'typing', 'validating', 'merging', 'finishing'] as const;
export type Phase = (typeof PHASES)[number];

export interface ActiveImport {
  batchId: string;
  dataset: string;
  mode: string;
  fileName: string;
  user: string | null;
  phase: string;
  rowsProcessed: number;
  startedAt: string;
}

export interface UndoAnswer {
  undone: true;
  batchId: string;
  dataset: string;
  restored: number;
  removed: number;
}

export interface DataQuality {
  unknownReps: { repId: string; facts: number }[];
  unknownCustomers: { customerId: string; facts: number }[];
  monthsWithoutData: string[];
  repsWithoutTargets: { repId: string; name: string | null; months: string[] }[];
  targetsWithoutReps: { scopeKind: string; scopeId: string; periods: string[] }[];
  duplicateCustomers: { name: string; customerIds: string[] }[];
  counts: {
    unknownReps: number;
    unknownCustomers: number;
    monthsWithoutData: number;
    repsWithoutTargets: number;
    targetsWithoutReps: number;
    duplicateCustomers: number;
  };
}

export function isDataset(value: unknown): value is Dataset {
  return typeof value === 'string' && (DATASETS as readonly string[]).includes(value);
}

export function isMode(value: unknown): value is Mode {
  return typeof value === 'string' && (MODES as readonly string[]).includes(value);
}
