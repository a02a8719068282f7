// Import routes: preview an upload, import it (or dry-run it), running imports, history, one report,
// undo, and the data-quality summary. The upload route calls the same importFile as the CLI.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  PipelineError,
  activeImports,
  getBatch,
  importFile,
  listBatches,
  undoImport,
  type ImportReport,
} from '../../pipelines/import.ts';
import { dataQuality } from '../../pipelines/quality.ts';
import { audit } from '../auth/audit.ts';
import { CAN } from '../auth/roles.ts';
import { ErrorBody, SIGNED_IN, authErrors } from '../auth/schemas.ts';
import { AppError, badRequest, notFound } from '../errors.ts';
import { IMPORT_FIELDS, PREVIEW_FIELDS, importFields, previewFields } from './import-fields.ts';
import { previewUpload } from './import-preview.ts';
import { ActiveImport, BatchRow, BatchWithReport, DataQuality, ImportReport as ReportSchema, Preview, UndoAnswer } from './import-schemas.ts';
import { receiveUpload } from './upload.ts';

const FILE_FIELD = 'file';
const BatchParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }) }, { additionalProperties: false });
const uploadErrors = { ...authErrors, 413: ErrorBody, 415: ErrorBody, 422: ErrorBody };

/** The pipelines' own errors carry status and code already; keep their details (e.g. blockedBy). */
function asAppError(err: unknown): unknown {
  return err instanceof PipelineError ? new AppError(err.statusCode, err.code, err.message, err.details) : err;
}

const missingFile = () => badRequest(`The field "${FILE_FIELD}" is missing: attach the CSV or Excel file to import.`);

const AUDIT_ACTION: Record<ImportReport['status'], string> = {
  committed: 'import_committed',
  refused: 'import_refused',
  'no-op': 'import_no_op',
  'dry-run': 'import_dry_run',
};

function auditImport(app: FastifyInstance, request: FastifyRequest, report: ImportReport): Promise<void> {
  const { batchId, dataset, mode, file, sha256, rowsRead, rowsLoaded, rowsRejected, rowsReplaced } = report;
  return audit(app.db, {
    username: request.user!.username,
    action: AUDIT_ACTION[report.status],
    detail: { batchId, dataset, mode, file, sha256, rowsRead, rowsLoaded, rowsRejected, rowsReplaced, ...(report.status === 'refused' ? { message: report.message } : {}) },
    ip: request.ip,
  });
}

export default async function importRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const canImport = app.requireRole(...CAN.importData);
  const canUndo = app.requireRole(...CAN.undoImport);
  const upload = (request: FastifyRequest, fields: readonly string[]) =>
    receiveUpload(request, { fields, fileField: FILE_FIELD, maxBytes: app.config.uploadMaxBytes });

  r.post(
    '/api/imports/preview',
    {
      preHandler: canImport,
      schema: {
        tags: ['imports'],
        summary: 'What the importer sees in a file: kind, encoding, sheets, header row, the first 50 rows and the proposed mapping',
        description:
          'multipart/form-data: `file` (CSV, XLSX or XLS), optional `dataset`, `sheet`, `headerRow` (1-based) and `encoding` (auto, utf-8, gb18030, …). Nothing is stored.',
        consumes: ['multipart/form-data'],
        security: SIGNED_IN,
        response: { 200: Preview, ...uploadErrors },
      },
    },
    async (request) => {
      const received = await upload(request, PREVIEW_FIELDS);
      try {
        if (!received.file) throw missingFile();
        return await previewUpload(app.db, received.file, previewFields(received.fields), received.dir);
      } finally {
        await received.remove();
      }
    },
  );

  r.post(
    '/api/imports',
    {
      preHandler: canImport,
      schema: {
        tags: ['imports'],
        summary: 'Import a file (or with ?dryRun=1 only validate it) and answer the import report',
        description:
          'multipart/form-data: `dataset`, `mode` (append, replace-period, upsert), `file`, optional `mapping` (JSON: canonical column → header, or {"value": …}), ' +
          '`sheet`, `headerRow`, `encoding`, `maxErrorRate` (default 0.05). 200 for committed, no-op and dry-run; a refused file is a 422 with the report in error.details.',
        consumes: ['multipart/form-data'],
        security: SIGNED_IN,
        querystring: Type.Object(
          { dryRun: Type.Optional(Type.Union([Type.Literal('1'), Type.Literal('0'), Type.Literal('true'), Type.Literal('false')])) },
          { additionalProperties: false },
        ),
        response: { 200: ReportSchema, ...uploadErrors },
      },
    },
    async (request) => {
      const dryRun = request.query.dryRun === '1' || request.query.dryRun === 'true';
      const received = await upload(request, IMPORT_FIELDS);
      try {
        if (!received.file) throw missingFile();
        const fields = importFields(received.fields);
        const report = await importFile(app.db, {
          ...fields,
          file: received.file.path,
          displayName: received.file.displayName,
          dryRun,
          user: request.user!.username,
        }).catch((err: unknown) => {
          throw asAppError(err);
        });
        if (!dryRun) await auditImport(app, request, report);
        if (report.status === 'refused') throw new AppError(422, 'import_refused', report.message, report);
        return report;
      } finally {
        await received.remove();
      }
    },
  );

  r.get(
    '/api/imports/active',
    {
      preHandler: canImport,
      schema: {
        tags: ['imports'],
        summary: 'Imports running now, with their phase and rows processed (for progress bars)',
        security: SIGNED_IN,
        response: { 200: Type.Object({ rows: Type.Array(ActiveImport) }), ...authErrors },
      },
    },
    async () => ({
      rows: activeImports().map((a) => ({
        batchId: a.batchId,
        dataset: a.dataset,
        mode: a.mode,
        fileName: a.file,
        user: a.user,
        phase: a.phase,
        rowsProcessed: a.rows,
        startedAt: a.startedAt,
      })),
    }),
  );

  r.get(
    '/api/imports',
    {
      preHandler: canImport,
      schema: {
        tags: ['imports'],
        summary: 'Import history, newest first: who, when, file, dataset, mode, status and counts',
        security: SIGNED_IN,
        querystring: Type.Object(
          {
            limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
            offset: Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ limit: Type.Integer(), offset: Type.Integer(), hasMore: Type.Boolean(), rows: Type.Array(BatchRow) }),
          ...authErrors,
        },
      },
    },
    async (request) => {
      const { limit, offset } = request.query;
      // One row more than asked says whether another page exists.
      const found = await app.db.read((conn) => listBatches(conn, { limit: limit + 1, offset }));
      return { limit, offset, hasMore: found.length > limit, rows: found.slice(0, limit) };
    },
  );

  r.get(
    '/api/imports/:id',
    {
      preHandler: canImport,
      schema: {
        tags: ['imports'],
        summary: 'One import: its history entry and full report',
        security: SIGNED_IN,
        params: BatchParams,
        response: { 200: BatchWithReport, ...authErrors, 404: ErrorBody },
      },
    },
    async (request) => {
      const batch = await app.db.read((conn) => getBatch(conn, request.params.id));
      if (!batch) throw notFound(`There is no import ${request.params.id}.`);
      return batch;
    },
  );

  r.delete(
    '/api/imports/:id',
    {
      preHandler: canUndo,
      schema: {
        tags: ['imports'],
        summary: 'Undo an import: its rows go and the rows it replaced come back; refused (409, naming it) when a later import changed the same rows',
        security: SIGNED_IN,
        params: BatchParams,
        response: { 200: UndoAnswer, ...authErrors, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request) => {
      const username = request.user!.username;
      const id = request.params.id;
      try {
        const result = await undoImport(app.db, id, username);
        await audit(app.db, { username, action: 'import_undone', detail: { ...result }, ip: request.ip });
        return { undone: true as const, batchId: result.batchId, dataset: result.dataset, restored: result.rowsRestored, removed: result.rowsRemoved };
      } catch (err) {
        if (err instanceof PipelineError && err.statusCode === 409) {
          await audit(app.db, { username, action: 'import_undo_refused', detail: { batchId: id, message: err.message }, ip: request.ip });
        }
        throw asAppError(err);
      }
    },
  );

  r.get(
    '/api/data-quality',
    {
      preHandler: canImport,
      schema: {
        tags: ['imports'],
        summary: 'Unknown ids, months without data, reps without targets, targets without reps, likely duplicate customers',
        security: SIGNED_IN,
        response: { 200: DataQuality, ...authErrors },
      },
    },
    async () => dataQuality(app.db),
  );
}
