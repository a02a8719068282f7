// What every benchmark section receives: the prepared inputs, a scratch folder, the scale the
// query and incremental-import figures use, and where to log progress.
import fs from 'node:fs';
import path from 'node:path';
import type { Figure } from './figures.ts';
import type { Prepared } from './prepare.ts';

export type BigScale = '1m' | '10m';

export interface BenchContext {
  prepared: Prepared;
  /** Scratch folder of this run, removed at the end. */
  work: string;
  scale: BigScale;
  /** Query routes to measure, by part of their name (all when empty). */
  routes: string[];
  /** A loaded database to measure the queries and the one-month import on instead of the cached one. */
  db: string | null;
  log(line: string): void;
}

export interface SectionResult {
  figures: Figure[];
  /** Section-specific detail for results.json (route tables, soak counts …). */
  detail?: Record<string, unknown>;
}

/** A copy of a database file in the scratch folder, so measurements never change the cached one. */
export function copyDb(ctx: BenchContext, file: string, name: string): string {
  const copy = path.join(ctx.work, name);
  fs.copyFileSync(file, copy);
  return copy;
}

/** A path for a new, empty database in the scratch folder. */
export function freshDb(ctx: BenchContext, name: string): string {
  const file = path.join(ctx.work, name);
  fs.rmSync(file, { force: true });
  fs.rmSync(`${file}.wal`, { force: true });
  return file;
}

export function removeDb(file: string): void {
  fs.rmSync(file, { force: true });
  fs.rmSync(`${file}.wal`, { force: true });
}
