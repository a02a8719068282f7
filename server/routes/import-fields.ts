// The multipart fields of the preview and import routes, checked by hand (multipart bodies get no
// schema validation): each problem is a 400 naming the field.
import iconv from 'iconv-lite';
import { DATASETS, DATASET_NAMES, isDataset, type Dataset } from '../../pipelines/datasets.ts';
import type { MappingSpec } from '../../pipelines/map/index.ts';
import { MODES, isMode, type Mode } from '../../pipelines/load/tables.ts';
import { badRequest } from '../errors.ts';

export const PREVIEW_FIELDS = ['dataset', 'sheet', 'headerRow', 'encoding'] as const;
export const IMPORT_FIELDS = ['dataset', 'mode', 'mapping', 'sheet', 'headerRow', 'encoding', 'maxErrorRate'] as const;

export interface ReadOptions {
  sheet?: string;
  headerRow?: number;
  /** Absent means detect it ("auto"). */
  encoding?: string;
}

export interface PreviewFields extends ReadOptions {
  dataset?: Dataset;
}

export interface ImportFields extends ReadOptions {
  dataset: Dataset;
  mode: Mode;
  mapping?: MappingSpec;
  maxErrorRate?: number;
}

type Fields = Record<string, unknown>;

function text(fields: Fields, name: string): string | undefined {
  const value = fields[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw badRequest(`The field "${name}" must be text.`);
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function dataset(fields: Fields): Dataset | undefined {
  const value = text(fields, 'dataset');
  if (value === undefined) return undefined;
  if (!isDataset(value)) throw badRequest(`The field "dataset" must be one of ${DATASET_NAMES.join(', ')}, not "${value}".`);
  return value;
}

function readOptions(fields: Fields): ReadOptions {
  const out: ReadOptions = {};
  const sheet = text(fields, 'sheet');
  if (sheet !== undefined) {
    if (sheet.length > 200) throw badRequest('The field "sheet" is too long (200 characters at most).');
    out.sheet = sheet;
  }
  const headerRow = text(fields, 'headerRow');
  if (headerRow !== undefined) {
    const n = Number(headerRow);
    if (!/^\d+$/.test(headerRow) || n < 1 || n > 10_000) throw badRequest(`The field "headerRow" must be a whole number from 1, not "${headerRow}".`);
    out.headerRow = n;
  }
  const encoding = text(fields, 'encoding');
  if (encoding !== undefined && encoding.toLowerCase() !== 'auto') {
    if (encoding.length > 40 || !iconv.encodingExists(encoding)) {
      throw badRequest(`The field "encoding" names an unknown encoding "${encoding.slice(0, 40)}": use auto, utf-8, gb18030, utf-16le, windows-1252 or another label iconv-lite knows.`);
    }
    out.encoding = encoding;
  }
  return out;
}

export function previewFields(fields: Fields): PreviewFields {
  const ds = dataset(fields);
  return { ...readOptions(fields), ...(ds ? { dataset: ds } : {}) };
}

/** The mapping field: a JSON object of canonical column → file header, or {"value": constant}. */
function mapping(fields: Fields, ds: Dataset): MappingSpec | undefined {
  let value = fields.mapping;
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      throw badRequest('The field "mapping" is not valid JSON: send an object of canonical column → file header, or {"value": …} for a constant.');
    }
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw badRequest('The field "mapping" must be a JSON object of canonical column → file header, or {"value": …} for a constant.');
  }
  const known = new Set(DATASETS[ds].columns.map((c) => c.name));
  const out: MappingSpec = {};
  for (const [column, source] of Object.entries(value as Record<string, unknown>)) {
    if (!known.has(column)) {
      throw badRequest(`The field "mapping" names "${column}", which is not a column of ${ds} (${[...known].join(', ')}).`);
    }
    if (typeof source === 'string' && source !== '') out[column] = source;
    else if (source && typeof source === 'object' && !Array.isArray(source) && 'value' in source && ['string', 'number'].includes(typeof source.value)) {
      out[column] = { value: String(source.value) };
    } else {
      throw badRequest(`The field "mapping" gives "${column}" neither a header name nor {"value": …}.`);
    }
  }
  return out;
}

export function importFields(fields: Fields): ImportFields {
  const ds = dataset(fields);
  if (!ds) throw badRequest(`The field "dataset" is missing: use one of ${DATASET_NAMES.join(', ')}.`);
  const mode = text(fields, 'mode');
  if (mode === undefined) throw badRequest(`The field "mode" is missing: use one of ${MODES.join(', ')}.`);
  if (!isMode(mode)) throw badRequest(`The field "mode" must be one of ${MODES.join(', ')}, not "${mode}".`);
  const out: ImportFields = { dataset: ds, mode, ...readOptions(fields) };
  const map = mapping(fields, ds);
  if (map) out.mapping = map;
  const rate = text(fields, 'maxErrorRate');
  if (rate !== undefined) {
    const n = Number(rate);
    if (!Number.isFinite(n) || n < 0 || n > 1) throw badRequest(`The field "maxErrorRate" must be a fraction from 0 to 1 (0.05 = 5 %), not "${rate}".`);
    out.maxErrorRate = n;
  }
  return out;
}
