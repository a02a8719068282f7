// Which reader a file needs, from its first bytes (never its extension): CSV/TSV text, .xlsx, or legacy .xls.
// Images, PDFs, archives and other binary data are refused with a sentence saying what the file is.
import { InputError } from './input-error.ts';
import type { FileKind } from './types.ts';

const SIGNATURES: Array<[bytes: number[], what: string]> = [
  [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'a GIF image'],
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
  [[0x1f, 0x8b], 'a gzip archive'],
  [[0x52, 0x61, 0x72, 0x21], 'a RAR archive'],
  [[0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], 'a 7-Zip archive'],
  [[0x42, 0x4d], 'a BMP image'],
  [[0x7f, 0x45, 0x4c, 0x46], 'a program (ELF binary)'],
];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP = [0x50, 0x4b, 0x03, 0x04];

function startsWith(head: Buffer, bytes: number[]): boolean {
  return head.length >= bytes.length && bytes.every((b, i) => head[i] === b);
}

/** Share of bytes that never occur in text (control codes other than tab, newlines, form feed and escape). */
function binaryShare(head: Buffer): number {
  if (!head.length) return 0;
  let odd = 0;
  for (const b of head) if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b) || b === 0x7f) odd++;
  return odd / head.length;
}

/** UTF-16 text without a BOM: ASCII characters leave a zero in every other byte. */
export function utf16Pattern(head: Buffer): 'utf-16le' | 'utf-16be' | null {
  const pairs = Math.floor(Math.min(head.length, 4096) / 2);
  if (pairs < 2) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < pairs; i++) {
    if (head[2 * i] === 0) even++;
    if (head[2 * i + 1] === 0) odd++;
  }
  if (odd / pairs > 0.2 && even / pairs < 0.02) return 'utf-16le';
  if (even / pairs > 0.2 && odd / pairs < 0.02) return 'utf-16be';
  return null;
}

export function detectKind(head: Buffer, name: string): FileKind {
  if (head.length === 0) throw new InputError(`${name} is empty (0 bytes).`, { file: name });
  if (startsWith(head, ZIP)) {
    const text = head.toString('latin1');
    if (text.includes('xl/workbook.bin')) throw new InputError(`${name} is an Excel binary workbook (.xlsb); save it as .xlsx or CSV and import that.`, { file: name });
    if (text.includes('xl/') || (text.includes('[Content_Types].xml') && !text.includes('word/') && !text.includes('ppt/'))) return 'xlsx';
    const what = text.includes('word/') ? 'a Word document' : text.includes('ppt/') ? 'a PowerPoint file' : 'a ZIP archive';
    throw new InputError(`${name} is ${what}, not a CSV or Excel file.`, { file: name });
  }
  if (startsWith(head, OLE2)) return 'xls';
  for (const [bytes, what] of SIGNATURES) {
    // BMP's two-letter signature is also plain text ("BM…"); only call it an image when the rest is binary.
    if (startsWith(head, bytes) && (what !== 'a BMP image' || binaryShare(head) > 0.02)) {
      throw new InputError(`${name} is ${what}, not a CSV or Excel file.`, { file: name });
    }
  }
  const bom16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  if (bom16 || utf16Pattern(head)) return 'csv';
  if (binaryShare(head) > 0.02) {
    throw new InputError(`${name} holds binary data, not text: it is neither a CSV nor an Excel file.`, { file: name });
  }
  return 'csv';
}
