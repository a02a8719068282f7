// Typed, validated configuration from the environment (interface.md), with its defaults beside it.
import path from 'node:path';

export interface Config {
  dbPath: string;
  port: number;
  host: string;
  adminPassword: string | null;
  demo: boolean;
  logLevel: string;
  uploadMaxBytes: number;
  webRoot: string;
  cacheEnabled: boolean;
  /** Behind a reverse proxy: take the client's address and protocol from X-Forwarded-* headers. */
  trustProxy: boolean;
  /** Where the sample company's exports are (generated there on first demo start). */
  sampleDir: string;
}

export class ConfigError extends Error {}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

function parseIntVar(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, not "${raw}".`);
  }
  return value;
}

function parseFlag(env: NodeJS.ProcessEnv, name: string): boolean | null {
  const raw = env[name];
  if (raw === undefined || raw === '') return null;
  if (raw === '1' || raw === 'true') return true;
  if (raw === '0' || raw === 'false') return false;
  throw new ConfigError(`${name} must be 1 or 0, not "${raw}".`);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, root = process.cwd()): Config {
  const host = env.HOST || '127.0.0.1';
  const logLevel = env.LOG_LEVEL || 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not "${logLevel}".`);
  }
  // Demo data loads by default only on a loopback address; an explicit ATTAIN_DEMO always wins.
  const demo = parseFlag(env, 'ATTAIN_DEMO') ?? isLoopback(host);
  const dbPath = path.resolve(root, env.ATTAIN_DB || 'data/attain.duckdb');
  return {
    dbPath,
    port: parseIntVar(env, 'PORT', 3000, 0, 65535),
    host,
    adminPassword: env.ATTAIN_ADMIN_PASSWORD || null,
    demo,
    logLevel,
    uploadMaxBytes: parseIntVar(env, 'ATTAIN_UPLOAD_MAX_MB', 200, 1, 10_000) * 1024 * 1024,
    webRoot: path.resolve(root, 'build/web'),
    cacheEnabled: parseFlag(env, 'ATTAIN_CACHE') ?? true,
    trustProxy: parseFlag(env, 'ATTAIN_TRUST_PROXY') ?? false,
    sampleDir: env.ATTAIN_SAMPLE_DIR ? path.resolve(root, env.ATTAIN_SAMPLE_DIR) : path.join(path.dirname(dbPath), 'sample', 'demo'),
  };
}
