// TypeBox schemas of the import routes' answers: the import report (interface.md's --json shape),
// the preview, history rows, running imports and the data-quality summary.
import { Type, type TSchema } from 'typebox';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const DATASET_ENUM = Type.Union(
  [Type.Literal('orders'), Type.Literal('visits'), Type.Literal('targets'), Type.Literal('reps'), Type.Literal('customers'), Type.Literal('products')],
  { description: 'orders, visits, targets, reps, customers or products' },
);

/** canonical column → file header, or {"value": constant}. */
const MappingSpec = Type.Record(Type.String(), Type.Union([Type.String(), Type.Object({ value: Type.Unknown() })]), {
  description: 'canonical column → file header, or {"value": …} for a constant',
});

export const ImportReport = Type.Object(
  {
    batchId: Type.String(),
    status: Type.Union([Type.Literal('committed'), Type.Literal('no-op'), Type.Literal('refused'), Type.Literal('dry-run')]),
    dataset: Type.String(),
    mode: Type.String(),
    file: Type.String(),
    sha256: Type.String(),
    encoding: Type.String(),
    sheet: Nullable(Type.String()),
    headerRow: Type.Integer(),
    rowsRead: Type.Integer(),
    rowsLoaded: Type.Integer(),
    rowsRejected: Type.Integer(),
    rowsReplaced: Type.Integer(),
    rowsDuplicate: Type.Integer(),
    warnings: Type.Array(Type.Object({ row: Nullable(Type.Integer()), column: Nullable(Type.String()), message: Type.String() })),
    errors: Type.Array(
      Type.Object({ row: Type.Integer(), column: Nullable(Type.String()), value: Nullable(Type.String()), message: Type.String() }),
      { description: 'rejected rows: row = the 1-based row number as a spreadsheet program shows it' },
    ),
    mapping: MappingSpec,
    message: Type.String({ description: 'one sentence: what happened, or why the file was refused' }),
    replaced: Type.Optional(Type.Object({ periods: Type.Array(Type.String()), reps: Type.Array(Type.String()), rows: Type.Integer() })),
  },
  { description: 'The import report (the same as `npm run ingest -- … --json`).' },
);

export const ColumnInfo = Type.Object({ name: Type.String(), type: Type.String(), required: Type.Boolean() });

export const Preview = Type.Object({
  fileName: Type.String(),
  kind: Type.Union([Type.Literal('csv'), Type.Literal('xlsx'), Type.Literal('xls')]),
  guessedDataset: Nullable(DATASET_ENUM),
  dataset: Nullable(DATASET_ENUM),
  encoding: Type.String(),
  encodingConfidence: Type.Number(),
  delimiter: Nullable(Type.String()),
  sheets: Type.Array(Type.String()),
  sheet: Nullable(Type.String()),
  headerRow: Type.Integer(),
  headers: Type.Array(Type.String()),
  rows: Type.Array(Type.Array(Type.String()), { description: 'the first 50 data rows' }),
  mapping: Nullable(
    Type.Object({
      columns: MappingSpec,
      missingRequired: Type.Array(Type.String()),
      notes: Type.Array(Type.String()),
      byName: Type.Array(Type.String(), { description: 'id columns mapped from a header holding names' }),
      remembered: Type.Boolean({ description: 'a mapping saved by an earlier import of files with these headers was used' }),
    }),
  ),
  columns: Type.Array(ColumnInfo, { description: "the dataset's canonical columns, for the mapping editor" }),
});

export const BatchRow = Type.Object({
  batchId: Type.String(),
  dataset: Type.String(),
  mode: Type.String(),
  status: Type.Union([Type.Literal('running'), Type.Literal('committed'), Type.Literal('failed'), Type.Literal('undone')]),
  fileName: Nullable(Type.String()),
  sha256: Nullable(Type.String()),
  encoding: Nullable(Type.String()),
  sheet: Nullable(Type.String()),
  headerRow: Nullable(Type.Integer()),
  rowsRead: Type.Integer(),
  rowsLoaded: Type.Integer(),
  rowsRejected: Type.Integer(),
  rowsReplaced: Type.Integer(),
  rowsDuplicate: Type.Integer(),
  createdBy: Nullable(Type.String()),
  createdAt: Type.String(),
  finishedAt: Nullable(Type.String()),
  undoneBy: Nullable(Type.String()),
  undoneAt: Nullable(Type.String()),
  isDemo: Type.Boolean(),
});

export const BatchWithReport = Type.Object({ ...BatchRow.properties, report: Nullable(ImportReport) });

export const ActiveImport = Type.Object({
  batchId: Type.String(),
  dataset: Type.String(),
  mode: Type.String(),
  fileName: Type.String(),
  user: Nullable(Type.String()),
  phase: Type.String({ description: 'reading, mapping, typing, validating, merging or finishing' }),
  rowsProcessed: Type.Integer({ description: 'rows processed in the current phase so far' }),
  startedAt: Type.String(),
});

export const UndoAnswer = Type.Object({
  undone: Type.Literal(true),
  batchId: Type.String(),
  dataset: Type.String(),
  restored: Type.Integer({ description: 'rows the import had replaced, brought back' }),
  removed: Type.Integer({ description: 'rows the import had loaded, removed' }),
});

export const DataQuality = Type.Object({
  unknownReps: Type.Array(Type.Object({ repId: Type.String(), facts: Type.Integer() })),
  unknownCustomers: Type.Array(Type.Object({ customerId: Type.String(), facts: Type.Integer() })),
  monthsWithoutData: Type.Array(Type.String()),
  repsWithoutTargets: Type.Array(Type.Object({ repId: Type.String(), name: Nullable(Type.String()), months: Type.Array(Type.String()) })),
  targetsWithoutReps: Type.Array(Type.Object({ scopeKind: Type.String(), scopeId: Type.String(), periods: Type.Array(Type.String()) })),
  duplicateCustomers: Type.Array(Type.Object({ name: Type.String(), customerIds: Type.Array(Type.String()) })),
  counts: Type.Object({
    unknownReps: Type.Integer(),
    unknownCustomers: Type.Integer(),
    monthsWithoutData: Type.Integer(),
    repsWithoutTargets: Type.Integer(),
    targetsWithoutReps: Type.Integer(),
    duplicateCustomers: Type.Integer(),
  }),
});
