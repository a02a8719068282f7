// The benchmark's command line: `npm run bench -- [--only SECTION[,SECTION]] [--scale 1m|10m] [--soak]
// [--route TEXT] [--db FILE]`.
import { parseArgs } from 'node:util';
import type { BigScale } from './context.ts';

export const SECTIONS = ['ingest', 'queries', 'frontend', 'pack', 'soak'] as const;
export type Section = (typeof SECTIONS)[number];

export interface BenchOptions {
  sections: Section[];
  scale: BigScale;
  /** Query routes to measure, by part of their name (all when empty). */
  routes: string[];
  /** A loaded database to measure the queries on instead of the cached one. */
  db: string | null;
  help: boolean;
}

export const USAGE = `usage: npm run bench -- [--only ${SECTIONS.join('|')}] [--scale 1m|10m] [--soak]
  --only S     run only these sections (repeatable or comma-separated)
  --scale 1m   query and incremental-import figures at 1M order lines instead of 10M
  --soak       also run the soak: 32 clients on the KPI routes for 60 s while an import runs
  --route T    measure only the query routes whose name contains T (repeatable; e.g. "retention")
  --db FILE    measure the queries and the one-month import on a copy of this loaded database instead of the cached one`;

export class UsageError extends Error {}

export function parseOptions(argv: string[]): BenchOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        only: { type: 'string', multiple: true },
        scale: { type: 'string' },
        soak: { type: 'boolean' },
        route: { type: 'string', multiple: true },
        db: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: false,
    }));
  } catch (err) {
    throw new UsageError((err as Error).message.split('\n')[0]);
  }
  const scale = values.scale ?? '10m';
  if (scale !== '1m' && scale !== '10m') throw new UsageError(`--scale must be 1m or 10m, not "${scale}".`);
  let sections: Section[];
  if (values.only && values.only.length > 0) {
    const asked = values.only.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
    for (const s of asked) if (!(SECTIONS as readonly string[]).includes(s)) throw new UsageError(`--only takes ${SECTIONS.join(', ')}, not "${s}".`);
    sections = SECTIONS.filter((s) => asked.includes(s));
  } else {
    sections = SECTIONS.filter((s) => s !== 'soak' || values.soak === true);
  }
  if (values.soak && !sections.includes('soak')) sections.push('soak');
  const routes = (values.route ?? []).map((r) => r.trim().toLowerCase()).filter(Boolean);
  return { sections, scale, routes, db: values.db ?? null, help: values.help === true };
}
