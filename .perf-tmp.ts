import fs from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { stageFile } from '/work/main/pipelines/read/index.ts';
import { proposeMapping } from '/work/main/pipelines/map/index.ts';
import { stageTyped } from '/work/main/pipelines/values/index.ts';
for (const f of ['/work/shared/reference-data/uci_online_retail.csv', '/tmp/scr/big.csv']) {
  fs.rmSync('/tmp/scr/p.duckdb', { force: true }); fs.rmSync('/tmp/scr/p.duckdb.wal', { force: true });
  const inst = await DuckDBInstance.create('/tmp/scr/p.duckdb', { threads: '2' });
  const conn = await inst.connect();
  const res: Record<string, number[]> = {};
  const time = async (l: string, fn: () => Promise<unknown>) => { const t = performance.now(); const r = await fn(); (res[l] ??= []).push(Math.round(performance.now() - t)); return r; };
  for (let k = 0; k < 5; k++) {
    await time('bare', () => conn.run(`create or replace table bare as select * from read_csv('${f}')`));
    const s: any = await time('stage', () => stageFile(conn, f, { table: 'raw', dataset: 'orders', tmpDir: '/tmp/scr/t' }));
    await time('typed', () => stageTyped(conn, s, 'orders', proposeMapping('orders', s.headers, { rep_id: { value: 'x' } }), { table: 'typed', file: 'x' }));
  }
  console.log(f, Object.fromEntries(Object.entries(res).map(([k, v]) => [k, Math.min(...v)])));
  conn.closeSync(); inst.closeSync();
}
