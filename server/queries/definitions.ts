// The "how is this computed?" text of every metric, read from docs/metrics.md (its one source):
// each "### id" block with name, en, zh and computed-in bullets becomes one definition.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface MetricDefinition {
  id: string;
  name: { en: string; zh: string };
  definition: { en: string; zh: string };
  computedIn: string[];
}

export const DOCS_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'metrics.md');

/** Parses the metric blocks of a metrics.md text; blocks missing a name or either language are skipped. */
export function parseDefinitions(markdown: string): MetricDefinition[] {
  const out: MetricDefinition[] = [];
  let current: { id: string; fields: Map<string, string> } | null = null;
  const flush = () => {
    if (!current) return;
    const f = current.fields;
    const [en, zh] = (f.get('name') ?? '').split('|').map((s) => s.trim());
    if (en && zh && f.get('en') && f.get('zh')) {
      out.push({
        id: current.id,
        name: { en, zh },
        definition: { en: f.get('en')!, zh: f.get('zh')! },
        computedIn: [...(f.get('computed in') ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1]!),
      });
    }
    current = null;
  };
  for (const line of markdown.split(/\r?\n/)) {
    const heading = /^###\s+([a-z0-9_]+)\s*$/.exec(line);
    if (heading) {
      flush();
      current = { id: heading[1]!, fields: new Map() };
      continue;
    }
    if (/^#{1,2}\s/.test(line)) {
      flush();
      continue;
    }
    const bullet = /^-\s+(name|en|zh|computed in):\s*(.+)$/.exec(line);
    if (current && bullet) current.fields.set(bullet[1]!, bullet[2]!.trim());
  }
  flush();
  return out;
}

let loaded: { mtimeMs: number; defs: MetricDefinition[] } | null = null;

/** The definitions in docs/metrics.md, re-read when the file changes. */
export function metricDefinitions(file = DOCS_FILE): MetricDefinition[] {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat) return [];
  if (!loaded || loaded.mtimeMs !== stat.mtimeMs) loaded = { mtimeMs: stat.mtimeMs, defs: parseDefinitions(fs.readFileSync(file, 'utf8')) };
  return loaded.defs;
}
