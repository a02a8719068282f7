// Keeps exported text from running as a formula in a spreadsheet program (CSV and XLSX alike):
// text that starts with = + - @, a tab or a carriage return gets a leading single quote.
// Numbers are never touched, so a negative amount stays a number.

const TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

/** The text as it is safe to put in a cell. */
export function neutralise(text: string): string {
  return text.length > 0 && TRIGGERS.has(text[0]!) ? `'${text}` : text;
}

export type CellValue = string | number | boolean | null;

/** A cell value: strings neutralised, numbers and booleans as they are, null empty. */
export function safeCell(value: CellValue | undefined): CellValue {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? neutralise(value) : value;
}
