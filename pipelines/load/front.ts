// The front half of an import as a Stager: read the file into a raw staging table, map its headers
// (override, then the remembered mapping, then aliases), type its values. Its InputError becomes
// the refusal the report carries.
import { headerSignature, proposeMapping, type MappingSpec, type ResolvedMapping } from '../map/index.ts';
import { InputError, stageFile } from '../read/index.ts';
import type { ReportWarning } from '../report.ts';
import { stageTyped } from '../values/index.ts';
import { InputRefused } from './errors.ts';
import { loadSavedMapping, type SavedMapping } from './mappings.ts';
import type { Stager } from './run.ts';
import type { DatasetName } from './tables.ts';

export interface FileStageOptions {
  dataset: DatasetName;
  /** The name reports use for the file. */
  label: string;
  mapping?: MappingSpec;
  sheet?: string;
  headerRow?: number;
  encoding?: string;
}

const note = (message: string): ReportWarning => ({ row: null, column: null, message });

/** The mapping as the report shows it and as it is remembered: canonical → header, or a constant. */
export function mappingSpec(mapping: ResolvedMapping): SavedMapping {
  const out: SavedMapping = {};
  for (const [canonical, source] of Object.entries(mapping.columns)) {
    out[canonical] = 'header' in source ? source.header : { value: source.value };
  }
  return out;
}

function refusal(err: InputError, label: string): InputRefused {
  // Mapping errors are raised before the file is known to the mapper; name it here.
  const message = err.file ? err.message : `${err.message.replace(/\.$/, '')} (file ${label}).`;
  return new InputRefused(message, { row: err.row, column: err.column });
}

export function fileStager(file: string, opts: FileStageOptions): Stager {
  return async (conn, ctx) => {
    try {
      const staged = await stageFile(conn, file, {
        table: ctx.rawTable,
        dataset: opts.dataset,
        tmpDir: ctx.tmpDir,
        displayName: opts.label,
        ...(opts.sheet !== undefined ? { sheet: opts.sheet } : {}),
        ...(opts.headerRow !== undefined ? { headerRow: opts.headerRow } : {}),
        ...(opts.encoding !== undefined && opts.encoding !== 'auto' ? { encoding: opts.encoding } : {}),
        onProgress: (p) => ctx.progress('reading', p.rows),
      });
      ctx.progress('mapping', staged.rowsRead);
      const signature = headerSignature(staged.headers);
      const remembered = await loadSavedMapping(conn, opts.dataset, signature);
      const mapping = proposeMapping(opts.dataset, staged.headers, opts.mapping, remembered as MappingSpec | undefined);
      if (mapping.missingRequired.length > 0) {
        const cols = mapping.missingRequired.join(', ');
        throw new InputRefused(
          `The file ${opts.label} has no column for ${cols}, which ${opts.dataset} need${mapping.missingRequired.length === 1 ? 's' : ''} ` +
            `(header row ${staged.headerRow}: ${staged.headers.filter(Boolean).slice(0, 12).join(', ')}): map it with --mapping or on the upload page.`,
          { row: staged.headerRow, column: mapping.missingRequired[0] ?? null },
        );
      }
      ctx.progress('typing', 0);
      const typed = await stageTyped(conn, staged, opts.dataset, mapping, { table: ctx.typedTable, file: opts.label, view: true });
      const spec = mappingSpec(mapping);
      return {
        encoding: staged.encoding,
        sheet: staged.sheet,
        headerRow: staged.headerRow,
        rowsRead: staged.rowsRead,
        mapping: spec,
        mapped: Object.keys(mapping.columns),
        byName: mapping.byName,
        warnings: [...staged.warnings, ...mapping.notes.map(note), ...typed.decisions.map(note)],
        remember: { signature, mapping: spec },
      };
    } catch (err) {
      if (err instanceof InputError) throw refusal(err, opts.label);
      throw err;
    }
  };
}
