// Random access to a zip file's entries through its central directory: list them, and stream or read one.
// Lets the .xlsx reader take the workbook's parts in the order it needs, whatever order the writer chose.
// Every entry is held to an inflated-size cap, so a zip bomb is refused before it fills memory or disk.
import fs from 'node:fs';
import { Transform, pipeline, type Readable } from 'node:stream';
import { createInflateRaw, inflateRawSync } from 'node:zlib';
import { InputError } from './input-error.ts';

interface Entry { method: number; compressed: number; size: number; local: number }

export interface ZipIndex {
  names: string[];
  has(name: string): boolean;
  stream(name: string): Promise<Readable>;
  text(name: string): Promise<string>;
}

const MB = 1024 * 1024;

/**
 * Inflated-size caps. Real worksheet XML inflates 5–20 times (the demo workbook: 7), so past a small
 * floor an entry may reach at most maxRatio times its compressed size. Worksheets are streamed row by
 * row; every other part (shared strings, styles, the workbook) is held in memory, so it is also capped
 * at maxHeldBytes.
 */
export const ZIP_LIMITS = { floorBytes: 16 * MB, maxRatio: 100, maxHeldBytes: 512 * MB };

function limitOf(name: string, entry: Entry): number {
  const byRatio = Math.max(ZIP_LIMITS.floorBytes, entry.compressed * ZIP_LIMITS.maxRatio);
  return name.startsWith('xl/worksheets/') ? byRatio : Math.min(byRatio, ZIP_LIMITS.maxHeldBytes);
}

function tooBig(label: string, name: string, entry: Entry, limit: number): InputError {
  const packed = entry.compressed >= MB ? `${Math.round(entry.compressed / MB)} MB` : `${Math.max(1, Math.round(entry.compressed / 1024))} KB`;
  return new InputError(
    `${label} was refused as a likely zip bomb: its part ${name} unpacks to more than ${Math.round(limit / MB)} MB from ${packed} packed, ` +
      `which no real workbook does; reading stopped there.`,
    { file: label },
  );
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_DIRECTORY = 64 * 1024 * 1024;

async function readAt(fd: fs.promises.FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fd.read(buf, 0, length, position);
  return buf.subarray(0, bytesRead);
}

/** The zip's directory, or null when it is not a plain zip this reader understands (e.g. ZIP64). `label` names the file in refusals. */
export async function openZip(file: string, label = file): Promise<ZipIndex | null> {
  const entries = new Map<string, Entry>();
  const fd = await fs.promises.open(file, 'r');
  try {
    const size = (await fd.stat()).size;
    const tailLength = Math.min(size, 65557);
    const tail = await readAt(fd, size - tailLength, tailLength);
    let eocd = -1;
    for (let i = tail.length - 22; i >= 0; i--) if (tail.readUInt32LE(i) === EOCD) { eocd = i; break; }
    if (eocd < 0) return null;
    const count = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (count === 0xffff || cdOffset === 0xffffffff || cdOffset + cdSize > size || cdSize > MAX_DIRECTORY) return null;
    const cd = await readAt(fd, cdOffset, cdSize);
    for (let p = 0, n = 0; n < count; n++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL) return null;
      const nameLength = cd.readUInt16LE(p + 28);
      const name = cd.toString('utf8', p + 46, p + 46 + nameLength);
      entries.set(name, { method: cd.readUInt16LE(p + 10), compressed: cd.readUInt32LE(p + 20), size: cd.readUInt32LE(p + 24), local: cd.readUInt32LE(p + 42) });
      p += 46 + nameLength + cd.readUInt16LE(p + 30) + cd.readUInt16LE(p + 32);
    }
  } finally {
    await fd.close();
  }

  async function dataStart(entry: Entry): Promise<number> {
    const handle = await fs.promises.open(file, 'r');
    try {
      const header = await readAt(handle, entry.local, 30);
      if (header.length < 30 || header.readUInt32LE(0) !== LOCAL) throw new Error('damaged zip entry');
      return entry.local + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    } finally {
      await handle.close();
    }
  }
  function entryOf(name: string): Entry {
    const entry = entries.get(name);
    if (!entry) throw new Error(`no ${name} in the workbook`);
    if (entry.method !== 0 && entry.method !== 8) throw new Error(`${name} uses an unsupported compression`);
    // An honest directory gives the bomb away before anything is inflated; a lying one is caught by counting.
    if (entry.size > limitOf(name, entry)) throw tooBig(label, name, entry, limitOf(name, entry));
    return entry;
  }

  return {
    names: [...entries.keys()],
    has: (name) => entries.has(name),
    async stream(name) {
      const entry = entryOf(name);
      const start = await dataStart(entry);
      const raw = fs.createReadStream(file, { start, end: start + Math.max(entry.compressed, 1) - 1 });
      if (entry.method === 0) return raw;
      const limit = limitOf(name, entry);
      let inflated = 0;
      const counted = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          inflated += chunk.length;
          if (inflated > limit) done(tooBig(label, name, entry, limit));
          else done(null, chunk);
        },
      });
      // pipeline() tears the whole chain down when any part fails or the reader stops early.
      return pipeline(raw, createInflateRaw(), counted, () => undefined);
    },
    async text(name) {
      const entry = entryOf(name);
      const handle = await fs.promises.open(file, 'r');
      try {
        const data = await readAt(handle, await dataStart(entry), entry.compressed);
        if (entry.method === 0) return data.toString('utf8');
        const limit = limitOf(name, entry);
        try {
          return inflateRawSync(data, { maxOutputLength: limit }).toString('utf8');
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooBig(label, name, entry, limit);
          throw err;
        }
      } finally {
        await handle.close();
      }
    },
  };
}
