// Text encoding of a CSV: BOM, UTF-16 byte pattern, a strict UTF-8 check, then chardet and a Chinese-character
// heuristic to choose among GB18030, Big5 and Windows-1252. Every answer carries a confidence in [0, 1].
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { isUtf8 } from 'node:buffer';
import { COMMON_ZH } from './common-chars.ts';
import { utf16Pattern } from './detect-kind.ts';
import { InputError } from './input-error.ts';

export interface EncodingGuess { encoding: string; confidence: number }

const NAMES: Record<string, string> = {
  utf8: 'utf-8', utf8sig: 'utf-8', utf8bom: 'utf-8',
  gbk: 'gb18030', gb2312: 'gb18030', gb18030: 'gb18030', cp936: 'gb18030', '936': 'gb18030', euccn: 'gb18030', windows936: 'gb18030',
  big5: 'big5', big5hkscs: 'big5', cp950: 'big5', '950': 'big5',
  utf16: 'utf-16le', utf16le: 'utf-16le', utf16be: 'utf-16be', ucs2: 'utf-16le',
  windows1252: 'windows-1252', cp1252: 'windows-1252', latin1: 'windows-1252', iso88591: 'windows-1252', '1252': 'windows-1252',
};

/** The label iconv-lite and reports use for a user's encoding name; GBK and GB2312 always read as gb18030 (a superset). */
export function normaliseEncoding(name: string, file: string): string {
  const key = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  const known = NAMES[key];
  if (known) return known;
  if (iconv.encodingExists(name)) return name.toLowerCase();
  throw new InputError(`Unknown encoding "${name}" for ${file}: use utf-8, gb18030, big5, utf-16le, utf-16be or windows-1252.`, { file });
}

/** Leading bytes of a byte order mark, and the encoding it announces. */
export function bomOf(buf: Buffer): { encoding: string; length: number } | null {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (buf[0] === 0xff && buf[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/** The sample without a UTF-8 sequence cut off at its end (so a partial sample can be checked strictly). */
function completeUtf8(buf: Buffer): Buffer {
  let i = buf.length - 1;
  let back = 0;
  while (i >= 0 && back < 4 && (buf[i]! & 0xc0) === 0x80) { i--; back++; }
  if (i < 0) return buf;
  const lead = buf[i]!;
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return need > back + 1 ? buf.subarray(0, i) : buf;
}

/** Share of the non-ASCII bytes that form valid UTF-8 sequences (damaged UTF-8 stays near 1, other encodings do not). */
function utf8Share(buf: Buffer): number {
  let valid = 0;
  let other = 0;
  for (let i = 0; i < buf.length;) {
    const b = buf[i]!;
    if (b < 0x80) { i++; continue; }
    const need = b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (need && i + need <= buf.length && isUtf8(buf.subarray(i, i + need))) { valid += need; i += need; } else { other++; i++; }
  }
  return valid + other ? valid / (valid + other) : 0;
}

/** Share of CJK characters in the text that are frequent ones, with the counts behind it. */
function chineseShare(text: string): { share: number; cjk: number; bad: number } {
  let cjk = 0;
  let common = 0;
  let bad = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c === 0xfffd) bad++;
    else if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || c >= 0x20000) {
      cjk++;
      if (COMMON_ZH.has(ch)) common++;
    }
  }
  return { share: cjk ? common / cjk : 0, cjk, bad };
}

/** Share of runs of non-ASCII bytes that are one byte long: high in Western text, near zero in Chinese. */
function singleByteRunShare(buf: Buffer): number {
  let runs = 0;
  let single = 0;
  let len = 0;
  for (const b of buf) {
    if (b >= 0x80) len++;
    else if (len) { runs++; if (len === 1) single++; len = 0; }
  }
  if (len) { runs++; if (len === 1) single++; }
  return runs ? single / runs : 0;
}

function chardetScores(sample: Buffer): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of chardet.analyse(sample)) {
    const name = m.name.toLowerCase().replace(/[^a-z0-9]/g, '');
    const label = name.startsWith('iso88591') || name.startsWith('windows125') ? 'windows-1252' : NAMES[name];
    if (label && !out.has(label)) out.set(label, m.confidence / 100);
  }
  return out;
}

/** The likeliest non-UTF-8 encoding of a sample (used directly, and when a file proves not to be UTF-8 after all). */
export function detectLegacyEncoding(sample: Buffer): EncodingGuess {
  const votes = chardetScores(sample);
  if (singleByteRunShare(sample) > 0.5) {
    return { encoding: 'windows-1252', confidence: round(0.6 + 0.3 * (votes.get('windows-1252') ?? 0.5)) };
  }
  const candidates = ['gb18030', 'big5'].map((encoding) => {
    const { share, cjk, bad } = chineseShare(iconv.decode(sample, encoding));
    const penalty = cjk ? Math.min(1, (bad * 5) / cjk) : 1;
    const score = (0.7 * share + 0.3 * (votes.get(encoding) ?? 0)) * (1 - penalty);
    return { encoding, score };
  });
  candidates.sort((a, b) => b.score - a.score);
  const [best, second] = candidates as [{ encoding: string; score: number }, { encoding: string; score: number }];
  if (best.score < 0.15) {
    const fallback = votes.get('windows-1252') ? 'windows-1252' : best.encoding;
    return { encoding: fallback, confidence: 0.3 };
  }
  const margin = best.score - second.score;
  return { encoding: best.encoding, confidence: round(Math.min(0.97, 0.5 + margin)) };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

/**
 * Guesses a sample's encoding. wholeFile says the sample is the entire file (pure ASCII is then certain).
 * UTF-8 comes first: a strict decode that succeeds on non-ASCII bytes is next to certain.
 */
export function detectEncoding(sample: Buffer, wholeFile: boolean): EncodingGuess {
  const bom = bomOf(sample);
  if (bom) return { encoding: bom.encoding, confidence: 1 };
  const utf16 = utf16Pattern(sample);
  if (utf16) return { encoding: utf16, confidence: 0.9 };
  const body = wholeFile ? sample : completeUtf8(sample);
  if (isUtf8(body)) {
    const ascii = !body.some((b) => b >= 0x80);
    return { encoding: 'utf-8', confidence: ascii && !wholeFile ? 0.9 : ascii ? 1 : 0.99 };
  }
  // UTF-8 with a few damaged bytes is still UTF-8: reading it as another encoding would garble every character.
  if (utf8Share(sample) > 0.9) return { encoding: 'utf-8', confidence: 0.8 };
  return detectLegacyEncoding(sample);
}
