// Backup and restore: a snapshot (Parquet per table + manifest with row counts and sha256) taken by the
// command or by the running server, restored into a new database that answers every KPI route exactly as
// the original did; damaged backups, occupied targets and a database held by a server are refused.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../pipelines/import.ts';
import { refreshPrecomputedOn } from '../../pipelines/load/hooks.ts';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { MANIFEST_FILE, type BackupManifest } from '../../server/db/backup.ts';
import { backupCli, type CliIO } from '../../server/db/backup-cli.ts';
import { Database } from '../../server/db/database.ts';
import { ident, rows } from '../../server/db/query.ts';
import { refreshCustomerStats } from '../../server/queries/purchase-stats.ts';
import { refreshRollups } from '../../server/queries/rollups.ts';
import { tempDir } from '../helpers/app.ts';
import { loginAs } from '../helpers/auth.ts';
import { createKpiTestApp, type KpiTestApp } from '../fixtures/kpi-fixture.ts';
import { holdDatabase, runNode, stop } from './processes.ts';
import { changedTables, ordersCsv, sha256File, tableChecksums, writeFile, type TableSum } from './support.ts';

const F = 'period=2025-03&asOf=2025-03-14';
/** Every KPI and list route of interface.md, with the parameters it needs. */
const ROUTES = [
  `/api/kpi/overview?${F}`,
  '/api/kpi/overview?period=2025-Q1&asOf=2025-03-14&compare=last_year',
  ...['rep', 'team', 'region'].map((by) => `/api/kpi/attainment?${F}&by=${by}&metric=revenue`),
  `/api/kpi/attainment?${F}&by=rep&metric=visits`,
  ...['revenue', 'attainment', 'growth', 'new_customers', 'visits', 'conversion', 'score'].map((m) => `/api/kpi/rankings?${F}&metric=${m}`),
  `/api/kpi/trend?${F}`,
  ...['logo', 'revenue'].map((b) => `/api/kpi/retention?period=2025-Q1&asOf=2025-03-14&basis=${b}`),
  ...['churned', 'at_risk'].map((k) => `/api/kpi/retention/customers?${F}&kind=${k}`),
  `/api/kpi/visits?${F}`,
  `/api/kpi/visits/weekly?${F}`,
  `/api/reps?${F}`,
  `/api/reps/R1/evaluation?${F}`,
  `/api/customers?${F}`,
  `/api/customers/C1?${F}`,
  `/api/orders?${F}`,
  '/api/settings',
  '/api/data-quality',
];
const WHO = ['admin', 'supervisor', 'rep'] as const;

function captureIO(cwd: string): CliIO & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {}, cwd };
}

let k: KpiTestApp;
let unregister: () => void;
let work: string;

beforeAll(async () => {
  k = await createKpiTestApp();
  unregister = refreshPrecomputedOn([refreshRollups, refreshCustomerStats]);
  work = await tempDir('attain-backup-');
  // Real import history on top of the fixture: an upsert that replaces one line (so orders_replaced holds it).
  const upsert = await importFile(k.db, { dataset: 'orders', mode: 'upsert', file: writeFile(work, 'fix.csv', ordersCsv([['O302', '2025-03-07', '3500']])) });
  expect(upsert).toMatchObject({ status: 'committed', rowsReplaced: 1 });
});
afterAll(async () => {
  unregister?.();
  await k?.close();
  if (work) await fs.promises.rm(work, { recursive: true, force: true });
});

async function answers(get: (url: string, who: (typeof WHO)[number]) => Promise<{ status: number; body: unknown }>): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const who of WHO) {
    for (const url of ROUTES) {
      if (who !== 'admin' && url === '/api/data-quality') continue;
      const res = await get(url, who);
      out[`${who} ${url}`] = res;
    }
  }
  return out;
}

/** Independent counts, straight from the database, of every table a manifest lists. */
async function counts(db: Database, names: string[]): Promise<Record<string, number>> {
  return db.read(async (c) => {
    const out: Record<string, number> = {};
    for (const n of names) out[n] = (await rows<{ n: number }>(c, `SELECT count(*)::INT AS n FROM ${ident(n)}`))[0]!.n;
    return out;
  });
}

describe('a backup taken by the running server, restored into a new database', () => {
  let manifest: BackupManifest;
  let backupDir: string;
  let before: Record<string, TableSum>;
  let original: Record<string, unknown>;

  it('POST /api/admin/backup writes backups/<timestamp> beside the database and answers the manifest', async () => {
    original = await answers((url, who) => k.get(url, who));
    for (const [key, res] of Object.entries(original)) expect((res as { status: number }).status, key).toBe(200);
    before = await tableChecksums(k.db);

    const refused = await k.app.inject({ method: 'POST', url: '/api/admin/backup', headers: k.as.supervisor });
    expect(refused.statusCode).toBe(403);
    const chosen = await k.app.inject({ method: 'POST', url: '/api/admin/backup?dir=/tmp/elsewhere', headers: k.as.admin });
    expect(chosen.statusCode).toBe(400);

    // A folder in the body is not read either: the server always writes beside its database.
    const res = await k.app.inject({ method: 'POST', url: '/api/admin/backup', headers: k.as.admin, payload: { dir: path.join(work, 'elsewhere') } });
    expect(res.statusCode, res.body).toBe(200);
    ({ dir: backupDir, manifest } = res.json());
    expect(path.dirname(backupDir)).toBe(path.join(path.dirname(k.db.path), 'backups'));
    expect(path.basename(backupDir)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z$/);
    expect(fs.existsSync(path.join(work, 'elsewhere'))).toBe(false);
    expect(JSON.parse(fs.readFileSync(path.join(backupDir, MANIFEST_FILE), 'utf8'))).toEqual(manifest);

    // Every table of the database, schema_migrations aside (its content is the schema version).
    const names = manifest.tables.map((t) => t.name);
    expect(names).toEqual(Object.keys(before).filter((n) => n !== 'schema_migrations'));
    for (const must of ['users', 'settings', 'import_batches', 'orders_replaced', 'rollup_sales_month', 'customer_stats', 'sessions', 'audit_log']) expect(names).toContain(must);
    expect(manifest.schemaVersion).toBe(Math.max(...manifest.migrations));
    expect(manifest.dataVersion).toBe(k.db.dataVersion);
    // Row counts and checksums, checked independently of the code that wrote them.
    const expected = await counts(k.db, names);
    const auditAfter = expected.audit_log!;
    expected.audit_log = auditAfter - 1; // the backup_written entry comes after the snapshot
    expect(Object.fromEntries(manifest.tables.map((t) => [t.name, t.rows]))).toEqual(expected);
    for (const t of manifest.tables) expect(sha256File(path.join(backupDir, t.file)), t.file).toBe(t.sha256);
    expect(manifest.tables.find((t) => t.name === 'orders')!.rows).toBe(26);
    expect(manifest.sequences).toContainEqual({ name: 'import_batch_seq', lastValue: expect.any(Number) });
  });

  it('npm run restore rebuilds it: every table identical, every KPI route answering exactly as before', async () => {
    const target = path.join(work, 'restored', 'attain.duckdb');
    const io = captureIO(work);
    expect(await backupCli(['restore', backupDir, '--db', target], io), io.err.join('\n')).toBe(0);
    expect(io.out).toEqual([`Restored ${target} from ${backupDir}: ${manifest.tables.length} tables, ${manifest.tables.reduce((s, t) => s + t.rows, 0).toLocaleString('en-US')} rows, schema version ${manifest.schemaVersion}.`]);

    const db = await Database.open(target, { readers: 2, threads: 2 });
    const app = await buildApp({ config: loadConfig({ ATTAIN_DEMO: '0', ATTAIN_DB: target }, process.cwd()), db, closeDb: true });
    await app.ready();
    try {
      const after = await tableChecksums(db);
      // The migration record is written afresh (its applied_at is today); everything else is as snapshotted.
      expect(changedTables(before, after)).toEqual(['schema_migrations']);
      expect(db.dataVersion).toBe(manifest.dataVersion);
      expect(await db.read((c) => rows(c, 'SELECT version FROM schema_migrations ORDER BY 1'))).toEqual(manifest.migrations.map((version) => ({ version })));

      // The same accounts sign in with the same passwords.
      const as = {
        admin: (await loginAs(app, 'boss')).headers,
        supervisor: (await loginAs(app, 'sam')).headers,
        rep: (await loginAs(app, 'alice')).headers,
      };
      const restored = await answers(async (url, who) => {
        const res = await app.inject({ method: 'GET', url, headers: as[who] });
        return { status: res.statusCode, body: res.json() };
      });
      expect(restored).toEqual(original);

      // The batch sequence carries on after the restored batches: the next import commits later than all of them.
      const next = await importFile(db, { dataset: 'orders', file: writeFile(work, 'next.csv', ordersCsv([['N1', '2025-03-20', '1']])) });
      expect(next.status).toBe('committed');
      const seqs = await db.read((c) => rows<{ batch_id: string; seq: number }>(c, 'SELECT batch_id, seq FROM import_batches ORDER BY seq'));
      expect(seqs.at(-1)!.batch_id).toBe(next.batchId);
      expect(new Set(seqs.map((s) => s.seq)).size).toBe(seqs.length);
    } finally {
      await app.close();
    }
  });

  it('refuses a tampered file with one sentence (exit 1) and creates nothing', async () => {
    const copy = path.join(work, 'tampered');
    fs.cpSync(backupDir, copy, { recursive: true });
    const file = path.join(copy, 'orders.parquet');
    const bytes = fs.readFileSync(file);
    bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
    fs.writeFileSync(file, bytes);
    const target = path.join(work, 'from-tampered.duckdb');
    const io = captureIO(work);
    expect(await backupCli(['restore', copy, '--db', target], io)).toBe(1);
    expect(io.err).toEqual([`The backup ${copy} is damaged: orders.parquet does not match its checksum in manifest.json; nothing was restored.`]);
    expect(fs.readdirSync(work).filter((f) => f.startsWith('from-tampered'))).toEqual([]);
  });

  it('refuses a missing file, a folder that is no backup, and a backup from a newer schema', async () => {
    const cases: Array<[string, (dir: string) => void, RegExp]> = [
      ['missing', (d) => fs.rmSync(path.join(d, 'users.parquet')), /is incomplete: users\.parquet is missing; nothing was restored\.$/],
      ['no-manifest', (d) => fs.rmSync(path.join(d, MANIFEST_FILE)), /is not an Attain backup: its manifest\.json is missing\.$/],
      [
        'newer',
        (d) => {
          const m = JSON.parse(fs.readFileSync(path.join(d, MANIFEST_FILE), 'utf8'));
          fs.writeFileSync(path.join(d, MANIFEST_FILE), JSON.stringify({ ...m, schemaVersion: 999 }));
        },
        /has schema version 999, newer than this Attain knows \(\d+\); upgrade Attain to restore it\.$/,
      ],
      [
        'escape',
        (d) => {
          const m = JSON.parse(fs.readFileSync(path.join(d, MANIFEST_FILE), 'utf8'));
          m.tables[0].file = '../../outside.parquet';
          fs.writeFileSync(path.join(d, MANIFEST_FILE), JSON.stringify(m));
        },
        /is damaged: manifest\.json lists a table "[a-z_]+" that no Attain backup holds; nothing was restored\.$/,
      ],
    ];
    for (const [name, spoil, message] of cases) {
      const copy = path.join(work, `spoilt-${name}`);
      fs.cpSync(backupDir, copy, { recursive: true });
      spoil(copy);
      const io = captureIO(work);
      expect(await backupCli(['restore', copy, '--db', path.join(work, `${name}.duckdb`)], io), name).toBe(1);
      expect(io.err, name).toHaveLength(1);
      expect(io.err[0], name).toMatch(message);
      expect(fs.existsSync(path.join(work, `${name}.duckdb`)), name).toBe(false);
    }
  });

  it('refuses to overwrite an existing database unless --force, and then replaces it whole', async () => {
    const target = path.join(work, 'occupied.duckdb');
    const other = await Database.open(target, { readers: 1 });
    await other.write((c) => c.run("INSERT INTO orders (order_id, order_date, rep_id, amount, status, batch_id) VALUES ('ZZ', DATE '2020-01-01', 'X', 1, 'completed', 'x')"));
    await other.close();
    const sha = sha256File(target);
    const io = captureIO(work);
    expect(await backupCli(['restore', backupDir, '--db', target], io)).toBe(1);
    expect(io.err).toEqual([`The database ${target} already exists; pass --force to replace it with the backup.`]);
    expect(sha256File(target)).toBe(sha);

    expect(await backupCli(['restore', backupDir, '--db', target, '--force'], captureIO(work))).toBe(0);
    const db = await Database.open(target, { readers: 1 });
    try {
      expect(await db.read((c) => rows(c, "SELECT count(*)::INT AS n, count(*) FILTER (order_id = 'ZZ')::INT AS zz FROM orders"))).toEqual([{ n: 26, zz: 0 }]);
    } finally {
      await db.close();
    }
  });
});

describe('npm run backup on a database file', () => {
  it('writes the snapshot from the command line; a file a server holds is neither backed up nor restored over (exit 3)', async () => {
    const dbFile = path.join(work, 'cli', 'attain.duckdb');
    const db = await Database.open(dbFile, { readers: 1 });
    await importFile(db, { dataset: 'orders', file: writeFile(work, 'cli.csv', ordersCsv([['C1', '2025-03-01', '10'], ['C2', '2025-03-02', '20']])) });
    const sums = await tableChecksums(db);
    await db.close();

    const out = path.join(work, 'cli-backup');
    const run = await runNode(['server/db/backup-cli.ts', 'backup', '--out', out, '--db', dbFile], {});
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim()).toMatch(new RegExp(`^Backup of .*attain\\.duckdb written to .*cli-backup: \\d+ tables, [\\d,]+ rows, schema version \\d+\\.$`));
    const manifest = JSON.parse(fs.readFileSync(path.join(out, MANIFEST_FILE), 'utf8')) as BackupManifest;
    expect(Object.fromEntries(manifest.tables.map((t) => [t.name, t.rows]))).toEqual(
      Object.fromEntries(Object.entries(sums).filter(([n]) => n !== 'schema_migrations').map(([n, s]) => [n, s.rows])),
    );
    for (const t of manifest.tables) expect(crypto.createHash('sha256').update(fs.readFileSync(path.join(out, t.file))).digest('hex')).toBe(t.sha256);
    // The command only reads: the database is as it was.
    const reopened = await Database.open(dbFile, { readers: 1 });
    expect(changedTables(sums, await tableChecksums(reopened))).toEqual([]);
    await reopened.close();

    // An existing, non-empty folder is never written into.
    const again = captureIO(work);
    expect(await backupCli(['backup', '--out', out, '--db', dbFile], again)).toBe(1);
    expect(again.err).toEqual([`The folder ${out} is not empty; choose a new or empty folder for the backup.`]);

    const holder = await holdDatabase(dbFile);
    try {
      const held = captureIO(work);
      expect(await backupCli(['backup', '--out', path.join(work, 'never'), '--db', dbFile], held)).toBe(3);
      expect(held.err).toEqual([
        `The database ${dbFile} is held by a running Attain server: run this command again with --server URL --token T, and the server writes the backup into the backups folder beside its database.`,
      ]);
      expect(fs.existsSync(path.join(work, 'never'))).toBe(false);
      // Nor is a restore allowed to pull the file from under the server, --force or not.
      const restore = captureIO(work);
      expect(await backupCli(['restore', out, '--db', dbFile, '--force'], restore)).toBe(3);
      expect(restore.err).toEqual([`The database ${dbFile} is in use by another process (a running Attain server?): stop it before restoring over it.`]);
    } finally {
      await stop(holder);
    }
  });

  it('with --server URL --token T asks the running server, which writes beside its database', async () => {
    const created = await k.app.inject({ method: 'POST', url: '/api/tokens', headers: k.as.admin, payload: { name: 'backups' } });
    expect(created.statusCode).toBe(201);
    const secret = created.json().secret as string;
    const url = await k.app.listen({ port: 0, host: '127.0.0.1' });
    const io = captureIO(work);
    expect(await backupCli(['backup', '--server', url, '--token', secret], io), io.err.join('\n')).toBe(0);
    expect(io.out[0]).toMatch(new RegExp(`^The server wrote the backup to ${path.join(path.dirname(k.db.path), 'backups').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/\\S+: \\d+ tables`));

    const wrong = captureIO(work);
    expect(await backupCli(['backup', '--server', url, '--token', 'attain_nope'], wrong)).toBe(3);
    expect(wrong.err[0]).toMatch(/^The server refused the token: /);

    const usage = captureIO(work);
    expect(await backupCli(['backup', '--server', url, '--token', secret, '--out', work], usage)).toBe(2);
    expect(usage.err[0]).toBe('With --server the server writes the backup into the backups folder beside its database: leave out --out and --db.');
  });
});
