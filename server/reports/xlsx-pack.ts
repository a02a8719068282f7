// The XLSX review pack: a cover sheet with the PDF's stamp, then one sheet per table of the pack
// (headline KPIs, attainment, rankings by revenue and by score, retention, at-risk customers, visits, uncovered key
// accounts, evaluation scores, monthly trend, top customers, definitions), streamed to `out`.
import type { Writable } from 'node:stream';
import type { PackData, RepData } from './data.ts';
import { messages } from './messages.ts';
import type { AnyTable } from './table-spec.ts';
import {
  attainmentTable,
  coverTable,
  customerListTable,
  definitionsTable,
  overviewTable,
  rankingsTable,
  repTrendTable,
  retentionTable,
  scoresTable,
  topCustomersTable,
  uncoveredTable,
  visitsTable,
} from './tables.ts';
import { writeWorkbook } from './xlsx-writer.ts';

export function packTables(pack: PackData, reps: RepData[]): AnyTable[] {
  const m = messages(pack.lang);
  const evaluations = reps.map((r) => r.evaluation);
  const tables: AnyTable[] = [coverTable(m, pack.stamp.title, pack.stamp.lines)];
  if (pack.team) {
    const t = pack.team;
    tables.push(
      overviewTable(m, t.overview, t.retention),
      attainmentTable(m, t.attainment),
      rankingsTable(m, t.rankings),
      { ...rankingsTable(m, t.scoreRankings), sheet: m.sheetRankingsScore },
      retentionTable(m, t.retention.cohorts),
      customerListTable(m, t.atRisk.rows, pack.nameOf),
      visitsTable(m, t.visits),
      uncoveredTable(m, t.visits, pack.nameOf),
    );
  } else {
    const own = reps[0];
    if (own) tables.push(customerListTable(m, own.evaluation.atRisk, pack.nameOf));
    if (own?.visits) tables.push(visitsTable(m, { asOf: '', period: own.evaluation.period, rows: [own.visits], uncovered: [] }));
  }
  tables.push(scoresTable(m, evaluations), repTrendTable(m, evaluations), topCustomersTable(m, evaluations), definitionsTable(m, pack.lang, pack.definitions));
  return tables;
}

export function writePackXlsx(pack: PackData, reps: RepData[], out: Writable): Promise<void> {
  return writeWorkbook(out, packTables(pack, reps), pack.currency, pack.stamp.lines.find((l) => l.label === messages(pack.lang).generatedBy)?.value);
}
