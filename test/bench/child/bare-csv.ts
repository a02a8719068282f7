// The baseline an import is compared with: DuckDB alone reading the same CSV into a new table of a
// new database file (CREATE TABLE AS SELECT * FROM read_csv), timed from the statement's start.
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { literal } from '../../../server/db/query.ts';

const { values } = parseArgs({ options: { db: { type: 'string' }, file: { type: 'string' } } });
if (!values.db || !values.file) throw new Error('usage: bare-csv.ts --db FILE --file CSV');

const instance = await DuckDBInstance.create(values.db, { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
const conn = await instance.connect();
const t0 = performance.now();
await conn.run(`CREATE TABLE t AS SELECT * FROM read_csv(${literal(values.file)})`);
const seconds = (performance.now() - t0) / 1000;
const reader = await conn.runAndReadAll('SELECT count(*)::DOUBLE AS n FROM t');
const rows = Number(reader.getRowObjectsJS()[0]?.n ?? 0);
conn.closeSync();
instance.closeSync();
console.log(JSON.stringify({ seconds, rows, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
