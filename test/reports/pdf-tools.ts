// Reads a PDF back the way a person would: poppler's pdftotext (layout kept) per page and pdfinfo's
// page count, on a temporary copy of the bytes.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

function withFile<T>(pdf: Buffer, fn: (file: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attain-pdf-'));
  const file = path.join(dir, 'pack.pdf');
  fs.writeFileSync(file, pdf);
  try {
    return fn(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function pageCount(pdf: Buffer): number {
  return withFile(pdf, (file) => {
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    const m = /^Pages:\s+(\d+)/m.exec(info);
    if (!m) throw new Error(`pdfinfo gave no page count:\n${info}`);
    return Number(m[1]);
  });
}

/** The text of every page (index 0 = page 1). */
export function pageTexts(pdf: Buffer): string[] {
  return withFile(pdf, (file) => {
    const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const pages = text.split('\f');
    if (pages[pages.length - 1]?.trim() === '') pages.pop();
    return pages;
  });
}

/** The fonts pdffonts lists (name, whether embedded and subsetted). */
export function fonts(pdf: Buffer): Array<{ name: string; embedded: boolean; subset: boolean }> {
  return withFile(pdf, (file) => {
    const out = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter((l) => l.trim());
    return out.map((line) => {
      const cols = line.trim().split(/\s+/);
      const [emb, sub] = cols.slice(-5, -3);
      return { name: cols[0]!, embedded: emb === 'yes', subset: sub === 'yes' };
    });
  });
}

/** "¥31,500.46": money as the pack writes it, formatted here independently of the product's formatter. */
export function yuan(v: number): string {
  const abs = Math.abs(v).toFixed(2);
  const [int, frac] = abs.split('.') as [string, string];
  return `${v < 0 ? '-' : ''}¥${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
}

export function percent(v: number): string {
  return `${(v * 100).toFixed(1)}%`;
}

/** Whitespace-insensitive containment (pdftotext spaces columns with runs of blanks). */
export function squeeze(text: string): string {
  return text.replace(/\s+/g, ' ');
}
