// Streams a non-UTF-8 text file into a UTF-8 temp file (DuckDB's CSV reader only reads UTF-8). Bytes the encoding
// cannot decode stop it with the line where they are: a file is never loaded garbled.
import fs from 'node:fs';
import iconv from 'iconv-lite';
import { once } from 'node:events';
import { InputError } from './input-error.ts';

export async function transcodeToUtf8(
  src: string,
  dest: string,
  encoding: string,
  opts: { name: string; onProgress?: (bytes: number) => void },
): Promise<void> {
  const decoder = decoderFor(encoding);
  const input = fs.createReadStream(src, { highWaterMark: 4 << 20 });
  const output = fs.createWriteStream(dest);
  let lines = 1;
  let bytes = 0;
  const check = (text: string) => {
    const bad = text.indexOf('\uFFFD');
    if (bad >= 0) {
      const line = lines + countNewlines(text, 0, bad);
      throw new InputError(
        `${opts.name}, line ${line}: there are bytes that are not valid ${encoding} text; the file is in another encoding (pass --encoding, e.g. utf-8, gb18030 or big5) or is damaged.`,
        { file: opts.name, row: line },
      );
    }
    lines += countNewlines(text, 0, text.length);
  };
  try {
    for await (const chunk of input) {
      const text = decoder.write(chunk as Buffer);
      check(text);
      bytes += (chunk as Buffer).length;
      if (!output.write(text, 'utf8')) await once(output, 'drain');
      opts.onProgress?.(bytes);
    }
    const rest = decoder.end() ?? '';
    check(rest);
    output.write(rest, 'utf8');
    output.end();
    await once(output, 'finish');
  } catch (err) {
    input.destroy();
    output.destroy();
    throw err;
  }
}

interface Decoder {
  write(chunk: Buffer): string;
  end(): string | undefined;
}

/**
 * GB18030 goes through the runtime's own decoder (ICU, the WHATWG GB18030 index that iconv-lite also
 * follows), about twice as fast as iconv-lite's JavaScript one; a leading BOM is dropped as iconv-lite's
 * stripBOM does. Other encodings keep iconv-lite, whose Big5 and Windows-1252 tables differ from WHATWG's.
 */
function decoderFor(encoding: string): Decoder {
  if (encoding === 'gb18030') {
    const native = new TextDecoder('gb18030');
    let first = true;
    return {
      write(chunk) {
        const text = native.decode(chunk, { stream: true });
        if (!first || text === '') return text;
        first = false;
        return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
      },
      end() {
        const text = native.decode();
        return first && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
      },
    };
  }
  return iconv.getDecoder(encoding, { stripBOM: true });
}

export function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
