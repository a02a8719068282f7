// The workbook part of an .xlsx (sheet names, their order and ids, the 1904 date flag), read from the zip's
// central directory before streaming. exceljs's streaming reader only learns sheet names when it reaches
// xl/workbook.xml, which some writers put last; a sheet it reaches first would otherwise have no name.
import fs from 'node:fs';
import { inflateRawSync } from 'node:zlib';

export interface WorkbookIndex {
  sheets: Array<{ name: string; id: number; rId: string; state: string }>;
  rels: Array<{ Id: string; Target: string; Type: string }>;
  date1904: boolean;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_PART = 16 * 1024 * 1024;

async function readAt(fd: fs.promises.FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fd.read(buf, 0, length, position);
  return buf.subarray(0, bytesRead);
}

/** The named zip entries' contents (only those found, stored or deflated). */
async function readEntries(file: string, names: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const fd = await fs.promises.open(file, 'r');
  try {
    const size = (await fd.stat()).size;
    const tailLength = Math.min(size, 65557);
    const tail = await readAt(fd, size - tailLength, tailLength);
    let eocd = -1;
    for (let i = tail.length - 22; i >= 0; i--) if (tail.readUInt32LE(i) === EOCD) { eocd = i; break; }
    if (eocd < 0) return out;
    const count = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (cdOffset + cdSize > size || cdSize > MAX_PART) return out;
    const cd = await readAt(fd, cdOffset, cdSize);
    for (let p = 0, n = 0; n < count && p + 46 <= cd.length && cd.readUInt32LE(p) === CENTRAL; n++) {
      const method = cd.readUInt16LE(p + 10);
      const compressed = cd.readUInt32LE(p + 20);
      const nameLength = cd.readUInt16LE(p + 28);
      const extraLength = cd.readUInt16LE(p + 30);
      const commentLength = cd.readUInt16LE(p + 32);
      const local = cd.readUInt32LE(p + 42);
      const name = cd.toString('utf8', p + 46, p + 46 + nameLength);
      p += 46 + nameLength + extraLength + commentLength;
      if (!names.includes(name) || compressed > MAX_PART) continue;
      const header = await readAt(fd, local, 30);
      if (header.length < 30 || header.readUInt32LE(0) !== LOCAL) continue;
      const data = await readAt(fd, local + 30 + header.readUInt16LE(26) + header.readUInt16LE(28), compressed);
      if (method === 0) out.set(name, data.toString('utf8'));
      else if (method === 8) out.set(name, inflateRawSync(data).toString('utf8'));
    }
  } finally {
    await fd.close();
  }
  return out;
}

const decodeXml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:]+)\s*=\s*"([^"]*)"/g)) out[m[1]!] = decodeXml(m[2]!);
  return out;
}

/** The workbook index, or null when the file's zip directory cannot be read this way (exceljs then copes alone). */
export async function readWorkbookIndex(file: string): Promise<WorkbookIndex | null> {
  let parts: Map<string, string>;
  try {
    parts = await readEntries(file, ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels']);
  } catch {
    return null;
  }
  const workbook = parts.get('xl/workbook.xml');
  const rels = parts.get('xl/_rels/workbook.xml.rels');
  if (!workbook || !rels) return null;
  const sheets = [...workbook.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)].map((m) => {
    const a = attributes(m[0]);
    return { name: a.name ?? '', id: Number(a.sheetId ?? 0), rId: a['r:id'] ?? '', state: a.state ?? 'visible' };
  });
  const pr = /<(?:\w+:)?workbookPr\b[^>]*>/.exec(workbook);
  const date1904 = pr ? ['1', 'true'].includes(attributes(pr[0]).date1904 ?? '') : false;
  const relations = [...rels.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)].map((m) => {
    const a = attributes(m[0]);
    return { Id: a.Id ?? '', Target: (a.Target ?? '').replace(/^\/?xl\//, ''), Type: a.Type ?? '' };
  });
  return { sheets, rels: relations, date1904 };
}
