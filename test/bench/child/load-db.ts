// Loads a sample company's English exports into a new database file through the product's own
// importer (precomputed tables refreshed as the server and the ingest command do), then prints the
// per-dataset timings as JSON. With --demo it loads them as the demo (marked, removable).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Database } from '../../../server/db/database.ts';
import { refreshCustomerStats } from '../../../server/queries/purchase-stats.ts';
import { refreshRollups } from '../../../server/queries/rollups.ts';
import { DEMO_ORDER, loadDemoIfEmpty } from '../../../pipelines/demo.ts';
import { importFile } from '../../../pipelines/import.ts';
import { refreshPrecomputedOn } from '../../../pipelines/load/hooks.ts';

const { values } = parseArgs({ options: { sample: { type: 'string' }, db: { type: 'string' }, demo: { type: 'boolean' } } });
if (!values.sample || !values.db) throw new Error('usage: load-db.ts --sample DIR --db FILE [--demo]');

const started = performance.now();
const db = await Database.open(values.db);
refreshPrecomputedOn([refreshRollups, refreshCustomerStats]);
const datasets: Array<{ dataset: string; rows: number; seconds: number }> = [];
try {
  if (values.demo) {
    const load = await loadDemoIfEmpty(db, { sampleDir: values.sample });
    if (!load.loaded) throw new Error(`The demo sample in ${values.sample} was not loaded.`);
    for (const r of load.reports) datasets.push({ dataset: r.dataset, rows: r.rowsLoaded, seconds: NaN });
  } else {
    for (const dataset of DEMO_ORDER) {
      const t0 = performance.now();
      const report = await importFile(db, { dataset, file: path.join(values.sample, 'en', `${dataset}.csv`), mode: 'append', user: 'bench' });
      if (report.status !== 'committed') throw new Error(`${dataset}: ${report.status}: ${report.message}`);
      datasets.push({ dataset, rows: report.rowsLoaded, seconds: (performance.now() - t0) / 1000 });
      process.stderr.write(`  ${dataset}: ${report.rowsLoaded} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
    }
  }
} finally {
  await db.close();
}
console.log(JSON.stringify({ seconds: (performance.now() - started) / 1000, datasets, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
