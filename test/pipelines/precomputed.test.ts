// Imports and undo keep the precomputed tables in step inside their own transaction, through the
// refreshers the entry points register.
import fs from 'node:fs';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Database } from '../../server/db/database.ts';
import { refreshCustomerStats } from '../../server/queries/purchase-stats.ts';
import { refreshRollups } from '../../server/queries/rollups.ts';
import { refreshPrecomputedOn } from '../../pipelines/load/hooks.ts';
import { undoImport } from '../../pipelines/load/undo.ts';
import { openTempDb } from '../helpers/app.ts';
import { ORDER_COLUMNS, importFixture, query } from './typed-stager.ts';

let db: Database;
let dir: string;
let unregister: () => void;
beforeEach(async () => {
  ({ db, dir } = await openTempDb());
  unregister = refreshPrecomputedOn([refreshRollups, refreshCustomerStats]);
});
afterEach(async () => {
  unregister();
  await db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const monthly = () => query(db, "SELECT strftime(month, '%Y-%m') AS m, rep_id, revenue::DOUBLE AS revenue FROM rollup_sales_month ORDER BY 1, 2");

it('an import and its undo update the monthly sales rollup', async () => {
  await importFixture(db, { dataset: 'orders' }, {
    columns: ORDER_COLUMNS,
    rows: [['O1', 1, '2025-03-01', 'C1', 'R1', 1, 100, 100, null], ['O2', 1, '2025-04-02', 'C1', 'R1', 1, 40, 40, null]],
  });
  expect(await monthly()).toEqual([
    { m: '2025-03', rep_id: 'R1', revenue: 100 },
    { m: '2025-04', rep_id: 'R1', revenue: 40 },
  ]);
  const upsert = await importFixture(db, { dataset: 'orders', mode: 'upsert' }, { columns: ORDER_COLUMNS, rows: [['O1', 1, '2025-03-01', 'C1', 'R1', 1, 150, 150, null]] });
  expect(await monthly()).toEqual([
    { m: '2025-03', rep_id: 'R1', revenue: 150 },
    { m: '2025-04', rep_id: 'R1', revenue: 40 },
  ]);
  await undoImport(db, upsert.batchId);
  expect((await monthly())[0]).toEqual({ m: '2025-03', rep_id: 'R1', revenue: 100 });
});
