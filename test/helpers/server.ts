// Starts the real server (node --import tsx server/main.ts) as a child process on a free port with
// its own temporary database, waits until /api/health answers, and stops it again.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface StartOptions {
  /** Database file to use; by default a fresh one in a temporary folder that stop() removes. */
  dbPath?: string;
  /** Extra environment (ATTAIN_DEMO, LOG_LEVEL, …); wins over the defaults. */
  env?: NodeJS.ProcessEnv;
  /** How long to wait for /api/health (demo data loads before the server listens). */
  timeoutMs?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  dbPath: string;
  adminPassword: string;
  /** Everything the server printed so far (stdout and stderr). */
  output(): string;
  stop(): Promise<void>;
}

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** A port that is free right now: the OS picks one for a throwaway listener. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function newestMtime(target: string): number {
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/** Builds the front end when build/web is missing or older than its sources, so tests see current code. */
export function ensureFreshWebBuild(): void {
  const shell = path.join(ROOT, 'build', 'web', '200.html');
  const sources = [path.join(ROOT, 'web'), path.join(ROOT, 'svelte.config.js'), path.join(ROOT, 'vite.config.ts')];
  const builtAt = fs.existsSync(shell) ? fs.statSync(shell).mtimeMs : 0;
  if (builtAt > Math.max(...sources.filter((s) => fs.existsSync(s)).map(newestMtime))) return;
  const vite = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'error'], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`The web build failed:\n${result.stdout}\n${result.stderr}`);
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitedEarly = false;
  child.once('exit', () => (exitedEarly = true));
  while (Date.now() < deadline) {
    if (exitedEarly) throw new Error(`The server exited before it answered (code ${child.exitCode}):\n${output()}`);
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    // Poll again once the child has had a moment; the condition, not the delay, ends the wait.
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`The server did not answer /api/health within ${timeoutMs} ms:\n${output()}`);
}

export async function startServer(opts: StartOptions = {}): Promise<RunningServer> {
  ensureFreshWebBuild();
  const ownDir = opts.dbPath ? null : await fs.promises.mkdtemp(path.join(os.tmpdir(), 'attain-browser-'));
  const dbPath = opts.dbPath ?? path.join(ownDir!, 'attain.duckdb');
  const port = await freePort();
  const adminPassword = opts.env?.ATTAIN_ADMIN_PASSWORD ?? `Admin-${crypto.randomBytes(9).toString('base64url')}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOST: '127.0.0.1',
    ATTAIN_DEMO: '0',
    LOG_LEVEL: 'warn',
    TZ: 'UTC',
    ...opts.env,
    PORT: String(port),
    ATTAIN_DB: dbPath,
    ATTAIN_ADMIN_PASSWORD: adminPassword,
  };

  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const collect = (chunk: Buffer) => {
    log += chunk.toString('utf8');
    if (log.length > 200_000) log = log.slice(-100_000);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const output = () => log;
  const url = `http://127.0.0.1:${port}`;

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited(child);
      clearTimeout(timer);
    }
    if (ownDir) await fs.promises.rm(ownDir, { recursive: true, force: true });
  };

  try {
    await waitForHealth(url, child, output, opts.timeoutMs ?? 240_000);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, port, dbPath, adminPassword, output, stop };
}
