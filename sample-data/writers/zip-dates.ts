// Sets every entry's modification time in a finished zip file (an XLSX) to one fixed moment, so
// the same data gives byte-identical workbooks. exceljs's streaming writer hands archiver no entry
// dates, and archiver then stamps each entry with the current time (archiver-utils `dateify`).
// Patches the local headers and the central directory in place; the file is not read whole.

import fs from 'node:fs/promises';

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;

/** MS-DOS time and date words for a UTC moment (zip entries carry no zone). */
export function dosDateTime(at: Date): { time: number; date: number } {
  const time = (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | Math.floor(at.getUTCSeconds() / 2);
  // The format starts in 1980; earlier moments are stored as its first day.
  if (at.getUTCFullYear() < 1980) return { time: 0, date: (1 << 5) | 1 };
  const date = ((at.getUTCFullYear() - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate();
  return { time, date };
}

export async function fixZipDates(file: string, at: Date): Promise<number> {
  const { time, date } = dosDateTime(at);
  const handle = await fs.open(file, 'r+');
  try {
    const { size } = await handle.stat();
    const tailLength = Math.min(size, 22 + 0xffff);
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tailLength, size - tailLength);
    let eocd = -1;
    for (let i = tailLength - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD_SIGNATURE) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new Error(`${file} is not a zip file (no end of central directory)`);
    const entries = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (cdOffset === 0xffffffff || entries === 0xffff) throw new Error(`${file} is a zip64 archive, which is not supported here`);

    const cd = Buffer.alloc(cdSize);
    await handle.read(cd, 0, cdSize, cdOffset);
    const local = Buffer.alloc(4);
    const stamp = Buffer.alloc(4);
    stamp.writeUInt16LE(time, 0);
    stamp.writeUInt16LE(date, 2);
    let pos = 0;
    for (let n = 0; n < entries; n++) {
      if (cd.readUInt32LE(pos) !== CENTRAL_SIGNATURE) throw new Error(`${file} has a damaged central directory`);
      cd.writeUInt16LE(time, pos + 12);
      cd.writeUInt16LE(date, pos + 14);
      const localOffset = cd.readUInt32LE(pos + 42);
      await handle.read(local, 0, 4, localOffset);
      if (local.readUInt32LE(0) !== LOCAL_SIGNATURE) throw new Error(`${file} has a damaged local header`);
      await handle.write(stamp, 0, 4, localOffset + 10);
      pos += 46 + cd.readUInt16LE(pos + 28) + cd.readUInt16LE(pos + 30) + cd.readUInt16LE(pos + 32);
    }
    await handle.write(cd, 0, cdSize, cdOffset);
    return entries;
  } finally {
    await handle.close();
  }
}
