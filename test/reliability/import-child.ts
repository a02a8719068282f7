// A child process for the crash tests: opens the database as the ingest command does and runs one import
// (or one undo). When ATTAIN_PAUSE_AT names a point it stops there dead — the whole process frozen, so the
// parent can SIGKILL it at exactly that point — after printing "PAUSED <point> <batchId>" on stdout.
//   ATTAIN_DB         the database file
//   CHILD_ACTION      import | undo
//   CHILD_DATASET, CHILD_FILE, CHILD_MODE    (import)
//   CHILD_BATCH       (undo) the batch to undo
//   ATTAIN_PAUSE_AT   reading | reading-rows | typing | validating | merging (phases the import reports through
//                     onProgress; reading-rows = the first report with rows read), or in-merge / in-undo (inside
//                     the merge or undo transaction, after its rows were written, before it commits)
import fs from 'node:fs';
import { Database } from '../../server/db/database.ts';
import { refreshCustomerStats } from '../../server/queries/purchase-stats.ts';
import { refreshRollups } from '../../server/queries/rollups.ts';
import { activeImports, importFile, undoImport } from '../../pipelines/import.ts';
import { onFactsChanged, refreshPrecomputedOn } from '../../pipelines/load/hooks.ts';

const pauseAt = process.env.ATTAIN_PAUSE_AT ?? '';

/** Prints where it stopped, then blocks the event loop until killed (a minute at most, as a safety net). */
function freeze(point: string, batchId: string): void {
  fs.writeSync(1, `PAUSED ${point} ${batchId}\n`);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
  process.exit(9);
}

const db = await Database.open(process.env.ATTAIN_DB!, { readers: 1, threads: 1 });
refreshPrecomputedOn([refreshRollups, refreshCustomerStats]);
// Fact hooks run inside the merge or undo transaction, after the rows were written and before COMMIT.
onFactsChanged('crash-test', async (_conn, change) => {
  if ((pauseAt === 'in-merge' && change.kind === 'import') || (pauseAt === 'in-undo' && change.kind === 'undo')) freeze(pauseAt, change.batchId);
});

if (process.env.CHILD_ACTION === 'undo') {
  const result = await undoImport(db, process.env.CHILD_BATCH!, 'tester');
  fs.writeSync(1, `DONE ${JSON.stringify(result)}\n`);
} else {
  const report = await importFile(db, {
    dataset: process.env.CHILD_DATASET ?? 'orders',
    file: process.env.CHILD_FILE!,
    mode: process.env.CHILD_MODE ?? 'append',
    user: 'tester',
    onProgress: ({ phase, rows }) => {
      const point = phase === 'reading' && rows > 0 ? 'reading-rows' : phase;
      if (point === pauseAt) freeze(point, activeImports()[0]?.batchId ?? '');
    },
  });
  fs.writeSync(1, `DONE ${JSON.stringify({ status: report.status, batchId: report.batchId })}\n`);
}
await db.close();
