// Random access to a zip file's entries through its central directory: list them, and stream or read one.
// Lets the .xlsx reader take the workbook's parts in the order it needs, whatever order the writer chose.
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { createInflateRaw, inflateRawSync } from 'node:zlib';

interface Entry { method: number; compressed: number; local: number }

export interface ZipIndex {
  names: string[];
  has(name: string): boolean;
  stream(name: string): Promise<Readable>;
  text(name: string): Promise<string>;
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

/** The zip's directory, or null when it is not a plain zip this reader understands (e.g. ZIP64). */
export async function openZip(file: string): Promise<ZipIndex | null> {
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
      entries.set(name, { method: cd.readUInt16LE(p + 10), compressed: cd.readUInt32LE(p + 20), local: cd.readUInt32LE(p + 42) });
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
      const inflate = createInflateRaw();
      raw.on('error', (err) => inflate.destroy(err));
      return raw.pipe(inflate);
    },
    async text(name) {
      const entry = entryOf(name);
      const handle = await fs.promises.open(file, 'r');
      try {
        const data = await readAt(handle, await dataStart(entry), entry.compressed);
        return (entry.method === 0 ? data : inflateRawSync(data)).toString('utf8');
      } finally {
        await handle.close();
      }
    },
  };
}
