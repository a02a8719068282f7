// `npm run pack`: usage errors (exit 2), a pack straight from the database file acting as the admin,
// refusal when the file is held by another process (exit 3, one sentence naming --server), and the
// same pack fetched from a running server with an API token, within that token's scope.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packMain, type CliIO } from '../../server/reports/cli-main.ts';
import { loadKpiFixture } from '../fixtures/kpi-fixture.ts';
import { openTempDb, tempDir } from '../helpers/app.ts';
import { createPackTestApp } from './pack-fixture.ts';
import { pageTexts, squeeze } from './pdf-tools.ts';

function io(): CliIO & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {}, cwd: process.cwd() };
}

let dir: string;
let dbFile: string;

beforeAll(async () => {
  const made = await openTempDb();
  await loadKpiFixture(made.db);
  dbFile = made.db.path;
  await made.db.close();
  dir = await tempDir('attain-pack-');
});

afterAll(async () => {
  await fs.promises.rm(path.dirname(dbFile), { recursive: true, force: true });
  await fs.promises.rm(dir, { recursive: true, force: true });
});

describe('npm run pack', () => {
  it('answers bad usage with exit code 2 and one sentence', async () => {
    for (const argv of [[], ['--period', '2025-13', '--out', 'x.pdf'], ['--period', '2025-03'], ['--period', '2025-03', '--out', 'x.pdf', '--lang', 'fr'], ['--period', '2025-03', '--out', 'x.pdf', '--server', 'http://h']]) {
      const c = io();
      expect(await packMain(argv, c)).toBe(2);
      expect(c.err[0]).toMatch(/\.$/);
    }
  });

  it('writes a department PDF and an XLSX straight from the database file', async () => {
    const out = path.join(dir, 'dept.pdf');
    const c = io();
    expect(await packMain(['--period', '2025-03', '--db', dbFile, '--out', out], c)).toBe(0);
    expect(c.out[0]).toMatch(/^Wrote .*dept\.pdf \(pdf, \d+ KB, 3 reps\) in [\d.]+ s\.$/);
    const pages = pageTexts(fs.readFileSync(out));
    expect(squeeze(pages[0]!)).toContain('生成人 admin (npm run pack)');
    expect(pages.length).toBe(11);
    expect(fs.existsSync(`${out}.partial`)).toBe(false);

    const xlsx = path.join(dir, 'alice.xlsx');
    expect(await packMain(['--period', '2025-03', '--rep', 'R1', '--lang', 'en', '--db', dbFile, '--out', xlsx], io())).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    expect(wb.worksheets[0]!.name).toBe('Cover');
  });

  it('refuses an unknown rep (exit 1) and a missing database file (exit 1)', async () => {
    const c = io();
    expect(await packMain(['--period', '2025-03', '--rep', 'NOPE', '--db', dbFile, '--out', path.join(dir, 'x.pdf')], c)).toBe(1);
    expect(c.err[0]).toBe('No rep NOPE.');
    expect(await packMain(['--period', '2025-03', '--db', path.join(dir, 'none.duckdb'), '--out', path.join(dir, 'y.pdf')], io())).toBe(1);
    expect(fs.existsSync(path.join(dir, 'none.duckdb'))).toBe(false);
  });

  it('says in one sentence when another process holds the file, and suggests --server', async () => {
    const { Database } = await import('../../server/db/database.ts');
    const held = await Database.open(dbFile, { readers: 1 });
    try {
      const run = promisify(execFile);
      const child = await run(process.execPath, ['--import', 'tsx', 'server/reports/cli.ts', '--period', '2025-03', '--db', dbFile, '--out', path.join(dir, 'z.pdf')], {
        cwd: process.cwd(),
      }).then(
        () => ({ code: 0, stderr: '' }),
        (err: { code: number; stderr: string }) => ({ code: err.code, stderr: err.stderr }),
      );
      expect(child.code).toBe(3);
      expect(child.stderr.trim().split('\n')).toHaveLength(1);
      expect(child.stderr).toContain('--server URL --token T');
    } finally {
      await held.close();
    }
  });

  it('fetches the pack from a running server with a token, within its scope', async () => {
    const t = await createPackTestApp();
    try {
      const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
      const token = async (who: 'admin' | 'supervisor') => {
        const res = await t.app.inject({ method: 'POST', url: '/api/tokens', headers: t.as[who], payload: { name: 'pack' } });
        expect(res.statusCode).toBe(201);
        return (res.json() as { secret: string }).secret;
      };
      const out = path.join(dir, 'remote.zip');
      const c = io();
      expect(await packMain(['--period', '2025-03', '--server', address, '--token', await token('admin'), '--out', out], c)).toBe(0);
      expect(fs.readFileSync(out).subarray(0, 2).toString()).toBe('PK');
      const refused = io();
      expect(await packMain(['--period', '2025-03', '--rep', 'R3', '--server', address, '--token', await token('supervisor'), '--out', path.join(dir, 'r3.pdf')], refused)).toBe(1);
      expect(refused.err[0]).toContain('403');
      expect(fs.existsSync(path.join(dir, 'r3.pdf'))).toBe(false);
    } finally {
      await t.close();
    }
  });
});
