// A child process that holds a database open, as a running server does, until it is killed:
// prints "READY" once DuckDB holds the file's lock.
import fs from 'node:fs';
import { Database } from '../../server/db/database.ts';

await Database.open(process.env.ATTAIN_DB!, { readers: 1, threads: 1 });
fs.writeSync(1, 'READY\n');
// Stay alive (the parent kills this process); the timer is a safety net should the parent die first.
setTimeout(() => process.exit(0), 120_000);
