// Where the benchmark keeps what is expensive to make (sample exports, loaded databases, derived
// files): a folder outside the repository, each entry named by a hash of the code that made it, so
// a change to the generator or the pipeline rebuilds what it would change and old entries go.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** The cache folder: ATTAIN_BENCH_DIR, else ~/.cache/attain-bench. */
export function benchDir(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.ATTAIN_BENCH_DIR ? path.resolve(env.ATTAIN_BENCH_DIR) : path.join(os.homedir(), '.cache', 'attain-bench');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** Scratch space for one run (database copies, fresh databases); removed by the caller. */
export function workDir(dir: string): string {
  const work = path.join(dir, 'work');
  fs.mkdirSync(work, { recursive: true });
  return fs.mkdtempSync(path.join(work, 'run-'));
}

function listFiles(dir: string, keep: (rel: string) => boolean): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true })
    .map(String)
    .filter((rel) => keep(rel) && fs.statSync(path.join(dir, rel)).isFile())
    .sort();
}

/** A short hash of the given files (paths relative to the repository), names and contents both. */
export function hashFiles(relPaths: string[]): string {
  const hash = crypto.createHash('sha256');
  for (const rel of [...relPaths].sort()) hash.update(rel).update('\0').update(fs.readFileSync(path.join(ROOT, rel))).update('\0');
  return hash.digest('hex').slice(0, 12);
}

const isSource = (rel: string) => (rel.endsWith('.ts') || rel.endsWith('.sql')) && !rel.endsWith('.test.ts');

function sourcesUnder(relDir: string, keep: (rel: string) => boolean = isSource): string[] {
  return listFiles(path.join(ROOT, relDir), keep).map((rel) => path.join(relDir, rel));
}

/** The sample generator's own code (its tests and test helpers excluded). */
export function generatorHash(): string {
  return hashFiles(sourcesUnder('sample-data', (rel) => isSource(rel) && !rel.startsWith('testing')));
}

/**
 * The code that decides what a loaded database holds: the pipelines, the database module and its
 * migrations, and the precomputed tables the imports refresh.
 */
export function pipelineHash(): string {
  const precomputed = ['rollups.ts', 'purchase-stats.ts', 'sources.ts', 'periods.ts'].map((f) => path.join('server', 'queries', f));
  return hashFiles([...sourcesUnder('pipelines'), ...sourcesUnder(path.join('server', 'db')), ...precomputed.filter((f) => fs.existsSync(path.join(ROOT, f)))]);
}

/**
 * Removes the other versions of an entry: names sharing `prefix` other than `keep` (a new
 * generator version leaves the old multi-gigabyte sample behind otherwise).
 */
export function dropStale(dir: string, prefix: string, keep: string): void {
  for (const name of fs.readdirSync(dir)) {
    if (name.startsWith(prefix) && name !== keep && !name.startsWith(`${keep}.`)) fs.rmSync(path.join(dir, name), { recursive: true, force: true });
  }
}
