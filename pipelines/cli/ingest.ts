// `npm run ingest -- <dataset> <file> [options]`: imports one file (interface.md); exit codes
// 0 success, 1 input refused, 2 bad usage, 3 anything else.
import { ingestMain } from './ingest-main.ts';

process.exitCode = await ingestMain(process.argv.slice(2));
