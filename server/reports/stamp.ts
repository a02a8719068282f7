// The stamp a pack carries on its cover (PDF) and cover sheet (XLSX): scope, period, comparison,
// as-of date, data version, filters, who generated it and when; and the line every page repeats.
import type { ResolvedFilters } from '../queries/filters.ts';
import type { RosterRow } from '../queries/targets.ts';
import { fill, messages } from './messages.ts';

export interface StampLine {
  label: string;
  value: string;
}

export interface Stamp {
  title: string;
  scopeLabel: string;
  periodLabel: string;
  lines: StampLine[];
  /** Scope and period, printed on every page. */
  pageLine: string;
}

export interface StampInput {
  filters: ResolvedFilters;
  dataVersion: number;
  scopeLabel: string;
  generatedBy: string;
  generatedAt: Date;
  describe(repId: string): RosterRow | null;
}

const span = (r: { label: string; start: string; end: string }) => `${r.label} (${r.start} – ${r.end})`;

export function buildStamp(input: StampInput): Stamp {
  const f = input.filters;
  const m = messages(f.lang);
  const sep = f.lang === 'zh' ? '；' : '; ';
  const list = f.lang === 'zh' ? '、' : ', ';
  const dims: Array<[string, string[]]> = [
    [m.dimTeam, f.dims.teams],
    [m.dimRegion, f.dims.regions],
    [m.dimRep, f.dims.reps.map((id) => `${input.describe(id)?.name ?? id} (${id})`)],
    [m.dimCategory, f.dims.categories],
    [m.dimChannel, f.dims.channels],
  ];
  const filters = dims
    .filter(([, values]) => values.length > 0)
    .map(([label, values]) => `${label}${f.lang === 'zh' ? '：' : ': '}${values.join(list)}`)
    .join(sep);
  const compareMode = { previous: m.comparePrevious, last_year: m.compareLastYear, none: m.compareNone }[f.compareMode];
  const comparison = f.compare ? `${compareMode}: ${span(f.compare)}` : compareMode;
  const asOf = f.asOfSource === 'data' ? `${f.asOf} ${m.asOfFromData}` : f.asOf;
  const periodLabel = f.current.label;
  const title = f.dims.reps.length === 1 && f.dims.teams.length === 0 ? m.repPackTitle : m.packTitle;
  return {
    title,
    scopeLabel: input.scopeLabel,
    periodLabel,
    lines: [
      { label: m.scope, value: input.scopeLabel },
      { label: m.period, value: span(f.current) },
      { label: m.comparison, value: comparison },
      { label: m.asOf, value: asOf },
      { label: m.dataVersion, value: String(input.dataVersion) },
      { label: m.filters, value: filters || m.none },
      { label: m.generatedBy, value: input.generatedBy },
      { label: m.generatedAt, value: `${input.generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC` },
    ],
    pageLine: `${input.scopeLabel} · ${m.period} ${periodLabel}`,
  };
}

/** "Page 3 of 12" in the pack's language. */
export function pageText(lang: ResolvedFilters['lang'], page: number, pages: number): string {
  return fill(messages(lang).page, { p: page, n: pages });
}
