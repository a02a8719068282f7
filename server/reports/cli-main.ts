// The pack command's logic, apart from process start-up so tests can run it: build the pack from
// the database file directly (as the admin) or download it from a running server with a token,
// writing to a temporary file renamed into place only when complete.
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { EXIT, defaultIO, type CliIO } from '../cli-io.ts';
import { audit } from '../auth/audit.ts';
import { ALL_SCOPE } from '../auth/scope.ts';
import { Database, DatabaseOpenError } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { assertPackSubjects } from './access.ts';
import { USAGE, UsageError, packQuery, parsePackArgs, type PackArgs } from './cli-args.ts';
import { buildPack } from './pack.ts';
import { localSource } from './source.ts';

export { EXIT, type CliIO } from '../cli-io.ts';

class Refused extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/** Streams into OUT.partial, then renames: a failed run leaves no half-written pack behind. */
async function writeTo(out: string, body: Readable): Promise<number> {
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const partial = `${out}.partial`;
  try {
    await pipeline(body, fs.createWriteStream(partial));
    fs.renameSync(partial, out);
  } catch (err) {
    fs.rmSync(partial, { force: true });
    throw err;
  }
  return fs.statSync(out).size;
}

function exitForStatus(status: number): number {
  if (status === 400) return EXIT.usage;
  if (status === 403 || status === 404) return EXIT.refused;
  return EXIT.other;
}

async function runLocal(args: PackArgs, io: CliIO): Promise<{ bytes: number; reps: number }> {
  if (!fs.existsSync(args.db)) throw new Refused(`The database ${args.db} does not exist: give --db PATH (or set ATTAIN_DB).`, EXIT.refused);
  let db: Database;
  try {
    db = await Database.open(args.db, { readers: 2 });
  } catch (err) {
    if (err instanceof DatabaseOpenError && /in use|lock/i.test(err.message)) {
      throw new Refused(`The database ${args.db} is held by a running Attain server: run this command again with --server URL --token T.`, EXIT.other);
    }
    throw new Refused(err instanceof Error ? err.message : String(err), EXIT.other);
  }
  try {
    const query = {
      period: args.period,
      lang: args.lang,
      ...(args.teams.length ? { team: args.teams } : {}),
      ...(args.reps.length ? { rep: args.reps } : {}),
      ...(args.compare ? { compare: args.compare } : {}),
      ...(args.asOf ? { asOf: args.asOf } : {}),
    };
    const src = await localSource(db, query);
    await assertPackSubjects(db, ALL_SCOPE, src.filters.dims);
    const pack = await buildPack(src, args.format, { generatedBy: 'admin (npm run pack)' });
    const bytes = await writeTo(args.out, pack.stream);
    await audit(db, {
      username: 'admin',
      action: 'export.review_pack',
      detail: { via: 'pack command', format: args.format, lang: args.lang, period: src.filters.current.label, filters: src.filters.dims, reps: pack.reps },
    });
    return { bytes, reps: pack.reps };
  } finally {
    await db.close();
  }
}

async function runRemote(args: PackArgs & { server: string; token: string }, io: CliIO): Promise<{ bytes: number; reps: number | null }> {
  const url = `${args.server}/api/exports/review-pack?${packQuery(args).toString()}`;
  let response: Response;
  try {
    response = await (io.fetch ?? fetch)(url, { headers: { authorization: `Bearer ${args.token}` } });
  } catch (err) {
    throw new Refused(`Cannot reach the server at ${args.server}: ${err instanceof Error ? err.message : String(err)}.`, EXIT.other);
  }
  if (!response.ok || !response.body) {
    let message = `The server answered ${response.status}.`;
    try {
      const body = (await response.json()) as { error?: { message?: string } };
      if (body.error?.message) message = `The server refused the pack (${response.status}): ${body.error.message}`;
    } catch {
      // Not JSON: keep the status line.
    }
    throw new Refused(message, exitForStatus(response.status));
  }
  const bytes = await writeTo(args.out, Readable.fromWeb(response.body as import('node:stream/web').ReadableStream));
  return { bytes, reps: null };
}

export async function packMain(argv: string[], io: CliIO = defaultIO): Promise<number> {
  let args: PackArgs;
  try {
    args = parsePackArgs(argv, io.env, io.cwd);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(err.message);
      io.stderr(USAGE);
      return EXIT.usage;
    }
    throw err;
  }
  if (args.help) {
    io.stdout(USAGE);
    return EXIT.ok;
  }
  const started = Date.now();
  try {
    const done = args.server && args.token ? await runRemote({ ...args, server: args.server, token: args.token }, io) : await runLocal(args, io);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const sections = done.reps === null ? '' : `, ${done.reps} rep${done.reps === 1 ? '' : 's'}`;
    io.stdout(`Wrote ${args.out} (${args.format}, ${Math.ceil(done.bytes / 1024)} KB${sections}) in ${seconds} s.`);
    return EXIT.ok;
  } catch (err) {
    if (err instanceof Refused) {
      io.stderr(err.message);
      return err.exitCode;
    }
    if (err instanceof AppError) {
      io.stderr(err.message);
      return err.statusCode === 400 ? EXIT.usage : err.statusCode === 403 || err.statusCode === 404 ? EXIT.refused : EXIT.other;
    }
    io.stderr(`The pack could not be written to ${args.out}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
    return EXIT.other;
  }
}
