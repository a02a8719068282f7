// Builds the SvelteKit front end on first start when no build is present ("npm start" on a fresh clone).
// The build's own chatter is kept back and shown only when it fails.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

export async function ensureWebBuild(webRoot: string): Promise<void> {
  if (fs.existsSync(path.join(webRoot, '200.html'))) return;
  console.log('Building the web front end (first start only)…');
  const vite = path.resolve('node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'error'], { encoding: 'utf8' });
  if (result.status !== 0) {
    process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
    throw new Error('the web build failed (see the messages above); run "npm run build" to retry.');
  }
}
