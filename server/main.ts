// Starts Attain: config, database (migrated), first admin and demo data, then the HTTP server.
import { loadConfig, ConfigError } from './config.ts';
import { Database, DatabaseOpenError } from './db/database.ts';
import { SchemaVersionError } from './db/migrate.ts';
import { buildApp } from './app.ts';
import { prepareOnStart } from './startup.ts';
import { ensureWebBuild } from './build-web.ts';

async function main(): Promise<number> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) return fail(err.message, 2);
    throw err;
  }
  // The database first: a locked, damaged or too-new file is refused at once, not after a web build.
  let db: Database;
  try {
    db = await Database.open(config.dbPath);
  } catch (err) {
    if (err instanceof DatabaseOpenError || err instanceof SchemaVersionError) return fail(err.message, 3);
    throw err;
  }
  await ensureWebBuild(config.webRoot);

  const app = await buildApp({ config, db, closeDb: true, logger: { level: config.logLevel } });
  const firstRun = await prepareOnStart(db, config, (line) => console.log(line));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info(`${signal} received, shutting down`);
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  const shownHost = config.host.includes(':') ? `[${config.host}]` : config.host;
  console.log(`\nAttain is running at http://${shownHost}:${config.port}`);
  for (const line of firstRun.loginHelp) console.log(line);
  return 0;
}

function fail(message: string, code: number): number {
  console.error(message);
  process.exitCode = code;
  return code;
}

main().catch((err) => {
  console.error(`Attain could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(3);
});
