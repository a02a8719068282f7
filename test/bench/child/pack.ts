// Builds one review pack with the pack command's own code (`npm run pack`) in this process and
// prints {exitCode, seconds, bytes, maxRssMb, output} as JSON, so the peak memory is the pack's.
import fs from 'node:fs';
import { packMain } from '../../../server/reports/cli-main.ts';

const argv = process.argv.slice(2);
const out = argv[argv.indexOf('--out') + 1];
const output: string[] = [];
const t0 = performance.now();
const exitCode = await packMain(argv, { stdout: (t) => output.push(t), stderr: (t) => output.push(t), env: process.env, cwd: process.cwd() });
const seconds = (performance.now() - t0) / 1000;
const bytes = out && fs.existsSync(out) ? fs.statSync(out).size : 0;
console.log(JSON.stringify({ exitCode, seconds, bytes, maxRssMb: process.resourceUsage().maxRSS / 1024, output }));
