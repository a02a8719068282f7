// Building blocks for value-parsing SQL: string literals for the builders' own constants and the cleaning
// every raw cell goes through. Values from files never pass through here; they stay in the staging tables.
import { literal } from '../../server/db/query.ts';

/** A SQL string literal for a constant written in this code (patterns, code words). */
export const str = (s: string): string => literal(s);

// Spaces a spreadsheet cell may carry around a value: ASCII, tab, CR/LF, no-break and ideographic spaces.
const SPACES = ' \t\r\n\u00a0\u3000';

/** The cell trimmed, with empty text as NULL: what every typed expression starts from. */
export function cleanExpr(col: string): string {
  // trim() with a character list is several times slower than testing the two ends, and most cells need
  // no trimming; byte-wise prefix/suffix tests are several times faster again than a regex test.
  const ends = [...SPACES].flatMap((c) => [`prefix(${col}, ${str(c)})`, `suffix(${col}, ${str(c)})`]).join(' OR ');
  return `CASE WHEN ${ends} THEN nullif(trim(${col}, ${str(SPACES)}), '') ELSE nullif(${col}, '') END`;
}

/** Key for matching code words: lower case, without spaces, underscores or hyphens. */
export function codeKeyExpr(v: string): string {
  return `lower(replace(replace(replace(${v}, ' ', ''), '_', ''), '-', ''))`;
}

/** The same key computed in JavaScript, for the dictionaries. */
export function codeKey(s: string): string {
  return s.toLowerCase().replace(/[ _-]+/g, '');
}
