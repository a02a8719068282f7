// The sample company writes every dataset three ways (English UTF-8 CSV, Chinese GB18030 CSV, XLSX with a title
// row and real date cells): the front half of the import must type all three to the same facts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATASET_NAMES, DATASETS, type Dataset } from '../../pipelines/datasets.ts';
import { proposeMapping } from '../../pipelines/map/index.ts';
import { stageFile } from '../../pipelines/read/index.ts';
import { stageTyped } from '../../pipelines/values/index.ts';
import { memoryConnection } from '../../pipelines/values/testing.ts';
import { generateSample, type GenerateResult } from '../../sample-data/generate.ts';
import { rows } from '../../server/db/query.ts';

let root: string;
let sample: GenerateResult;
let db: Awaited<ReturnType<typeof memoryConnection>>;

beforeAll(async () => {
  root = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'attain-forms-'));
  sample = await generateSample({ scale: 'tiny', out: path.join(root, 'sample'), seed: 42 });
  db = await memoryConnection();
});
afterAll(async () => {
  db.close();
  await fs.promises.rm(root, { recursive: true, force: true });
});

async function typedRows(dataset: Dataset, form: 'en' | 'zh' | 'xlsx', prefix = '') {
  const file = path.join(root, 'sample', prefix, form, `${dataset}.${form === 'xlsx' ? 'xlsx' : 'csv'}`);
  const raw = `raw_${form}`;
  const staged = await stageFile(db.conn, file, { table: raw, dataset, tmpDir: path.join(root, 'tmp') });
  const mapping = proposeMapping(dataset, staged.headers);
  expect(mapping.missingRequired, `${form}/${dataset}`).toEqual([]);
  const typed = `typed_${form}`;
  const out = await stageTyped(db.conn, staged, dataset, mapping, { table: typed, file: path.basename(file) });
  const columns = DATASETS[dataset].columns.map((c) => c.name);
  const [errors] = await rows<{ n: number; sample: unknown }>(db.conn, `SELECT count(*) AS n, any_value(__errors) FILTER (WHERE len(__errors) > 0) AS sample FROM ${typed} WHERE len(__errors) > 0`);
  // The English form writes no discount as 0, the others leave the cell blank (NULL here); both mean none, and
  // the load side stores a blank discount as 0.
  const select = columns.map((c) => (c === 'discount' ? 'coalesce(discount, 0) AS discount' : `"${c}"`));
  const facts = await rows(db.conn, `SELECT ${select.join(', ')} FROM ${typed} ORDER BY ALL`);
  return { staged, mapping, decisions: out.decisions, errors: errors!, facts };
}

describe('the three forms of the sample exports', () => {
  for (const dataset of DATASET_NAMES) {
    it(`${dataset}: en, zh and xlsx type to the same rows, with no unreadable value`, async () => {
      const en = await typedRows(dataset, 'en');
      const zh = await typedRows(dataset, 'zh');
      const xlsx = await typedRows(dataset, 'xlsx');
      const count = sample.counts[dataset as keyof typeof sample.counts];
      expect([en.staged.rowsRead, zh.staged.rowsRead, xlsx.staged.rowsRead]).toEqual([count, count, count]);
      expect([en.errors.n, zh.errors.n, xlsx.errors.n], JSON.stringify([en.errors.sample, zh.errors.sample, xlsx.errors.sample])).toEqual([0, 0, 0]);
      expect(zh.staged.encoding).toBe('gb18030');
      expect(xlsx.staged.headerRow).toBe(3);
      expect(zh.facts).toEqual(en.facts);
      expect(xlsx.facts).toEqual(en.facts);
    });
  }

  it('the orders workbook ends with a totals row, reported and left out', async () => {
    const xlsx = await typedRows('orders', 'xlsx');
    expect(xlsx.staged.warnings).toHaveLength(1);
    expect(xlsx.staged.warnings[0]!.message).toBe(`Row ${sample.counts.orders! + 4} is a totals row (合计) and was left out.`);
  });

  it('the next-month exports read the same way', async () => {
    for (const dataset of ['orders', 'visits'] as const) {
      const en = await typedRows(dataset, 'en', 'next');
      const zh = await typedRows(dataset, 'zh', 'next');
      const xlsx = await typedRows(dataset, 'xlsx', 'next');
      expect(zh.facts).toEqual(en.facts);
      expect(xlsx.facts).toEqual(en.facts);
    }
  });
});
