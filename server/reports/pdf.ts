// The PDF review pack: cover with the stamp, the team section, one section per rep and the metric
// definitions, every page carrying the scope, the period and its number; rendered by pdfmake with
// the embedded CJK font and streamed out.
import type { Readable } from 'node:stream';
import type { PackData, RepData } from './data.ts';
import { FONT, pdfRenderer } from './fonts.ts';
import { formatter } from './format.ts';
import { messages } from './messages.ts';
import { PAGE, STYLES, h1, keyValues, type Content } from './pdf-kit.ts';
import { repSection } from './pdf-rep.ts';
import { teamSection, type SectionContext } from './pdf-team.ts';
import { pageText } from './stamp.ts';

function cover(pack: PackData): Content[] {
  return [
    { text: pack.stamp.title, style: 'title' },
    { text: pack.stamp.scopeLabel, fontSize: 14, margin: [0, 0, 0, 28], color: '#495057' },
    keyValues(pack.stamp.lines, 10.5),
  ];
}

function appendix(pack: PackData): Content[] {
  const m = messages(pack.lang);
  const out: Content[] = [h1(m.appendix)];
  for (const d of pack.definitions) {
    out.push({
      stack: [
        { text: d.name[pack.lang], bold: true, fontSize: 9, margin: [0, 6, 0, 1] },
        { text: d.definition[pack.lang], fontSize: 8, color: '#343a40' },
      ],
      unbreakable: true,
    });
  }
  if (pack.definitions.length === 0) out.push({ text: m.noData, fontSize: 8 });
  return out;
}

export function sectionContext(pack: PackData): SectionContext {
  return { m: messages(pack.lang), fmt: formatter(pack.lang, pack.currency), nameOf: pack.nameOf };
}

/** A rep's section as PDF content (its charts rendered now). */
export function repContent(pack: PackData, rep: RepData): Content[] {
  return repSection(rep, sectionContext(pack));
}

/**
 * The pdfmake document of a pack; `reps` holds the rep sections in pack.repIds order, as data or
 * as content already built with repContent().
 */
export function packDocument(pack: PackData, reps: Array<RepData | Content[]>): Record<string, unknown> {
  const m = messages(pack.lang);
  const ctx = sectionContext(pack);
  const content: Content[] = [...cover(pack)];
  if (pack.team) content.push(...teamSection(pack.team, pack.stamp.scopeLabel, ctx));
  for (const rep of reps) content.push(...(Array.isArray(rep) ? rep : repSection(rep, ctx)));
  content.push(...appendix(pack));
  return {
    pageSize: PAGE.size,
    pageMargins: PAGE.margins,
    info: { title: `${pack.stamp.title} · ${pack.stamp.pageLine}`, author: pack.stamp.lines.find((l) => l.label === m.generatedBy)?.value ?? '', creator: 'Attain' },
    defaultStyle: { font: FONT, fontSize: 9, lineHeight: 1.15 },
    styles: STYLES,
    content,
    footer: (page: number, pages: number) => ({
      margin: [PAGE.margins[0], 18, PAGE.margins[2], 0],
      fontSize: 7,
      color: '#6c757d',
      columns: [
        { text: pack.stamp.pageLine, width: '*' },
        { text: pageText(pack.lang, page, pages), width: 'auto', alignment: 'right' },
      ],
    }),
  };
}

/** Lays the document out and answers its bytes as a stream (the layout happens before it resolves). */
export async function pdfStream(doc: Record<string, unknown>): Promise<Readable> {
  const stream = await pdfRenderer().createPdf(doc).getStream();
  stream.end();
  return stream;
}

export async function pdfBuffer(doc: Record<string, unknown>): Promise<Buffer> {
  return pdfRenderer().createPdf(doc).getBuffer();
}
