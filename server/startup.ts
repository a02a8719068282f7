// What start-up does before serving: recover interrupted imports, make sure an admin exists,
// load the sample company into an empty database in demo mode, and say how to log in.
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { ensureFirstAdmin, FIRST_ADMIN_USERNAME } from './auth/bootstrap.ts';
import { DEMO_PASSWORD, ensureDemoAccounts, listDemoAccounts } from './auth/demo.ts';
import { recoverInterruptedImports } from '../pipelines/recover.ts';
import { hasFacts, isDemoLoaded, loadDemoIfEmpty } from '../pipelines/demo.ts';

export interface StartInfo {
  loginHelp: string[];
}

export async function prepareOnStart(db: Database, config: Config, print: (line: string) => void): Promise<StartInfo> {
  const recovered = await recoverInterruptedImports(db);
  if (recovered.failed.length > 0) {
    print(`Marked ${recovered.failed.length} interrupted import(s) as failed; the data is as it was before them.`);
  }
  const admin = await ensureFirstAdmin(db, config.adminPassword);

  if (config.demo && !(await hasFacts(db))) {
    // The manifest is written last, so its presence means a complete sample.
    if (!fs.existsSync(path.join(config.sampleDir, 'manifest.json'))) await generateSample(config.sampleDir, print);
    print('Loading the sample company (demo data)…');
    await loadDemoIfEmpty(db, { sampleDir: config.sampleDir, log: print });
  }
  if (await isDemoLoaded(db)) await ensureDemoAccounts(db);

  const loginHelp: string[] = [];
  if (admin.generatedPassword) {
    loginHelp.push(`Log in as "${FIRST_ADMIN_USERNAME}" with the password ${admin.generatedPassword}`);
    loginHelp.push('(shown this once; set ATTAIN_ADMIN_PASSWORD before the first start to choose it).');
  } else if (admin.created) {
    loginHelp.push(`Log in as "${FIRST_ADMIN_USERNAME}" with the password from ATTAIN_ADMIN_PASSWORD.`);
  } else {
    loginHelp.push(`Log in as "${FIRST_ADMIN_USERNAME}" with the password chosen on first start.`);
  }
  const demo = await listDemoAccounts(db);
  if (demo.length > 0) {
    loginHelp.push(`Demo data is loaded. Demo accounts (password "${DEMO_PASSWORD}"): ${demo.map((a) => a.username).join(', ')}.`);
  }
  return { loginHelp };
}

/** Runs the sample generator as its own process: the server does not depend on its code. */
function generateSample(out: string, print: (line: string) => void): Promise<void> {
  print(`Generating the sample company into ${out}…`);
  const cli = path.resolve('sample-data', 'cli.ts');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', cli, '--scale', 'demo', '--out', out], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the sample generator exited with code ${code}`))));
  });
}
