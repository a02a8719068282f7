// Child processes for the benchmark: run a script under tsx and read the JSON it prints last, and
// read a process's peak resident memory (VmHWM) from /proc.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './cache.ts';

/** A child stopped because it ran past its time limit. */
export class ChildTimeout extends Error {
  constructor(
    readonly script: string,
    readonly limitSeconds: number,
  ) {
    super(`${script} did not finish within ${limitSeconds} s and was stopped.`);
  }
}

export interface ChildResult<T> {
  value: T;
  /** Wall-clock seconds from spawn to exit (process start-up included). */
  wallSeconds: number;
}

/**
 * Runs `node --import tsx <script> ...args` from the repository root and parses its last stdout line
 * as JSON; past `timeoutSeconds` the child is killed and the promise rejects with ChildTimeout.
 */
export function runScript<T>(script: string, args: string[], opts: { env?: NodeJS.ProcessEnv; echo?: boolean; timeoutSeconds?: number } = {}): Promise<ChildResult<T>> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.resolve(ROOT, script), ...args], {
      cwd: ROOT,
      env: { ...process.env, TZ: 'UTC', ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let timedOut = false;
    const timer = opts.timeoutSeconds
      ? setTimeout(() => {
          timedOut = true;
          child.kill('SIGKILL');
        }, opts.timeoutSeconds * 1000)
      : null;
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString('utf8');
      if (err.length > 100_000) err = err.slice(-50_000);
      if (opts.echo) process.stderr.write(c);
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      const wallSeconds = (performance.now() - started) / 1000;
      if (timedOut) {
        reject(new ChildTimeout(script, opts.timeoutSeconds!));
        return;
      }
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0) {
        reject(new Error(`${script} ${args.join(' ')} exited with ${code ?? signal}: ${(err || out).trim().slice(-2000)}`));
        return;
      }
      try {
        resolve({ value: JSON.parse(last) as T, wallSeconds });
      } catch {
        reject(new Error(`${script} printed no JSON result: ${out.slice(-2000)} ${err.slice(-2000)}`));
      }
    });
  });
}

/** Runs a command (no JSON expected); rejects with its output when it fails. */
export function runCommand(command: string, args: string[], opts: { env?: NodeJS.ProcessEnv } = {}): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    const keep = (c: Buffer) => {
      log += c.toString('utf8');
      if (log.length > 100_000) log = log.slice(-50_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve((performance.now() - started) / 1000) : reject(new Error(`${command} ${args.join(' ')} exited with ${code ?? signal}: ${log.trim().slice(-2000)}`)),
    );
  });
}

/** Peak resident set size of a live process in MB (Linux /proc/<pid>/status VmHWM), or null. */
export function peakRssMb(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}
