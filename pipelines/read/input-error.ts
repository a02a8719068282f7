// The one error an import refuses a file with: a sentence naming the file, and the row and column where there is one.

export class InputError extends Error {
  file: string;
  row: number | null;
  column: string | null;

  constructor(message: string, where: { file: string; row?: number | null; column?: string | null }) {
    super(message);
    this.name = 'InputError';
    this.file = where.file;
    this.row = where.row ?? null;
    this.column = where.column ?? null;
  }
}

/** Spreadsheet column letters for a 0-based index: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}
