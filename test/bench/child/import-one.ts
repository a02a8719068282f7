// Times one import the way a user runs it: importFile on the file into the given database,
// precomputed tables refreshed, and prints {seconds, refreshSeconds, rowsRead, rowsLoaded,
// rowsReplaced, status, maxRssMb} as JSON (refreshSeconds: the part spent refreshing the rollups and
// customer tables inside the import's transaction); maxRssMb is this process's peak, so it is the import's own. With --roster and
// no --file it only loads a sample's roster, customers and products (a separate run beforehand, so
// that work is not in the import's time or memory).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Database } from '../../../server/db/database.ts';
import { refreshCustomerStats } from '../../../server/queries/purchase-stats.ts';
import { refreshRollups } from '../../../server/queries/rollups.ts';
import { importFile } from '../../../pipelines/import.ts';
import { refreshPrecomputedOn, type Refresher } from '../../../pipelines/load/hooks.ts';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    roster: { type: 'string' },
    dataset: { type: 'string', default: 'orders' },
    file: { type: 'string' },
    mode: { type: 'string', default: 'append' },
  },
});
if (!values.db || (!values.file && !values.roster)) throw new Error('usage: import-one.ts --db FILE (--roster SAMPLE_DIR | --file F [--dataset D] [--mode M])');

const db = await Database.open(values.db);
let refreshSeconds = 0;
const timed =
  (refresh: Refresher): Refresher =>
  async (conn, options) => {
    const t0 = performance.now();
    try {
      await refresh(conn, options);
    } finally {
      refreshSeconds += (performance.now() - t0) / 1000;
    }
  };
refreshPrecomputedOn([timed(refreshRollups), timed(refreshCustomerStats)]);

async function loadRoster(sample: string): Promise<void> {
  for (const dataset of ['reps', 'customers', 'products']) {
    const r = await importFile(db, { dataset, file: path.join(sample, 'en', `${dataset}.csv`), mode: 'append', user: 'bench' });
    if (r.status !== 'committed') throw new Error(`${dataset}: ${r.status}: ${r.message}`);
  }
}

async function importOne(file: string): Promise<Record<string, unknown>> {
  refreshSeconds = 0;
  const t0 = performance.now();
  const report = await importFile(db, { dataset: values.dataset, file, mode: values.mode, user: 'bench' });
  const seconds = (performance.now() - t0) / 1000;
  if (report.status !== 'committed') throw new Error(`${file}: ${report.status}: ${report.message}`);
  return {
    seconds,
    refreshSeconds,
    rowsRead: report.rowsRead,
    rowsLoaded: report.rowsLoaded,
    rowsReplaced: report.rowsReplaced,
    rowsRejected: report.rowsRejected,
    encoding: report.encoding,
    status: report.status,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

try {
  if (values.roster) await loadRoster(values.roster);
  console.log(JSON.stringify(values.file ? await importOne(values.file) : { roster: true }));
} finally {
  await db.close();
}
