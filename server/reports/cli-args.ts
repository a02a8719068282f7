// Parses `npm run pack -- --period P [--team T] [--rep ID] [--format pdf|xlsx|zip] [--lang zh|en]
// --out FILE [--db PATH | --server URL --token T]`; bad usage is a UsageError (exit code 2).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PERIOD_PATTERN } from '../queries/periods.ts';
import { PACK_FORMATS, type PackFormat } from './pack.ts';

export const USAGE = `usage: npm run pack -- --period P [--team T] [--rep ID] [--format pdf|xlsx|zip] [--lang zh|en] --out FILE
       [--compare previous|last_year|none] [--as-of YYYY-MM-DD] [--db PATH | --server URL --token T]
P is YYYY-MM, YYYY-Qn or YYYY; without --team and --rep the pack covers the whole department.`;

export class UsageError extends Error {}

export interface PackArgs {
  help: boolean;
  period: string;
  teams: string[];
  reps: string[];
  format: PackFormat;
  lang: 'zh' | 'en';
  compare?: 'previous' | 'last_year' | 'none';
  asOf?: string;
  out: string;
  db: string;
  server?: string;
  token?: string;
}

const EXTENSIONS: Record<string, PackFormat> = { '.pdf': 'pdf', '.xlsx': 'xlsx', '.zip': 'zip' };

export function parsePackArgs(argv: string[], env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): PackArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      allowPositionals: false,
      strict: true,
      options: {
        period: { type: 'string' },
        team: { type: 'string', multiple: true },
        rep: { type: 'string', multiple: true },
        format: { type: 'string' },
        lang: { type: 'string' },
        compare: { type: 'string' },
        'as-of': { type: 'string' },
        out: { type: 'string', short: 'o' },
        db: { type: 'string' },
        server: { type: 'string' },
        token: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    throw new UsageError(`${(err as Error).message.split('\n')[0]}.`.replace(/\.\.$/, '.'));
  }
  const blank: PackArgs = { help: true, period: '', teams: [], reps: [], format: 'pdf', lang: 'zh', out: '', db: '' };
  if (values.help) return blank;
  if (!values.period) throw new UsageError('--period P is required (YYYY-MM, YYYY-Qn or YYYY).');
  if (!new RegExp(PERIOD_PATTERN).test(values.period)) throw new UsageError(`--period must be YYYY-MM, YYYY-Qn or YYYY, not "${values.period}".`);
  if (!values.out) throw new UsageError('--out FILE is required.');
  const out = path.resolve(cwd, values.out);
  const format = values.format ?? EXTENSIONS[path.extname(out).toLowerCase()] ?? 'pdf';
  if (!(PACK_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be pdf, xlsx or zip, not "${format}".`);
  const lang = values.lang ?? 'zh';
  if (lang !== 'zh' && lang !== 'en') throw new UsageError(`--lang must be zh or en, not "${lang}".`);
  const compare = values.compare;
  if (compare !== undefined && !['previous', 'last_year', 'none'].includes(compare)) {
    throw new UsageError(`--compare must be previous, last_year or none, not "${compare}".`);
  }
  const asOf = values['as-of'];
  if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new UsageError(`--as-of must be YYYY-MM-DD, not "${asOf}".`);
  const server = values.server;
  const token = values.token ?? (server ? env.ATTAIN_TOKEN : undefined);
  if (server && !token) throw new UsageError('--server needs --token T (an API token made on the server).');
  if (token && !server) throw new UsageError('--token needs --server URL.');
  if (server && values.db) throw new UsageError('Use either --db PATH or --server URL, not both.');
  if (server && !/^https?:\/\//.test(server)) throw new UsageError(`--server must be an http(s) URL, not "${server}".`);
  return {
    help: false,
    period: values.period,
    teams: values.team ?? [],
    reps: values.rep ?? [],
    format: format as PackFormat,
    lang,
    ...(compare !== undefined ? { compare: compare as PackArgs['compare'] } : {}),
    ...(asOf !== undefined ? { asOf } : {}),
    out,
    db: path.resolve(cwd, values.db ?? (env.ATTAIN_DB || 'data/attain.duckdb')),
    ...(server ? { server: server.replace(/\/+$/, '') } : {}),
    ...(token ? { token } : {}),
  };
}

/** The export route's query string for these arguments (the same filters either way). */
export function packQuery(args: PackArgs): URLSearchParams {
  const q = new URLSearchParams({ period: args.period, format: args.format, lang: args.lang });
  for (const t of args.teams) q.append('team', t);
  for (const r of args.reps) q.append('rep', r);
  if (args.compare) q.set('compare', args.compare);
  if (args.asOf) q.set('asOf', args.asOf);
  return q;
}
