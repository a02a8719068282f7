// The ingest command's logic, separate from process start-up so tests can run it: parse, open the
// database directly (or go through a server), import, print, and choose the exit code.
import { EXIT, defaultIO, type CliIO } from '../../server/cli-io.ts';
import type { Database as DatabaseType } from '../../server/db/database.ts';
import { Database, DatabaseOpenError } from '../../server/db/database.ts';
import { refreshCustomerStats } from '../../server/queries/purchase-stats.ts';
import { refreshRollups } from '../../server/queries/rollups.ts';
import { refreshPrecomputedOn } from '../load/hooks.ts';
import { importFile } from '../import.ts';
import { PipelineError } from '../load/errors.ts';
import { recoverInterruptedImports } from '../recover.ts';
import { formatSummary, type ImportReport } from '../report.ts';
import { USAGE, UsageError, parseIngestArgs, type IngestArgs } from './args.ts';
import { RemoteError, ingestRemote } from './remote.ts';

export { EXIT, type CliIO } from '../../server/cli-io.ts';

function exitFor(report: ImportReport): number {
  return report.status === 'refused' ? EXIT.refused : EXIT.ok;
}

/**
 * Imports into the database file directly. The report is shown (show) before the database is
 * closed: closing checkpoints the import's write-ahead log into the file, which the user need not wait
 * for to read the outcome.
 */
async function runLocal(args: IngestArgs, io: CliIO, show: (report: ImportReport) => number): Promise<number> {
  let db: DatabaseType;
  try {
    db = await Database.open(args.db, { readers: 1 });
  } catch (err) {
    if (err instanceof DatabaseOpenError && /in use|lock/i.test(err.message)) {
      io.stderr(
        `The database ${args.db} is held by a running Attain server: upload the file on its Imports page, or run this command again with --server URL --token T.`,
      );
      return EXIT.other;
    }
    io.stderr(err instanceof Error ? err.message : String(err));
    return EXIT.other;
  }
  // The command is an entry point like the server: it keeps the precomputed tables in step too.
  const unregister = refreshPrecomputedOn([refreshRollups, refreshCustomerStats]);
  try {
    await recoverInterruptedImports(db);
    const report = await importFile(db, {
      dataset: args.dataset,
      file: args.file,
      mode: args.mode,
      maxErrorRate: args.maxErrorRate,
      dryRun: args.dryRun,
      user: 'admin',
      ...(args.mapping ? { mapping: args.mapping } : {}),
      ...(args.sheet !== undefined ? { sheet: args.sheet } : {}),
      ...(args.headerRow !== undefined ? { headerRow: args.headerRow } : {}),
      ...(args.encoding !== undefined ? { encoding: args.encoding } : {}),
    });
    return show(report);
  } finally {
    unregister();
    await db.close();
  }
}

export async function ingestMain(argv: string[], io: CliIO = defaultIO): Promise<number> {
  let args: IngestArgs;
  try {
    args = parseIngestArgs(argv, io.env, io.cwd);
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
  try {
    const show = (outcome: ImportReport): number => {
      io.stdout(args.json ? JSON.stringify(outcome, null, 2) : formatSummary(outcome));
      if (outcome.status === 'refused' && !args.json) io.stderr(outcome.message);
      return exitFor(outcome);
    };
    if (!(args.server && args.token)) return await runLocal(args, io, show);
    return show(await ingestRemote({ ...args, server: args.server, token: args.token }, io.fetch ?? fetch));
  } catch (err) {
    if (err instanceof RemoteError) {
      io.stderr(err.message);
      return err.exitCode;
    }
    if (err instanceof PipelineError && err.statusCode === 400) {
      io.stderr(err.message);
      return EXIT.usage;
    }
    io.stderr(`The import of ${args.file} failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
    return EXIT.other;
  }
}
