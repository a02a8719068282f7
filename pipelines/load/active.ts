// Imports running in this process and how far each has got, for GET /api/imports/active.
export type ImportPhase = 'reading' | 'mapping' | 'typing' | 'validating' | 'merging' | 'finishing';

export interface ActiveImport {
  batchId: string;
  dataset: string;
  mode: string;
  file: string;
  user: string | null;
  phase: ImportPhase;
  /** Rows processed in the current phase so far. */
  rows: number;
  startedAt: string;
}

const running = new Map<string, ActiveImport>();

export function activeImports(): ActiveImport[] {
  return [...running.values()].map((a) => ({ ...a }));
}

export function registerImport(entry: Omit<ActiveImport, 'phase' | 'rows' | 'startedAt'>): ActiveImport {
  const item: ActiveImport = { ...entry, phase: 'reading', rows: 0, startedAt: new Date().toISOString() };
  running.set(entry.batchId, item);
  return item;
}

export function updateImport(batchId: string, phase: ImportPhase, rows?: number): void {
  const item = running.get(batchId);
  if (!item) return;
  if (item.phase !== phase) item.rows = 0;
  item.phase = phase;
  if (rows !== undefined) item.rows = rows;
}

export function unregisterImport(batchId: string): void {
  running.delete(batchId);
}
