// An instant first look at a text file in the browser, before the server's preview arrives: only the
// first 64 KB are read (large files never block the page), decoded as UTF-8 or else GB18030, and
// parsed with papaparse, which is imported on demand so it stays out of the other pages' JavaScript.

export const QUICK_LOOK_BYTES = 64 * 1024;
const PREVIEW_ROWS = 50;
const HEADER_SCAN_ROWS = 20;

export interface QuickLook {
  encoding: string;
  delimiter: string;
  /** 1-based row of the header, as a spreadsheet shows it. */
  headerRow: number;
  headers: string[];
  rows: string[][];
}

/** The sample up to its last line break, so no line (or multi-byte character) is cut in half. */
export function wholeLines(bytes: Uint8Array, complete: boolean): Uint8Array {
  if (complete) return bytes;
  const last = bytes.lastIndexOf(0x0a);
  return last < 0 ? bytes : bytes.subarray(0, last + 1);
}

/** Text and encoding of a sample: a byte-order mark decides; else UTF-8 when it decodes cleanly, else GB18030. */
export function decodeSample(bytes: Uint8Array): { text: string; encoding: string } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

const filledCount = (row: readonly string[]) => row.filter((c) => c.trim() !== '').length;

/**
 * Index of the header among parsed rows: the first of the leading rows that fills most of the
 * widest row's cells, so title lines ("订单明细 2026-01-01 至 …") and blank lines above it are skipped.
 */
export function headerIndex(rows: readonly string[][]): number {
  const scan = rows.slice(0, HEADER_SCAN_ROWS);
  const widest = Math.max(0, ...scan.map(filledCount));
  const needed = Math.max(1, Math.ceil(widest * 0.6));
  const found = scan.findIndex((row) => filledCount(row) >= needed);
  return found < 0 ? 0 : found;
}

/** Parses decoded text into the quick look (papaparse is passed in, so tests need no dynamic import). */
export function lookAt(
  text: string,
  encoding: string,
  parse: (text: string) => { data: string[][]; delimiter: string },
): QuickLook {
  const { data, delimiter } = parse(text);
  const index = headerIndex(data);
  const headers = (data[index] ?? []).map((h) => h.trim());
  const rows = data
    .slice(index + 1)
    .filter((row) => filledCount(row) > 0)
    .slice(0, PREVIEW_ROWS);
  return { encoding, delimiter, headerRow: index + 1, headers, rows };
}

export async function quickLook(file: File): Promise<QuickLook> {
  const complete = file.size <= QUICK_LOOK_BYTES;
  const bytes = new Uint8Array(await file.slice(0, QUICK_LOOK_BYTES).arrayBuffer());
  const { text, encoding } = decodeSample(wholeLines(bytes, complete));
  const Papa = (await import('papaparse')).default;
  return lookAt(text, encoding, (input) => {
    // 80 records are enough for 50 data rows below a title, blank lines and the header.
    const result = Papa.parse<string[]>(input, { preview: 80, skipEmptyLines: false });
    return { data: result.data, delimiter: result.meta.delimiter };
  });
}
