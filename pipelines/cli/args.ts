// Parses `npm run ingest -- <dataset> <file> [options]` into checked options; bad usage is a
// UsageError (exit code 2) with one sentence saying what was wrong.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DATASET_NAMES, MODES, isDataset, isMode, type DatasetName, type Mode } from '../load/tables.ts';
import type { MappingSpec } from '../map/index.ts';

export const USAGE = `usage: npm run ingest -- <dataset> <file> [--mode append|replace-period|upsert] [--sheet NAME] [--header-row N]
       [--mapping FILE.json] [--encoding auto|utf-8|gb18030|…] [--max-error-rate 0.05] [--dry-run] [--json]
       [--db PATH | --server URL --token T]
datasets: ${DATASET_NAMES.join(', ')}`;

export class UsageError extends Error {}

export interface IngestArgs {
  dataset: DatasetName;
  file: string;
  mode: Mode;
  sheet?: string;
  headerRow?: number;
  mapping?: MappingSpec;
  encoding?: string;
  maxErrorRate: number;
  dryRun: boolean;
  json: boolean;
  db: string;
  server?: string;
  token?: string;
  help: boolean;
}

function readMapping(file: string): MappingSpec {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`The mapping file ${file} cannot be read.`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError(`The mapping file ${file} is not valid JSON.`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new UsageError(`The mapping file ${file} must hold one JSON object: canonical column → file header or {"value": …}.`);
  }
  for (const [k, v] of Object.entries(value)) {
    const ok = typeof v === 'string' || (v !== null && typeof v === 'object' && 'value' in v);
    if (!ok) throw new UsageError(`The mapping file ${file} maps "${k}" to something that is neither a header text nor {"value": …}.`);
  }
  const spec: MappingSpec = {};
  for (const [k, v] of Object.entries(value as Record<string, string | { value: unknown }>)) {
    spec[k] = typeof v === 'string' ? v : { value: String(v.value) };
  }
  return spec;
}

export function parseIngestArgs(argv: string[], env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): IngestArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        mode: { type: 'string' },
        sheet: { type: 'string' },
        'header-row': { type: 'string' },
        mapping: { type: 'string' },
        encoding: { type: 'string' },
        'max-error-rate': { type: 'string' },
        'dry-run': { type: 'boolean' },
        json: { type: 'boolean' },
        db: { type: 'string' },
        server: { type: 'string' },
        token: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new UsageError(`${(err as Error).message.split('\n')[0]}.`.replace(/\.\.$/, '.'));
  }
  const { values, positionals } = parsed;
  const help = values.help === true;
  if (help) return { help, dataset: 'orders', file: '', mode: 'append', maxErrorRate: 0.05, dryRun: false, json: false, db: '' };
  if (positionals.length !== 2) throw new UsageError(`Expected a dataset and a file, got ${positionals.length === 0 ? 'neither' : positionals.join(' ')}.`);
  const [dataset, file] = positionals as [string, string];
  if (!isDataset(dataset)) throw new UsageError(`Unknown dataset "${dataset}": use one of ${DATASET_NAMES.join(', ')}.`);
  const mode = values.mode ?? 'append';
  if (!isMode(mode)) throw new UsageError(`Unknown mode "${mode}": use one of ${MODES.join(', ')}.`);
  let headerRow: number | undefined;
  if (values['header-row'] !== undefined) {
    headerRow = Number(values['header-row']);
    if (!Number.isInteger(headerRow) || headerRow < 1) throw new UsageError(`--header-row must be a whole number from 1, not "${values['header-row']}".`);
  }
  let maxErrorRate = 0.05;
  if (values['max-error-rate'] !== undefined) {
    maxErrorRate = Number(values['max-error-rate']);
    if (!Number.isFinite(maxErrorRate) || maxErrorRate < 0 || maxErrorRate > 1) {
      throw new UsageError(`--max-error-rate must be a fraction from 0 to 1, not "${values['max-error-rate']}".`);
    }
  }
  const server = values.server;
  const token = values.token ?? (server ? env.ATTAIN_TOKEN : undefined);
  if (server && !token) throw new UsageError('--server needs --token T (an API token made on the server).');
  if (token && !server) throw new UsageError('--token needs --server URL.');
  if (server && values.db) throw new UsageError('Use either --db PATH or --server URL, not both.');
  if (server && !/^https?:\/\//.test(server)) throw new UsageError(`--server must be an http(s) URL, not "${server}".`);
  return {
    help,
    dataset,
    file: path.resolve(cwd, file),
    mode,
    ...(values.sheet !== undefined ? { sheet: values.sheet } : {}),
    ...(headerRow !== undefined ? { headerRow } : {}),
    ...(values.mapping !== undefined ? { mapping: readMapping(path.resolve(cwd, values.mapping)) } : {}),
    ...(values.encoding !== undefined ? { encoding: values.encoding } : {}),
    maxErrorRate,
    dryRun: values['dry-run'] === true,
    json: values.json === true,
    db: path.resolve(cwd, values.db ?? (env.ATTAIN_DB || 'data/attain.duckdb')),
    ...(server ? { server: server.replace(/\/+$/, '') } : {}),
    ...(token ? { token } : {}),
  };
}
