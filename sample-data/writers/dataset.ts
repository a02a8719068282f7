// Writes one dataset in every form at once (English CSV, Chinese GB18030 CSV and, up to the demo
// scale, XLSX): each row is handed over once in canonical values and formatted per form.

import path from 'node:path';
import type { Cell, DatasetSpec } from '../datasets.ts';
import { enCell, xlsxCell, zhCell } from '../formats.ts';
import { CsvSink } from './csv.ts';
import { XlsxSink } from './xlsx.ts';

export interface FormDirs {
  en: string;
  zh: string;
  /** null: no XLSX form at this scale. */
  xlsx: string | null;
}

export class DatasetWriter {
  rows = 0;
  private readonly en: CsvSink;
  private readonly zh: CsvSink;
  private readonly xlsx: XlsxSink | null;
  private readonly sumColumns: number[];
  private readonly sums: number[];

  constructor(
    private readonly spec: DatasetSpec,
    dirs: FormDirs,
    title: string,
    stamp: Date,
  ) {
    this.en = new CsvSink(path.join(dirs.en, `${spec.name}.csv`), 'utf8', '\n');
    this.zh = new CsvSink(path.join(dirs.zh, `${spec.name}.csv`), 'gb18030', '\r\n');
    this.xlsx = dirs.xlsx ? new XlsxSink(path.join(dirs.xlsx, `${spec.name}.xlsx`), spec, title, stamp) : null;
    this.en.addLine(spec.columns.map((c) => c.en).join(','));
    this.zh.addLine(spec.columns.map((c) => c.zh).join(','));
    this.sumColumns = (spec.totals ?? []).map((key) => spec.columns.findIndex((c) => c.key === key));
    this.sums = this.sumColumns.map(() => 0);
  }

  /** The files written, by form. */
  get files(): Record<string, string> {
    const files: Record<string, string> = { en: this.en.path, zh: this.zh.path };
    if (this.xlsx) files.xlsx = this.xlsx.path;
    return files;
  }

  add(row: readonly Cell[]): void {
    const cols = this.spec.columns;
    let en = '';
    let zh = '';
    for (let i = 0; i < cols.length; i++) {
      const kind = cols[i]!.kind;
      const v = row[i] ?? null;
      if (i > 0) {
        en += ',';
        zh += ',';
      }
      en += enCell(kind, v);
      zh += zhCell(kind, v);
    }
    this.en.addLine(en);
    this.zh.addLine(zh);
    if (this.xlsx) this.xlsx.addRow(cols.map((c, i) => xlsxCell(c.kind, row[i] ?? null)));
    for (let s = 0; s < this.sumColumns.length; s++) this.sums[s]! += (row[this.sumColumns[s]!] as number | null) ?? 0;
    this.rows++;
  }

  get full(): boolean {
    return this.en.full || this.zh.full || (this.xlsx?.full ?? false);
  }

  async flush(): Promise<void> {
    await Promise.all([this.en.flush(), this.zh.flush(), this.xlsx?.flush()]);
  }

  async close(): Promise<void> {
    if (this.xlsx && this.sumColumns.length > 0) {
      const totals: Array<ReturnType<typeof xlsxCell>> = this.spec.columns.map(() => null);
      totals[0] = '合计';
      this.sumColumns.forEach((ci, s) => {
        totals[ci] = xlsxCell(this.spec.columns[ci]!.kind, this.sums[s]!);
      });
      this.xlsx.addRow(totals, true);
    }
    await Promise.all([this.en.close(), this.zh.close(), this.xlsx?.close()]);
  }
}
