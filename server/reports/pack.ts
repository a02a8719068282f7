// A review pack as a file stream: PDF, XLSX, or a ZIP with one PDF per rep (bursting). The data is
// gathered first (so a failing query is an error answer, not a broken file), then streamed.
import { PassThrough, type Readable } from 'node:stream';
import yazl from 'yazl';
import { REP_CONCURRENCY, allRepData, collectPack, mapLimit, repData, type PackMeta } from './data.ts';
import { packDocument, pdfStream, repContent } from './pdf.ts';
import type { PackSource } from './source.ts';

export const PACK_FORMATS = ['pdf', 'xlsx', 'zip'] as const;
export type PackFormat = (typeof PACK_FORMATS)[number];

export const CONTENT_TYPES: Record<PackFormat | 'csv', string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  zip: 'application/zip',
  csv: 'text/csv; charset=utf-8',
};

export interface PackFile {
  stream: Readable;
  contentType: string;
  fileName: string;
  /** Rep sections (PDF, XLSX) or PDFs (ZIP) in the file. */
  reps: number;
}

/** Characters a file name may not hold on common systems. */
export function safeFileName(text: string): string {
  return text.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').trim() || 'pack';
}

function baseName(src: PackSource): string {
  const d = src.filters.dims;
  const who = d.reps.length === 1 ? d.reps[0]! : d.reps.length > 1 ? 'reps' : d.teams.length > 0 ? d.teams.join('+') : 'department';
  return safeFileName(`review-pack_${src.filters.current.label}_${who}`);
}

/** The same source narrowed to one rep: that rep's own pack (cached apart from the wider one). */
export function repSource(src: PackSource, repId: string): PackSource {
  return {
    ...src,
    filters: { ...src.filters, dims: { ...src.filters.dims, teams: [], reps: [repId] } },
    cached: (name, extra, compute) => src.cached(name, [extra, 'rep', repId], compute),
  };
}

async function repPdf(src: PackSource, repId: string, meta: PackMeta): Promise<Readable> {
  const one = repSource(src, repId);
  const pack = await collectPack(one, meta);
  return pdfStream(packDocument(pack, [await repData(one, pack, repId)]));
}

export async function buildPack(src: PackSource, format: PackFormat, meta: PackMeta): Promise<PackFile> {
  const name = baseName(src);
  const pack = await collectPack(src, meta);
  if (format === 'zip') {
    const zip = new yazl.ZipFile();
    const used = new Set<string>();
    for (const repId of pack.repIds) {
      let entry = safeFileName(`${pack.nameOf(repId)}_${repId}`);
      while (used.has(entry)) entry += '_';
      used.add(entry);
      // Lazy: each PDF is laid out only when the archive reaches it, so memory holds one at a time.
      zip.addReadStreamLazy(`${entry}.pdf`, (cb) => {
        repPdf(src, repId, meta).then(
          (s) => cb(null, s),
          (err: unknown) => cb(err, undefined as unknown as NodeJS.ReadableStream),
        );
      });
    }
    zip.end();
    return { stream: zip.outputStream as Readable, contentType: CONTENT_TYPES.zip, fileName: `${name}.zip`, reps: pack.repIds.length };
  }
  if (format === 'pdf') {
    // Each rep's charts are drawn as soon as their data arrives, while the next rep's queries run.
    const sections = await mapLimit(pack.repIds, REP_CONCURRENCY, async (id) => repContent(pack, await repData(src, pack, id)));
    return { stream: await pdfStream(packDocument(pack, sections)), contentType: CONTENT_TYPES.pdf, fileName: `${name}.pdf`, reps: sections.length };
  }
  const reps = await allRepData(src, pack);
  // Loaded on demand: exceljs is large and PDF packs do not need it.
  const { writePackXlsx } = await import('./xlsx-pack.ts');
  const out = new PassThrough();
  writePackXlsx(pack, reps, out).catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return { stream: out, contentType: CONTENT_TYPES.xlsx, fileName: `${name}.xlsx`, reps: reps.length };
}

/** Content-Disposition for a download: an ASCII fallback plus the UTF-8 name (RFC 6266). */
export function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replaceAll('"', '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
