// Appends spreadsheet rows to a raw staging table through DuckDB's Appender, a row at a time, so a large sheet
// never sits in memory. Blank rows are skipped; values right of the last header column are counted and reported.
import type { DuckDBConnection } from '@duckdb/node-api';
import { ident, run } from '../../server/db/query.ts';
import { isBlankRow } from './header-row.ts';
import { columnLetter } from './input-error.ts';
import type { SheetRow, Warning } from './types.ts';

const FLUSH_EVERY = 50_000;

export async function createRawTable(conn: DuckDBConnection, table: string, width: number): Promise<void> {
  const cols = Array.from({ length: width }, (_, i) => `${ident(`c${i + 1}`)} VARCHAR`);
  await run(conn, `CREATE OR REPLACE TEMP TABLE ${ident(table)} (${[...cols, '__row INTEGER'].join(', ')})`);
}

export async function appendRows(
  conn: DuckDBConnection,
  table: string,
  width: number,
  source: AsyncIterable<SheetRow>,
  onRows?: (rows: number) => void,
): Promise<{ appended: number; warnings: Warning[] }> {
  const appender = await conn.createAppender(table, 'main', 'temp');
  let appended = 0;
  let beyond: { row: number; count: number } | null = null;
  try {
    for await (const r of source) {
      if (isBlankRow(r.cells)) continue;
      for (let i = 0; i < width; i++) {
        const v = r.cells[i];
        if (v === undefined || v === '') appender.appendNull();
        else appender.appendVarchar(v);
      }
      appender.appendInteger(r.row);
      appender.endRow();
      if (r.cells.length > width && r.cells.slice(width).some((c) => c.trim())) {
        if (beyond) beyond.count++;
        else beyond = { row: r.row, count: 1 };
      }
      appended++;
      if (appended % FLUSH_EVERY === 0) {
        appender.flushSync();
        onRows?.(appended);
      }
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
  onRows?.(appended);
  const warnings: Warning[] = beyond
    ? [{ row: beyond.row, column: null, message: `${beyond.count} row(s), the first being row ${beyond.row}, have values right of column ${columnLetter(width - 1)}, which has no header; they were left out.` }]
    : [];
  return { appended, warnings };
}
