// Concurrency: imports started at the same moment are serialised by the write queue (no lost or doubled
// rows), and the dashboards keep answering while an import runs — with the old figures until it commits,
// then the new ones.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFile } from '../../pipelines/import.ts';
import { onFactsChanged, refreshPrecomputedOn } from '../../pipelines/load/hooks.ts';
import { writeBackup } from '../../server/db/backup.ts';
import { rows } from '../../server/db/query.ts';
import { refreshCustomerStats } from '../../server/queries/purchase-stats.ts';
import { refreshRollups } from '../../server/queries/rollups.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createUser, loginAs } from '../helpers/auth.ts';
import { ordersCsv, storedOrders, writeFile, type Line } from './support.ts';

let t: TestApp;
let unregister: () => void;

beforeEach(async () => {
  // No result cache: every answer below is read from the database, not remembered.
  t = await createTestApp({ ATTAIN_CACHE: '0' });
  unregister = refreshPrecomputedOn([refreshRollups, refreshCustomerStats]);
});
afterEach(async () => {
  unregister();
  await t.close();
});

/** n lines O<from>… on March days, amount = 10 × the number. */
function lines(from: number, to: number): Line[] {
  const out: Line[] = [];
  for (let i = from; i <= to; i++) out.push([`O${String(i).padStart(3, '0')}`, `2025-03-${String((i % 28) + 1).padStart(2, '0')}`, String(10 * i)]);
  return out;
}

describe('two imports started at once', () => {
  it('overlapping files: each key stored once, nothing lost, the overlap counted as duplicates', async () => {
    const a = writeFile(t.dir, 'a.csv', ordersCsv(lines(1, 50)));
    const b = writeFile(t.dir, 'b.csv', ordersCsv(lines(40, 90)));
    const [ra, rb] = await Promise.all([importFile(t.db, { dataset: 'orders', file: a }), importFile(t.db, { dataset: 'orders', file: b })]);
    expect([ra.status, rb.status]).toEqual(['committed', 'committed']);
    // O040–O050 are in both files: whichever merged second skipped them.
    expect(ra.rowsLoaded + rb.rowsLoaded).toBe(90);
    expect(ra.rowsDuplicate + rb.rowsDuplicate).toBe(11);
    const stored = await storedOrders(t.db);
    expect(stored.map((o) => o.order_id)).toEqual(lines(1, 90).map(([id]) => id));
    expect(stored.reduce((s, o) => s + o.amount, 0)).toBe(10 * ((90 * 91) / 2));
    const batches = await t.db.read((c) => rows<{ status: string; seq: number }>(c, 'SELECT status, seq FROM import_batches ORDER BY seq'));
    expect(batches.map((b) => b.status)).toEqual(['committed', 'committed']);
    expect(new Set(batches.map((b) => b.seq)).size).toBe(2);
  });

  it('the same file twice at once: its lines are stored once', async () => {
    const file = writeFile(t.dir, 'same.csv', ordersCsv(lines(1, 20)));
    const reports = await Promise.all([importFile(t.db, { dataset: 'orders', file }), importFile(t.db, { dataset: 'orders', file })]);
    expect(reports.map((r) => r.rowsLoaded).sort()).toEqual([0, 20]);
    expect((await storedOrders(t.db)).map((o) => o.order_id)).toEqual(lines(1, 20).map(([id]) => id));
  });

  it('an upsert and a replace-period import of the same month at once end as if run one after the other', async () => {
    await importFile(t.db, { dataset: 'orders', file: writeFile(t.dir, 'base.csv', ordersCsv(lines(1, 10))) });
    const upsert = writeFile(t.dir, 'upsert.csv', ordersCsv([['O001', '2025-03-02', '999']]));
    const replace = writeFile(t.dir, 'replace.csv', ordersCsv([['N001', '2025-03-15', '5']]));
    const [ru, rr] = await Promise.all([
      importFile(t.db, { dataset: 'orders', file: upsert, mode: 'upsert' }),
      importFile(t.db, { dataset: 'orders', file: replace, mode: 'replace-period' }),
    ]);
    expect([ru.status, rr.status]).toEqual(['committed', 'committed']);
    // Whichever order the queue ran them in, replace-period of March for R1 leaves only N001, unless the upsert
    // came after it, which then adds O001 back at 999.
    const stored = await storedOrders(t.db);
    const seqs = await t.db.read((c) => rows<{ file_name: string }>(c, "SELECT file_name FROM import_batches WHERE status = 'committed' ORDER BY seq"));
    const upsertLast = seqs.at(-1)!.file_name === 'upsert.csv';
    expect(stored).toEqual(
      upsertLast
        ? [
            { order_id: 'N001', order_date: '2025-03-15', amount: 5 },
            { order_id: 'O001', order_date: '2025-03-02', amount: 999 },
          ]
        : [{ order_id: 'N001', order_date: '2025-03-15', amount: 5 }],
    );
  });
});

describe('dashboards during an import', () => {
  it('answer with the old figures while the merge is open, and the new ones once it commits', async () => {
    // March: O001–O010, revenue 10 × (1 + … + 10) = 550 over 10 orders.
    await importFile(t.db, { dataset: 'orders', file: writeFile(t.dir, 'base.csv', ordersCsv(lines(1, 10))) });
    await createUser(t.db, { username: 'viewer', role: 'admin' });
    const { headers } = await loginAs(t.app, 'viewer');
    const overview = async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/kpi/overview?period=2025-03&asOf=2025-03-31&compare=none', headers });
      expect(res.statusCode, res.body).toBe(200);
      const tiles = res.json().tiles;
      return { revenue: tiles.revenue.value, orders: tiles.orders.value };
    };
    const health = async () => (await t.app.inject({ method: 'GET', url: '/api/health' })).json().dataVersion as number;
    expect(await overview()).toEqual({ revenue: 550, orders: 10 });
    const versionBefore = await health();

    // Hold the next import inside its merge transaction, after its rows were written.
    let reached!: () => void;
    const inMerge = new Promise<void>((resolve) => (reached = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const remove = onFactsChanged('hold', async (_conn, change) => {
      if (change.kind !== 'import') return;
      reached();
      await gate;
    });
    try {
      // O011–O020 add 10 × (11 + … + 20) = 1550.
      const running = importFile(t.db, { dataset: 'orders', file: writeFile(t.dir, 'more.csv', ordersCsv(lines(11, 20))) });
      await inMerge;
      const started = Date.now();
      expect(await overview()).toEqual({ revenue: 550, orders: 10 });
      expect(await health()).toBe(versionBefore);
      const other = await t.app.inject({ method: 'GET', url: '/api/kpi/attainment?by=rep&period=2025-03&asOf=2025-03-31', headers });
      expect(other.statusCode).toBe(200);
      expect(other.json().rows.map((r: { key: string; actual: number }) => [r.key, r.actual])).toEqual([['R1', 550]]);
      // Answered while the import held the write connection, not after it.
      expect(Date.now() - started).toBeLessThan(5_000);
      release();
      expect((await running).status).toBe('committed');
    } finally {
      release();
      remove();
    }
    expect(await health()).toBe(versionBefore + 1);
    expect(await overview()).toEqual({ revenue: 2100, orders: 20 });
  });
});

describe('a backup taken during an import', () => {
  it('holds the data as it was before the import, in every table alike, and does not wait for it', async () => {
    await importFile(t.db, { dataset: 'orders', file: writeFile(t.dir, 'base.csv', ordersCsv(lines(1, 10))) });
    let reached!: () => void;
    const inMerge = new Promise<void>((resolve) => (reached = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const remove = onFactsChanged('hold', async () => {
      reached();
      await gate;
    });
    try {
      const running = importFile(t.db, { dataset: 'orders', file: writeFile(t.dir, 'more.csv', ordersCsv(lines(11, 20))) });
      await inMerge;
      const manifest = await writeBackup(t.db, path.join(t.dir, 'backup'));
      const rowsOf = (name: string) => manifest.tables.find((x) => x.name === name)!.rows;
      // The uncommitted merge is in none of the tables; its batch is there only as the running record
      // written before the merge (which start-up after a restore marks failed).
      expect(rowsOf('orders')).toBe(10);
      expect(rowsOf('orders_replaced')).toBe(0);
      expect(rowsOf('import_batches')).toBe(2);
      expect(manifest.dataVersion).toBe(t.db.dataVersion);
      release();
      expect((await running).status).toBe('committed');
    } finally {
      release();
      remove();
    }
    expect(fs.existsSync(path.join(t.dir, 'backup', 'manifest.json'))).toBe(true);
  });
});
