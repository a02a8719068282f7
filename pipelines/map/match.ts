// Header → canonical column matching: alias lookup, the proposed mapping (override, then remembered, then aliases)
// and the dataset guess. Pure functions over header texts; no file access.
import { DATASETS, DATASET_NAMES, type Dataset } from '../datasets.ts';
import { InputError } from '../read/input-error.ts';
import { NAME_ALIASES, NAME_AS_ID, PRE_TAX, TAX_INCLUSIVE } from './aliases.ts';
import { normaliseHeader, withoutUnit } from './normalise.ts';

export type MappingSpec = Record<string, string | { value: string }>;
export type MappedColumn = { header: string; index: number } | { value: string };
export interface ResolvedMapping {
  columns: Record<string, MappedColumn>;
  missingRequired: string[];
  notes: string[];
  /** Id columns mapped from a header holding names (the load side resolves them to ids). */
  byName: string[];
}

interface AliasHit { column: string; rank: number; byName: boolean }

// A name alias ranks after every id alias; a match found only after dropping a unit "(元)" ranks after both.
const NAME_RANK = 1000;
const UNIT_RANK = 2000;

const INDEX = new Map<Dataset, Map<string, AliasHit[]>>();

function aliasIndex(dataset: Dataset): Map<string, AliasHit[]> {
  let index = INDEX.get(dataset);
  if (index) return index;
  index = new Map();
  for (const col of DATASETS[dataset].columns) {
    const names = new Set((NAME_ALIASES[dataset]?.[col.name] ?? []).map(normaliseHeader));
    col.aliases.forEach((alias, i) => {
      const key = normaliseHeader(alias);
      const byName = names.has(key);
      const hit = { column: col.name, rank: byName ? NAME_RANK + i : i, byName };
      const list = index!.get(key) ?? [];
      if (!list.some((h) => h.column === col.name)) list.push(hit);
      index!.set(key, list);
    });
  }
  INDEX.set(dataset, index);
  return index;
}

/** Every canonical column a header could stand for in a dataset, strongest claim first. */
export function headerHits(dataset: Dataset, header: string): AliasHit[] {
  const index = aliasIndex(dataset);
  const exact = index.get(normaliseHeader(header));
  if (exact) return [...exact].sort((a, b) => a.rank - b.rank);
  const bare = withoutUnit(header);
  if (bare !== header.trim()) {
    const loose = index.get(normaliseHeader(bare));
    if (loose) return loose.map((h) => ({ ...h, rank: h.rank + UNIT_RANK })).sort((a, b) => a.rank - b.rank);
  }
  return [];
}

/** How many distinct canonical columns of the dataset the cells of a row name (header-row detection). */
export function aliasScore(dataset: Dataset, cells: string[]): number {
  const seen = new Set<string>();
  for (const cell of cells) {
    if (!cell || !cell.trim()) continue;
    const hit = headerHits(dataset, cell)[0];
    if (hit) seen.add(hit.column);
  }
  return seen.size;
}

function findHeader(headers: string[], wanted: string): number {
  const exact = headers.findIndex((h) => h.trim() === wanted.trim());
  if (exact >= 0) return exact;
  const key = normaliseHeader(wanted);
  return key ? headers.findIndex((h) => normaliseHeader(h) === key) : -1;
}

function quoteList(items: string[]): string {
  return items.filter((h) => h.trim()).map((h) => `"${h}"`).join(', ');
}

function applySpec(dataset: Dataset, headers: string[], spec: MappingSpec, strict: boolean, out: Record<string, MappedColumn>): void {
  const known = new Set(DATASETS[dataset].columns.map((c) => c.name));
  for (const [column, target] of Object.entries(spec)) {
    if (!known.has(column)) {
      if (!strict) continue;
      throw new InputError(`The mapping names "${column}", which is not a column of ${dataset} (its columns: ${[...known].join(', ')}).`, { file: '', column });
    }
    if (out[column]) continue;
    if (typeof target === 'object' && target !== null && typeof target.value === 'string') {
      out[column] = { value: target.value };
      continue;
    }
    if (typeof target !== 'string') {
      if (!strict) continue;
      throw new InputError(`The mapping for "${column}" must be a header text or {"value": …}.`, { file: '', column });
    }
    const index = findHeader(headers, target);
    if (index < 0) {
      if (!strict) continue;
      throw new InputError(`The mapping takes ${column} from "${target}", but the file has no such header (its headers: ${quoteList(headers)}).`, { file: '', column: target });
    }
    out[column] = { header: headers[index]!, index };
  }
}

/** Override wins, then the remembered mapping, then the built-in aliases. */
export function proposeMapping(dataset: Dataset, headers: string[], override?: MappingSpec, remembered?: MappingSpec): ResolvedMapping {
  const columns: Record<string, MappedColumn> = {};
  const notes: string[] = [];
  const byName: string[] = [];
  if (override) applySpec(dataset, headers, override, true, columns);
  if (remembered) applySpec(dataset, headers, remembered, false, columns);

  const used = new Set<number>();
  for (const m of Object.values(columns)) if ('index' in m) used.add(m.index);
  const viaAlias = new Map<string, AliasHit & { index: number }>();

  // Every (header, column) pair an alias allows, strongest first; greedy assignment keeps each header once.
  const candidates: Array<AliasHit & { index: number }> = [];
  headers.forEach((h, index) => {
    if (!h.trim() || used.has(index)) return;
    for (const hit of headerHits(dataset, h)) if (!columns[hit.column]) candidates.push({ ...hit, index });
  });
  candidates.sort((a, b) => a.rank - b.rank || a.index - b.index);
  const assign = (c: AliasHit & { index: number }) => {
    columns[c.column] = { header: headers[c.index]!, index: c.index };
    viaAlias.set(c.column, c);
    used.add(c.index);
  };
  for (const c of candidates) if (!columns[c.column] && !used.has(c.index)) assign(c);

  // A required column beats an optional one for a header both could take (e.g. 指标 holding the target values).
  const specs = DATASETS[dataset].columns;
  for (const col of specs.filter((s) => s.required && !columns[s.name])) {
    for (const c of candidates.filter((x) => x.column === col.name)) {
      const holder = [...viaAlias.entries()].find(([, v]) => v.index === c.index)?.[0];
      if (!holder || specs.find((s) => s.name === holder)?.required) continue;
      delete columns[holder];
      viaAlias.delete(holder);
      used.delete(c.index);
      assign(c);
      break;
    }
  }

  for (const [column, hit] of viaAlias) {
    if (!hit.byName) continue;
    byName.push(column);
    const header = (columns[column] as { header: string }).header;
    notes.push(`${column} taken from "${header}", which holds names: each resolves to the id of the one person or customer of that name, else the name itself serves as the id.`);
  }

  for (const [idColumn, nameColumn] of Object.entries(NAME_AS_ID[dataset] ?? {})) {
    const named = columns[nameColumn];
    if (!columns[idColumn] && named && 'index' in named) {
      columns[idColumn] = { ...named };
      byName.push(idColumn);
      notes.push(`No ${idColumn} column: the names in "${named.header}" serve as ids.`);
    }
  }
  if (dataset === 'orders' && !columns.customer_id && columns.customer_name && 'index' in columns.customer_name) {
    notes.push(`No customer id column: the customer names in "${columns.customer_name.header}" serve as ids.`);
  }

  const amount = columns.amount;
  if (amount && 'index' in amount && TAX_INCLUSIVE.some((a) => normaliseHeader(a) === normaliseHeader(amount.header))) {
    const preTax = headers.find((h, i) => i !== amount.index && PRE_TAX.some((a) => normaliseHeader(a) === normaliseHeader(h)));
    if (preTax) notes.push(`amount taken from "${amount.header}" (tax-inclusive) rather than "${preTax}" (pre-tax).`);
  }

  const missingRequired = specs.filter((s) => s.required && !columns[s.name]).map((s) => s.name);
  // In the dataset's column order, so reports and remembered mappings read the same way every time.
  const ordered: Record<string, MappedColumn> = {};
  for (const s of specs) if (columns[s.name]) ordered[s.name] = columns[s.name]!;
  const order = (c: string) => specs.findIndex((s) => s.name === c);
  return { columns: ordered, missingRequired, notes, byName: byName.sort((a, b) => order(a) - order(b)) };
}

/** The dataset a header row most likely belongs to: required columns found, and share of headers explained. */
export function guessDataset(headers: string[]): { dataset: Dataset; score: number } | null {
  const filled = headers.filter((h) => h.trim()).length;
  if (filled === 0) return null;
  let best: { dataset: Dataset; score: number } | null = null;
  for (const dataset of DATASET_NAMES) {
    const m = proposeMapping(dataset, headers);
    const required = DATASETS[dataset].columns.filter((c) => c.required).length;
    const requiredShare = (required - m.missingRequired.length) / required;
    if (requiredShare < 0.5) continue;
    const explained = new Set(Object.values(m.columns).flatMap((c) => ('index' in c ? [c.index] : []))).size / filled;
    const score = Math.round((0.6 * requiredShare + 0.4 * explained) * 1000) / 1000;
    if (!best || score > best.score) best = { dataset, score };
  }
  return best;
}
