// Spreadsheet cell values → the text a staging table holds: dates as ISO, numbers as their shortest text.

/** ISO text of a date cell: YYYY-MM-DD at midnight, else YYYY-MM-DD HH:MM:SS (to the second). */
export function dateToIso(d: Date): string {
  const ms = Math.round(d.getTime() / 1000) * 1000;
  const iso = new Date(ms).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** Excel serial day number → ISO text (1900 system, or 1904 when the workbook says so). */
export function serialToIso(serial: number, date1904 = false): string {
  const days = serial + (date1904 ? 1462 : 0);
  return dateToIso(new Date(Date.UTC(1899, 11, 30) + Math.round(days * 86400000)));
}

/** A number as Excel shows it at most: 15 significant digits, which drops binary noise like 0.30000000000000004. */
export function numberText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  return String(Number(n.toPrecision(15)));
}

/** Whether a number format code shows a date or time (y, m, d, h, s outside quotes, brackets and escapes). */
export function isDateFormat(format: string | undefined): boolean {
  if (!format || format === 'General') return false;
  const bare = format.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  return /[ymdhs]/i.test(bare) && !/^[#0.,%\s]*$/.test(bare);
}
