// Building blocks of the PDF pack as pdfmake content: headings, tables whose header row repeats on
// every page they run onto, key-value blocks and charts embedded as vector SVG.
import { renderSvg, type Chart } from './charts.ts';

export type Content = Record<string, unknown> | string | Content[];

/** A4 portrait, 40 pt margins (50 at the bottom for the page line). */
export const PAGE = { size: 'A4', width: 595.28, margins: [40, 40, 40, 52] as [number, number, number, number] };
export const CONTENT_WIDTH = PAGE.width - PAGE.margins[0] - PAGE.margins[2];

export const STYLES = {
  title: { fontSize: 22, bold: true, margin: [0, 120, 0, 24] },
  h1: { fontSize: 15, bold: true, margin: [0, 0, 0, 8], color: '#1c3d6e' },
  h2: { fontSize: 11, bold: true, margin: [0, 12, 0, 5], color: '#1c3d6e' },
  note: { fontSize: 7.5, color: '#6c757d', margin: [0, 2, 0, 4] },
  big: { fontSize: 26, bold: true, color: '#1c3d6e' },
};

const HEADER_FILL = '#e9ecef';
const TABLE_FONT_SIZE = 7.5;

export type Align = 'left' | 'right' | 'center';

export interface Column<Row> {
  header: string;
  /** The cell text. */
  cell: (row: Row) => string;
  align?: Align;
  /** pdfmake width: a number of points, '*' or 'auto'. */
  width?: number | string;
}

export const h1 = (text: string, pageBreak = true): Content => ({ text, style: 'h1', ...(pageBreak ? { pageBreak: 'before' } : {}) });
export const h2 = (text: string): Content => ({ text, style: 'h2' });
export const note = (text: string): Content => ({ text, style: 'note' });

const TABLE_LAYOUT = {
  hLineWidth: (i: number, node: { table: { body: unknown[] } }) => (i === 0 || i === 1 || i === node.table.body.length ? 0.6 : 0.25),
  vLineWidth: () => 0,
  hLineColor: () => '#adb5bd',
  paddingLeft: () => 3,
  paddingRight: () => 3,
  paddingTop: () => 2,
  paddingBottom: () => 2,
};

/**
 * A table with its header as the first row, repeated (headerRows) on every page the table runs
 * onto; rows are never split across pages. An empty table says so in one line instead.
 */
export function table<Row>(columns: Array<Column<Row>>, rows: Row[], empty: string): Content {
  if (rows.length === 0) return note(empty);
  const header = columns.map((c) => ({ text: c.header, bold: true, fillColor: HEADER_FILL, alignment: c.align ?? 'left' }));
  // Plain strings where possible: pdfmake resolves styles per node, which dominates long tables.
  const body = rows.map((r) => columns.map((c) => (c.align && c.align !== 'left' ? { text: c.cell(r), alignment: c.align } : c.cell(r))));
  return {
    table: { headerRows: 1, dontBreakRows: true, keepWithHeaderRows: 1, widths: columns.map((c) => c.width ?? 'auto'), body: [header, ...body] },
    layout: TABLE_LAYOUT,
    fontSize: TABLE_FONT_SIZE,
    margin: [0, 0, 0, 6],
  };
}

/** Blocks up to this many table rows are kept on one page. */
export const KEEP_TOGETHER_ROWS = 25;

/**
 * A titled block. A short one is unbreakable, so it moves whole to the next page rather than
 * leaving its heading alone at the foot of a page; a long table breaks, repeating its header.
 */
export function block(title: string, parts: Content[], rows = 0): Content {
  const stack = [h2(title), ...parts];
  return rows <= KEEP_TOGETHER_ROWS ? { stack, unbreakable: true } : { stack };
}

/** Label–value pairs in two columns. */
export function keyValues(lines: Array<{ label: string; value: string }>, fontSize = 10): Content {
  return {
    table: {
      widths: [110, '*'],
      body: lines.map((l) => [
        { text: l.label, bold: true, color: '#495057', fontSize },
        { text: l.value, fontSize },
      ]),
    },
    layout: 'noBorders',
  };
}

/** A chart as an SVG node, at its own size (points). */
export function chart(c: Chart): Content {
  return { svg: renderSvg(c), width: c.width, margin: [0, 2, 0, 6] };
}
