// `npm run pack -- --period P [--team T] [--rep ID] [--format pdf|xlsx|zip] [--lang zh|en] --out FILE`:
// writes a review pack (interface.md); exit codes 0 success, 1 refused, 2 bad usage, 3 anything else.
import { packMain } from './cli-main.ts';

process.exitCode = await packMain(process.argv.slice(2));
