// One file on the Imports page, from drop to import: the browser's quick look, the server's preview
// (dataset, encoding, sheet, header row, proposed mapping), the user's choices, the dry run and the
// import itself, with upload and processing progress.
import { ApiError } from '$lib/api';
import { watchActive } from './active-watch';
import type { JobProgress } from './progress';
import { quickLook, type QuickLook } from './quick-look';
import { isSpreadsheet, previewPart, uploadForm } from './upload';
import type { Dataset, ImportReport, MappingSpec, Mode, Preview } from './types';

export type MappingSource = 'edited' | 'remembered' | 'auto' | 'unmapped';

/** The mode a dataset is usually imported with: dated facts are added, targets replace their period, lists are updated. */
export function defaultMode(dataset: Dataset | null): Mode {
  if (dataset === 'targets') return 'replace-period';
  if (dataset === 'orders' || dataset === 'visits' || dataset === null) return 'append';
  return 'upsert';
}

function isReport(value: unknown): value is ImportReport {
  return typeof value === 'object' && value !== null && 'status' in value && 'rowsRead' in value && 'errors' in value;
}

let nextId = 1;

export class ImportJob {
  readonly id = nextId++;
  readonly file: File;
  private readonly username: string;
  private readonly controller = new AbortController();
  private previewSeq = 0;

  quick = $state<QuickLook | null>(null);
  preview = $state<Preview | null>(null);
  previewError = $state<unknown>(null);
  /** Choices sent with the next preview, dry run and import; null lets the server decide. */
  dataset = $state<Dataset | null>(null);
  sheet = $state<string | null>(null);
  headerRow = $state<number | null>(null);
  encoding = $state('auto');
  mapping = $state<MappingSpec>({});
  edited = $state<string[]>([]);
  mode = $state<Mode>('append');
  private modeChosen = false;
  /** The dry run's report for the current choices (cleared when a choice changes). */
  report = $state<ImportReport | null>(null);
  /** What the import did. */
  result = $state<ImportReport | null>(null);
  busy = $state<'preview' | 'check' | 'import' | null>(null);
  progress = $state<JobProgress | null>(null);

  constructor(file: File, username: string) {
    this.file = file;
    this.username = username;
  }

  get spreadsheet(): boolean {
    return isSpreadsheet(this.file.name);
  }

  /** Required columns without a source in the current mapping. */
  get missingRequired(): string[] {
    return (this.preview?.columns ?? []).filter((c) => c.required && this.mapping[c.name] === undefined).map((c) => c.name);
  }

  sourceOf(column: string): MappingSource {
    if (this.edited.includes(column)) return 'edited';
    if (this.mapping[column] === undefined) return 'unmapped';
    return this.preview?.mapping?.remembered ? 'remembered' : 'auto';
  }

  get canCheck(): boolean {
    return this.busy === null && this.preview !== null && this.dataset !== null && this.missingRequired.length === 0;
  }

  get canImport(): boolean {
    return this.canCheck && this.report !== null && this.report.status !== 'refused' && this.result === null;
  }

  /** The quick look (text files) and the server's preview. */
  async start(): Promise<void> {
    if (!this.spreadsheet) {
      quickLook(this.file).then(
        (look) => {
          if (!this.preview) this.quick = look;
        },
        // The quick look is only a head start; the server's preview says what is wrong with the file.
        () => undefined,
      );
    }
    await this.loadPreview();
  }

  async loadPreview(): Promise<void> {
    const seq = ++this.previewSeq;
    this.busy = 'preview';
    this.previewError = null;
    this.report = null;
    this.result = null;
    const form = new FormData();
    if (this.dataset) form.append('dataset', this.dataset);
    if (this.sheet !== null) form.append('sheet', this.sheet);
    if (this.headerRow !== null) form.append('headerRow', String(this.headerRow));
    if (this.encoding !== 'auto') form.append('encoding', this.encoding);
    try {
      form.append('file', await previewPart(this.file), this.file.name);
      const preview = await uploadForm<Preview>('/api/imports/preview', form, {
        signal: this.controller.signal,
        onUpload: (loaded, total) => {
          // Small files go up in an instant; a bar is only worth drawing for large ones.
          if (total > 1024 * 1024) this.progress = { step: 'upload', loaded, total, phase: null, rows: 0 };
        },
        onSent: () => (this.progress = null),
      });
      if (seq !== this.previewSeq) return;
      this.preview = preview;
      this.quick = null;
      this.dataset = preview.dataset;
      this.sheet = preview.sheet;
      this.headerRow = preview.headerRow;
      this.mapping = { ...(preview.mapping?.columns ?? {}) };
      this.edited = [];
      if (!this.modeChosen) this.mode = defaultMode(preview.dataset);
    } catch (err) {
      if (seq !== this.previewSeq || (err instanceof DOMException && err.name === 'AbortError')) return;
      this.preview = null;
      this.previewError = err;
    } finally {
      if (seq === this.previewSeq) {
        this.busy = null;
        this.progress = null;
      }
    }
  }

  setDataset(dataset: Dataset): void {
    this.dataset = dataset;
    this.modeChosen = false;
    void this.loadPreview();
  }

  setSheet(sheet: string): void {
    this.sheet = sheet;
    // Another sheet has its own header row.
    this.headerRow = null;
    void this.loadPreview();
  }

  setHeaderRow(row: number): void {
    this.headerRow = row;
    void this.loadPreview();
  }

  setEncoding(encoding: string): void {
    this.encoding = encoding;
    void this.loadPreview();
  }

  setMapping(column: string, header: string | null): void {
    const next = { ...this.mapping };
    if (header === null) delete next[column];
    else next[column] = header;
    this.mapping = next;
    if (!this.edited.includes(column)) this.edited = [...this.edited, column];
    this.report = null;
  }

  setMode(mode: Mode): void {
    this.mode = mode;
    this.modeChosen = true;
    this.report = null;
  }

  /** The dry run: what the import would do, changing nothing. */
  async check(): Promise<void> {
    if (!this.canCheck) return;
    this.busy = 'check';
    try {
      this.report = await this.send(true);
    } finally {
      this.busy = null;
    }
  }

  /** The import; resolves to the report (committed, no-op or refused). */
  async commit(): Promise<ImportReport | null> {
    if (!this.canImport) return null;
    this.busy = 'import';
    try {
      this.result = await this.send(false);
      return this.result;
    } finally {
      this.busy = null;
    }
  }

  dispose(): void {
    this.controller.abort();
  }

  private form(): FormData {
    const form = new FormData();
    form.append('dataset', this.dataset ?? '');
    form.append('mode', this.mode);
    form.append('mapping', JSON.stringify(this.mapping));
    if (this.preview?.kind !== 'csv' && this.sheet !== null) form.append('sheet', this.sheet);
    if (this.headerRow !== null) form.append('headerRow', String(this.headerRow));
    if (this.encoding !== 'auto') form.append('encoding', this.encoding);
    form.append('file', this.file, this.file.name);
    return form;
  }

  private async send(dryRun: boolean): Promise<ImportReport> {
    const watch = { stop: () => {} };
    const total = this.file.size;
    this.progress = { step: 'upload', loaded: 0, total, phase: null, rows: 0 };
    try {
      return await uploadForm<ImportReport>(`/api/imports${dryRun ? '?dryRun=1' : ''}`, this.form(), {
        signal: this.controller.signal,
        onUpload: (loaded, sent) => (this.progress = { step: 'upload', loaded, total: sent, phase: null, rows: 0 }),
        onSent: () => {
          this.progress = { step: 'process', loaded: total, total, phase: null, rows: 0 };
          watch.stop = watchActive(
            (row) => row.fileName === this.file.name && (row.user === null || row.user === this.username),
            (row) => (this.progress = { step: 'process', loaded: total, total, phase: row.phase, rows: row.rowsProcessed }),
          );
        },
      });
    } catch (err) {
      // A refused file is an answer, not a failure: its report says which rows and why.
      if (err instanceof ApiError && err.code === 'import_refused' && isReport(err.details)) return err.details;
      throw err;
    } finally {
      watch.stop();
      this.progress = null;
    }
  }
}
