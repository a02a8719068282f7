// An XLSX file written row by row with exceljs's streaming WorkbookWriter, laid out like a Chinese
// ERP export: a merged title row, a blank row, the Chinese header row, the data and, for orders,
// a 合计 totals row. Dates are real date cells and numbers real numbers.

import fs from 'node:fs';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import type { DatasetSpec } from '../datasets.ts';
import { xlsxNumFmt, type XlsxValue } from '../formats.ts';
import { fixZipDates } from './zip-dates.ts';

/** Rows between two pauses that let the zip writer deflate what the sheet has produced. */
const ROWS_PER_PAUSE = 2000;
/** Uncompressed sheet bytes allowed to wait for the deflater. */
const PENDING_LIMIT = 1 << 20;

type PipeInput = NodeJS.EventEmitter & { _writableState?: { length: number; needDrain: boolean } };

export class XlsxSink {
  private readonly file: fs.WriteStream;
  private readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly sheet: ExcelJS.Worksheet;
  private sincePause = 0;

  constructor(
    readonly path: string,
    spec: DatasetSpec,
    title: string,
    private readonly stamp: Date,
  ) {
    this.file = fs.createWriteStream(path);
    this.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: this.file, useStyles: true, useSharedStrings: false });
    // Fixed document dates: the workbook must not change when regenerated.
    this.workbook.creator = 'Attain';
    this.workbook.lastModifiedBy = 'Attain';
    this.workbook.created = stamp;
    this.workbook.modified = stamp;
    this.sheet = this.workbook.addWorksheet(spec.sheet, { views: [{ state: 'frozen', ySplit: 3 }] });
    this.sheet.columns = spec.columns.map((c) => {
      const numFmt = xlsxNumFmt(c.kind);
      return { key: c.key, width: c.width, style: numFmt ? { numFmt } : {} };
    });
    const titleRow = this.sheet.addRow([title]);
    titleRow.font = { bold: true, size: 14 };
    this.sheet.mergeCells(1, 1, 1, spec.columns.length);
    titleRow.commit();
    this.sheet.addRow([]).commit();
    const header = this.sheet.addRow(spec.columns.map((c) => c.zh));
    header.font = { bold: true };
    header.commit();
  }

  addRow(values: XlsxValue[], bold = false): void {
    const row = this.sheet.addRow(values);
    if (bold) row.font = { bold: true };
    row.commit();
    this.sincePause++;
  }

  get full(): boolean {
    return this.sincePause >= ROWS_PER_PAUSE;
  }

  async flush(): Promise<void> {
    this.sincePause = 0;
    // The sheet's stream (an exceljs StreamBuf) writes into archiver's input, a readable-stream
    // PassThrough, without heeding backpressure, so the uncompressed sheet would pile up there
    // while zlib deflates; wait until that input has drained. (exceljs 4.4 internals.)
    const input = (this.sheet as unknown as { stream?: { pipes?: PipeInput[] } }).stream?.pipes?.[0];
    const state = input?._writableState;
    if (input && state && state.needDrain && state.length > PENDING_LIMIT) await once(input, 'drain');
    else await new Promise<void>((resolve) => setImmediate(resolve));
    if (this.file.writableNeedDrain) await once(this.file, 'drain');
  }

  async close(): Promise<void> {
    await this.workbook.commit();
    if (!this.file.closed) await once(this.file, 'close');
    await fixZipDates(this.path, this.stamp);
  }
}
