// A CSV file written as a stream: lines are buffered into chunks of about 256 KB, encoded (UTF-8 or
// GB18030 via iconv-lite) and written with backpressure, so no file is ever held whole in memory.

import fs from 'node:fs';
import { once } from 'node:events';
import iconv from 'iconv-lite';

const CHUNK_CHARS = 1 << 18;

export type CsvEncoding = 'utf8' | 'gb18030';

export class CsvSink {
  private readonly stream: fs.WriteStream;
  private parts: string[] = [];
  private size = 0;
  private failure: Error | null = null;

  constructor(
    readonly path: string,
    private readonly encoding: CsvEncoding,
    private readonly eol: string,
  ) {
    this.stream = fs.createWriteStream(path);
    this.stream.on('error', (err) => {
      this.failure = err;
    });
  }

  addLine(line: string): void {
    this.parts.push(line, this.eol);
    this.size += line.length + this.eol.length;
  }

  get full(): boolean {
    return this.size >= CHUNK_CHARS;
  }

  async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.size === 0) return;
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    const bytes = this.encoding === 'utf8' ? Buffer.from(text, 'utf8') : iconv.encode(text, 'gb18030');
    if (!this.stream.write(bytes)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
    if (this.failure) throw this.failure;
  }
}
