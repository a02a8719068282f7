// All rejected rows of an import report as a CSV the user downloads, built in the browser. Cells a
// spreadsheet would run as a formula (= + - @, tab, CR first) are neutralised with a leading
// apostrophe, as OWASP advises for CSV injection: https://owasp.org/www-community/attacks/CSV_Injection
import type { ReportError } from './types';

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralise(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function cell(value: string | number | null): string {
  const text = neutralise(value === null ? '' : String(value));
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The CSV text: a header line, then one line per rejected value (row, column, value, reason), CRLF
 * line ends and a UTF-8 byte-order mark so spreadsheet programs read Chinese text correctly.
 */
export function rejectsCsv(errors: readonly ReportError[], header: readonly [string, string, string, string]): string {
  const lines = [header.map(cell).join(',')];
  for (const e of errors) lines.push([e.row, e.column, e.value, e.message].map(cell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The download's file name: the imported file's base name with "-rejects.csv". */
export function rejectsFileName(file: string): string {
  const base = file.replace(/\.[^./\\]*$/, '') || 'import';
  return `${base}-rejects.csv`;
}

/** Hands a text to the browser as a file download. */
export function downloadText(text: string, fileName: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The click has started the download; the URL is no longer needed.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
