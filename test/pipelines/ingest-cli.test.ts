// The ingest command: usage errors (exit 2), a database held by another process (one sentence
// pointing to the server), and the --server client's multipart request and exit codes.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestMain, type CliIO } from '../../pipelines/cli/ingest-main.ts';
import { Database } from '../../server/db/database.ts';
import { rows } from '../../server/db/query.ts';
import { tempDir } from '../helpers/app.ts';

let dir: string;
beforeAll(async () => {
  dir = await tempDir();
  fs.writeFileSync(path.join(dir, 'orders.csv'), 'Order ID,Order Date,Rep ID,Amount\nO1,2025-03-01,R1,10\n');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function io(extra: Partial<CliIO> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t), env: {}, cwd: dir, ...extra } satisfies CliIO };
}

describe('usage', () => {
  it.each([
    [['orders'], /Expected a dataset and a file/],
    [['invoices', 'orders.csv'], /Unknown dataset "invoices"/],
    [['orders', 'orders.csv', '--mode', 'merge'], /Unknown mode "merge"/],
    [['orders', 'orders.csv', '--max-error-rate', '7'], /--max-error-rate must be a fraction/],
    [['orders', 'orders.csv', '--header-row', '0'], /--header-row must be a whole number/],
    [['orders', 'orders.csv', '--server', 'http://x'], /--server needs --token/],
    [['orders', 'orders.csv', '--mapping', 'nope.json'], /The mapping file .*nope\.json cannot be read/],
    [['orders', 'orders.csv', '--bogus'], /bogus/],
  ])('%j is bad usage (exit 2)', async (argv, message) => {
    const t = io();
    expect(await ingestMain(argv, t.io)).toBe(2);
    expect(t.err[0]).toMatch(message);
  });
});

describe('a local database', () => {
  const fixture = (name: string) => path.resolve('test/pipelines/fixtures', name);
  const dbPath = () => path.join(dir, 'local.duckdb');

  it('imports with a summary (exit 0), refuses bad input with one sentence on stderr (exit 1), and dry-runs without changes', async () => {
    const ok = io();
    expect(await ingestMain(['reps', fixture('roster.csv'), '--db', dbPath()], ok.io)).toBe(0);
    expect(ok.out[0]).toMatch(/^Imported roster\.csv as reps \(append\), batch b\d{8}_\d{6}_[0-9a-f]{6}: 4 of 4 rows loaded/);

    const refused = io();
    expect(await ingestMain(['orders', fixture('orders-usd.csv'), '--db', dbPath()], refused.io)).toBe(1);
    expect(refused.err).toEqual([expect.stringMatching(/^The file orders-usd\.csv has 1 line in USD \(row 3, column Currency\)/)]);

    const dry = io({ env: { ATTAIN_DB: dbPath() } });
    expect(await ingestMain(['orders', fixture('orders-by-name.csv'), '--dry-run', '--json'], dry.io)).toBe(0);
    expect(JSON.parse(dry.out.join('\n'))).toMatchObject({ status: 'dry-run', rowsLoaded: 4 });

    const again = io();
    expect(await ingestMain(['reps', fixture('roster.csv'), '--db', dbPath(), '--json'], again.io)).toBe(0);
    expect(JSON.parse(again.out.join('\n'))).toMatchObject({ status: 'no-op', rowsLoaded: 0 });

    const db = await Database.open(dbPath());
    try {
      const counts = await db.read((conn) => rows(conn, 'SELECT (SELECT count(*) FROM reps) AS reps, (SELECT count(*) FROM orders) AS orders, (SELECT count(*) FROM import_batches) AS batches'));
      expect(counts).toEqual([{ reps: 4, orders: 0, batches: 2 }]);
    } finally {
      await db.close();
    }
  });
});

describe('a database held by a running server', () => {
  let holder: ChildProcess;
  const dbPath = () => path.join(dir, 'held.duckdb');
  beforeAll(async () => {
    const script = `import { Database } from ${JSON.stringify(path.resolve('server/db/database.ts'))};
      const db = await Database.open(${JSON.stringify(dbPath())}); console.log('ready'); setInterval(() => {}, 1000);`;
    holder = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      holder.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
      holder.on('exit', (code) => reject(new Error(`holder exited ${code}`)));
    });
  });
  afterAll(() => {
    holder.kill();
  });

  it('says so in one sentence and points to the upload page or --server (exit 3)', async () => {
    const t = io();
    expect(await ingestMain(['orders', 'orders.csv', '--db', dbPath()], t.io)).toBe(3);
    expect(t.err).toHaveLength(1);
    expect(t.err[0]).toMatch(/is held by a running Attain server: upload the file on its Imports page, or run this command again with --server URL --token T\.$/);
  });
});

describe('--server URL --token T', () => {
  const report = {
    batchId: 'b20250301_101010_abcdef', status: 'committed', dataset: 'orders', mode: 'upsert', file: 'orders.csv', sha256: 'x', encoding: 'utf-8',
    sheet: null, headerRow: 1, rowsRead: 1, rowsLoaded: 1, rowsRejected: 0, rowsReplaced: 0, rowsDuplicate: 0, warnings: [], errors: [], mapping: {}, message: 'Imported.',
  };

  it('posts the file and options as multipart with the bearer token, and prints the JSON report', async () => {
    let seen: { url: string; auth: string | null; body: string } | undefined;
    const fakeFetch = (async (url: string | URL | Request, init?: RequestInit) => {
      seen = { url: String(url), auth: new Headers(init?.headers).get('authorization'), body: await new Response(init?.body).text() };
      return Response.json(report);
    }) as typeof fetch;
    const t = io({ fetch: fakeFetch });
    const code = await ingestMain(['orders', 'orders.csv', '--mode', 'upsert', '--header-row', '2', '--dry-run', '--json', '--server', 'http://127.0.0.1:3000/', '--token', 'T0K'], t.io);
    expect(code).toBe(0);
    expect(seen!.url).toBe('http://127.0.0.1:3000/api/imports?dryRun=1');
    expect(seen!.auth).toBe('Bearer T0K');
    const body = seen!.body;
    expect(body).toMatch(/name="dataset"\r\n\r\norders\r\n/);
    expect(body).toMatch(/name="mode"\r\n\r\nupsert\r\n/);
    expect(body).toMatch(/name="headerRow"\r\n\r\n2\r\n/);
    expect(body).toMatch(/name="file"; filename="orders.csv"/);
    expect(body).toContain('O1,2025-03-01,R1,10');
    expect(body.indexOf('name="file"')).toBeGreaterThan(body.indexOf('name="mode"'));
    expect(JSON.parse(t.out.join('\n'))).toEqual(report);
  });

  it('exits 1 when the server refuses the file and 3 when it refuses the token', async () => {
    const refused = io({ fetch: (async () => Response.json({ ...report, status: 'refused', message: 'The file orders.csv was refused.' }, { status: 422 })) as typeof fetch });
    expect(await ingestMain(['orders', 'orders.csv', '--server', 'http://h', '--token', 't'], refused.io)).toBe(1);
    expect(refused.err).toEqual(['The file orders.csv was refused.']);

    const denied = io({ fetch: (async () => Response.json({ error: { code: 'unauthorized', message: 'Log in first.' } }, { status: 401 })) as typeof fetch });
    expect(await ingestMain(['orders', 'orders.csv', '--server', 'http://h', '--token', 't'], denied.io)).toBe(3);
    expect(denied.err[0]).toBe('The server refused the token: Log in first.');
  });
});
