// Byte-level passes over a UTF-8 CSV that DuckDB cannot do for us: where the first invalid UTF-8 byte is (for a
// message naming its line), and which records are blank lines (DuckDB skips them, a spreadsheet shows them as rows).
import fs from 'node:fs';
import { isAscii, isUtf8 } from 'node:buffer';

export interface Utf8Scan {
  /** Byte offset and 1-based line of the first invalid byte, or null when the whole file is valid UTF-8. */
  invalid: { offset: number; line: number } | null;
  /** Whether everything before the first invalid byte was plain ASCII (no evidence the file is UTF-8 at all). */
  asciiBeforeInvalid: boolean;
  /** Offset of the last "\n\n" or "\n\r\n", or -1: blank lines can only exist before it. */
  lastBlankCandidate: number;
  bytes: number;
}

const CHUNK = 1 << 20;

/** Length of the complete UTF-8 prefix of a chunk (a sequence cut at its end carries over to the next chunk). */
function completePrefix(buf: Buffer): number {
  let i = buf.length - 1;
  let back = 0;
  while (i >= 0 && back < 3 && (buf[i]! & 0xc0) === 0x80) { i--; back++; }
  if (i < 0) return buf.length;
  const lead = buf[i]!;
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return need > back + 1 ? i : buf.length;
}

/** First invalid byte of a buffer that isUtf8 rejected. */
function firstInvalid(buf: Buffer): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i]!;
    const need = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (need === 0) return i;
    if (need > 1 && !isUtf8(buf.subarray(i, i + need))) return i;
    i += need;
  }
  return buf.length;
}

async function countLines(file: string, upTo: number): Promise<number> {
  let lines = 1;
  if (upTo <= 0) return lines;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: CHUNK, end: upTo - 1 })) {
    const buf = chunk as Buffer;
    for (let i = buf.indexOf(10); i >= 0; i = buf.indexOf(10, i + 1)) lines++;
  }
  return lines;
}

export async function scanUtf8(file: string): Promise<Utf8Scan> {
  let carry: Buffer = Buffer.alloc(0); // an incomplete UTF-8 sequence from the end of the previous chunk
  let tail: Buffer = Buffer.alloc(0); // the previous chunk's last two bytes, for patterns across chunks
  let offset = 0; // file offset of the current chunk's first byte
  let lastBlankCandidate = -1;
  let invalid: number | null = null;
  let ascii = true;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: CHUNK })) {
    const data = chunk as Buffer;
    const buf = carry.length ? Buffer.concat([carry, data]) : data;
    const cut = completePrefix(buf);
    if (!isUtf8(buf.subarray(0, cut))) {
      const at = firstInvalid(buf.subarray(0, cut));
      ascii &&= isAscii(buf.subarray(0, at));
      invalid = offset - carry.length + at;
      break;
    }
    ascii &&= isAscii(buf.subarray(0, cut));
    carry = Buffer.from(buf.subarray(cut));
    const joined = Buffer.concat([tail, data]);
    for (const pattern of ['\n\n', '\n\r\n']) {
      const at = joined.lastIndexOf(pattern);
      if (at >= 0) lastBlankCandidate = Math.max(lastBlankCandidate, offset - tail.length + at);
    }
    tail = Buffer.from(data.subarray(Math.max(0, data.length - 2)));
    offset += data.length;
  }
  if (invalid === null && carry.length) invalid = offset - carry.length;
  const bytes = (await fs.promises.stat(file)).size;
  return { invalid: invalid === null ? null : { offset: invalid, line: await countLines(file, invalid) }, asciiBeforeInvalid: ascii, lastBlankCandidate, bytes };
}

/**
 * The blank records (empty lines outside quotes) from a byte offset on, each given as the number of non-blank
 * records before it: a spreadsheet row number is then record index + blanks before it.
 */
export async function findBlankRecords(file: string, start: number, quote = 0x22): Promise<number[]> {
  const blanks: number[] = [];
  let inQuote = false;
  let empty = true;
  let records = 0;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: CHUNK, start })) {
    const buf = chunk as Buffer;
    for (let i = 0; i < buf.length; i++) {
      const b = buf[i]!;
      if (b === quote) { inQuote = !inQuote; empty = false; }
      else if (b === 10 && !inQuote) {
        if (empty) blanks.push(records);
        else records++;
        empty = true;
      } else if (b !== 13) empty = false;
    }
  }
  return blanks;
}
