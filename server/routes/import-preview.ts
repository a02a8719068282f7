// What the importer sees in an uploaded file: the reader's preview plus the mapping it would use
// (remembered for these headers, else from the aliases) and the dataset's columns for the editor.
import { DATASETS, type Dataset } from '../../pipelines/datasets.ts';
import { mappingSpec } from '../../pipelines/load/front.ts';
import { loadSavedMapping } from '../../pipelines/load/mappings.ts';
import { headerSignature, proposeMapping, type MappingSpec } from '../../pipelines/map/index.ts';
import { InputError, previewFile } from '../../pipelines/read/index.ts';
import type { Database } from '../db/database.ts';
import { AppError } from '../errors.ts';
import type { PreviewFields } from './import-fields.ts';
import type { ReceivedFile } from './upload.ts';

/** An unreadable file is the client's problem: 422 with the reader's sentence and where it stopped. */
export function inputRefused(err: InputError): AppError {
  return new AppError(422, 'input_refused', err.message, { row: err.row, column: err.column });
}

export async function previewUpload(db: Database, file: ReceivedFile, opts: PreviewFields, tmpDir: string) {
  try {
    const seen = await previewFile(file.path, {
      tmpDir,
      displayName: file.displayName,
      ...(opts.dataset ? { dataset: opts.dataset } : {}),
      ...(opts.sheet !== undefined ? { sheet: opts.sheet } : {}),
      ...(opts.headerRow !== undefined ? { headerRow: opts.headerRow } : {}),
      ...(opts.encoding !== undefined ? { encoding: opts.encoding } : {}),
    });
    const dataset: Dataset | null = opts.dataset ?? seen.guessedDataset ?? null;
    let mapping = null;
    if (dataset) {
      const remembered = await db.read((conn) => loadSavedMapping(conn, dataset, headerSignature(seen.headers)));
      const resolved = proposeMapping(dataset, seen.headers, undefined, remembered as MappingSpec | undefined);
      mapping = {
        columns: mappingSpec(resolved),
        missingRequired: resolved.missingRequired,
        notes: resolved.notes,
        byName: resolved.byName,
        remembered: remembered !== undefined,
      };
    }
    return {
      fileName: file.displayName,
      kind: seen.kind,
      guessedDataset: seen.guessedDataset ?? null,
      dataset,
      encoding: seen.encoding,
      encodingConfidence: seen.encodingConfidence,
      delimiter: seen.delimiter,
      sheets: seen.sheets,
      sheet: seen.sheet,
      headerRow: seen.headerRow,
      headers: seen.headers,
      rows: seen.rows,
      mapping,
      columns: dataset ? DATASETS[dataset].columns.map(({ name, type, required }) => ({ name, type, required })) : [],
    };
  } catch (err) {
    if (err instanceof InputError) throw inputRefused(err);
    throw err;
  }
}
