// A small RFC 4180 parser for the first part of a CSV (header detection, preview, column count), and the
// delimiter sniffer. The bulk of the file is read by DuckDB; this only has to agree with it on record boundaries.

export interface CsvRecord {
  /** 1-based record number counting blank lines: the row a spreadsheet shows the record on. */
  row: number;
  fields: string[];
  blank: boolean;
  /** Character offset just after the record's line break. */
  end: number;
}

export interface CsvParse { records: CsvRecord[]; unterminatedAt: number | null }

/**
 * Parses up to maxRecords records. When complete is false the text is a cut-off sample and a record not ended by
 * a line break is dropped; when true, a quote still open at the end is reported as unterminated.
 */
export function parseCsvText(text: string, delimiter: string, opts: { maxRecords: number; complete: boolean }): CsvParse {
  const records: CsvRecord[] = [];
  let i = 0;
  let row = 0;
  const n = text.length;
  while (i < n && records.length < opts.maxRecords) {
    const fields: string[] = [];
    let field = '';
    let quoted = false;
    let inQuote = false;
    let ended = false;
    const start = i;
    for (; i < n; i++) {
      const ch = text[i]!;
      if (inQuote) {
        if (ch === '"') {
          if (text[i + 1] === '"') { field += '"'; i++; } else inQuote = false;
        } else field += ch;
        continue;
      }
      if (ch === '"' && field === '' && !quoted) { inQuote = true; quoted = true; continue; }
      if (ch === delimiter) { fields.push(field); field = ''; quoted = false; continue; }
      if (ch === '\n' || ch === '\r') {
        if (ch === '\r' && text[i + 1] === '\n') i++;
        i++;
        ended = true;
        break;
      }
      field += ch;
    }
    if (inQuote) {
      if (opts.complete) return { records, unterminatedAt: row + 1 };
      break;
    }
    if (!ended && !opts.complete) break;
    fields.push(field);
    row++;
    const blank = fields.length === 1 && fields[0] === '' && !quoted;
    records.push({ row, fields, blank, end: i });
    if (i === start) break;
  }
  return { records, unterminatedAt: null };
}

const CANDIDATES = [',', '\t', ';', '|'];

/** The delimiter that splits the sample's rows into the most rows of one consistent width (≥ 2 fields). */
export function sniffDelimiter(text: string): string {
  let best = { delimiter: ',', rows: 0, width: 1 };
  for (const delimiter of CANDIDATES) {
    const { records } = parseCsvText(text, delimiter, { maxRecords: 60, complete: true });
    const widths = new Map<number, number>();
    for (const r of records) if (!r.blank) widths.set(r.fields.length, (widths.get(r.fields.length) ?? 0) + 1);
    for (const [width, rows] of widths) {
      if (width < 2) continue;
      if (rows > best.rows || (rows === best.rows && width > best.width)) best = { delimiter, rows, width };
    }
  }
  return best.delimiter;
}
