// Export routes: the review pack (PDF, XLSX, or a ZIP of one PDF per rep) and any dashboard table
// as CSV or XLSX, within the caller's scope, each export recorded in the audit log. Thin: validate,
// check access, resolve filters (kpiContext), build the file, stream it.
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { audit } from '../auth/audit.ts';
import { CAN } from '../auth/roles.ts';
import { ErrorBody, SIGNED_IN, authErrors } from '../auth/schemas.ts';
import { kpiContext } from '../queries/context.ts';
import { filterQuerySchema } from '../queries/filters.ts';
import { assertMayExportPack, assertPackSubjects } from '../reports/access.ts';
import { writeCsv } from '../reports/csv.ts';
import { TABLE_NAMES, checkTableParams, exportTable, type TableParams } from '../reports/export-tables.ts';
import { CONTENT_TYPES, attachment, buildPack, safeFileName } from '../reports/pack.ts';
import { routeSource } from '../reports/source.ts';
import { writeWorkbook } from '../reports/xlsx-writer.ts';

const PackQuery = filterQuerySchema({
  format: Type.Optional(Type.Union([Type.Literal('pdf'), Type.Literal('xlsx'), Type.Literal('zip')], { description: 'default pdf; zip = one PDF per rep' })),
});

const TableQuery = filterQuerySchema({
  format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('xlsx')], { description: 'default csv (UTF-8 with BOM)' })),
  by: Type.Optional(Type.Union([Type.Literal('rep'), Type.Literal('team'), Type.Literal('region')], { description: 'attainment: grouping (default rep)' })),
  metric: Type.Optional(Type.String({ minLength: 1, maxLength: 40, description: 'attainment: revenue|orders|new_customers|visits; rankings: revenue|attainment|growth|new_customers|visits|conversion|score' })),
  basis: Type.Optional(Type.Union([Type.Literal('logo'), Type.Literal('revenue')], { description: 'retention: default logo' })),
  months: Type.Optional(Type.Integer({ minimum: 1, maximum: 60, description: 'trend: months up to the as-of month (default 24)' })),
  search: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'customers: part of the name or id' })),
  tier: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: 'customers: key or standard' })),
});

const TableParamsSchema = Type.Object({ name: Type.Union(TABLE_NAMES.map((n) => Type.Literal(n))) }, { additionalProperties: false });

const file = (types: string[], description: string) => ({
  description,
  content: Object.fromEntries(types.map((t) => [t, { schema: Type.String({ format: 'binary' }) }])),
});

export default async function exportRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const common = { tags: ['exports'], security: SIGNED_IN };

  r.get(
    '/api/exports/review-pack',
    {
      preHandler: app.authenticate,
      schema: {
        ...common,
        summary: 'The review pack for the period and scope (whole department, team=T or rep=ID); reps may export only their own (rep=<own id>)',
        querystring: PackQuery,
        response: {
          200: file([CONTENT_TYPES.pdf, CONTENT_TYPES.xlsx, CONTENT_TYPES.zip], 'the pack file (Content-Disposition names it)'),
          ...authErrors,
          404: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const { format = 'pdf', ...query } = request.query;
      const user = request.user!;
      assertMayExportPack(user, query);
      const ctx = await kpiContext(app, request, query);
      await assertPackSubjects(app.db, ctx.scope, ctx.filters.dims);
      const by = user.displayName && user.displayName !== user.username ? `${user.displayName} (${user.username})` : user.username;
      const pack = await buildPack(routeSource(app.db, ctx), format, { generatedBy: by });
      await audit(app.db, {
        username: user.username,
        action: 'export.review_pack',
        detail: { format, lang: ctx.filters.lang, period: ctx.filters.current.label, filters: ctx.filters.dims, reps: pack.reps, file: pack.fileName },
        ip: request.ip,
      });
      reply.header('content-disposition', attachment(pack.fileName)).type(pack.contentType);
      // A stream bypasses the serializer; the typed reply only knows the schema's string body.
      return reply.send(pack.stream as unknown as string);
    },
  );

  r.get(
    '/api/exports/table/:name',
    {
      preHandler: app.requireRole(...CAN.exportData),
      schema: {
        ...common,
        summary: 'A dashboard table as CSV (UTF-8 with BOM) or XLSX, with the same filters and scope as its KPI route',
        params: TableParamsSchema,
        querystring: TableQuery,
        response: { 200: file([CONTENT_TYPES.csv, CONTENT_TYPES.xlsx], 'the table file'), ...authErrors },
      },
    },
    async (request, reply) => {
      const { name } = request.params;
      const { format = 'csv', by, metric, basis, months, search, tier, ...query } = request.query;
      const params: TableParams = Object.fromEntries(
        Object.entries({ by, metric, basis, months, search, tier }).filter(([, v]) => v !== undefined),
      ) as TableParams;
      checkTableParams(name, params);
      const ctx = await kpiContext(app, request, query);
      const table = await exportTable(routeSource(app.db, ctx), name, params);
      const user = request.user!;
      await audit(app.db, {
        username: user.username,
        action: 'export.table',
        detail: { table: name, format, params, period: ctx.filters.current.label, filters: ctx.filters.dims },
        ip: request.ip,
      });
      const out = new PassThrough();
      const written = format === 'csv' ? writeCsv(table, out) : writeWorkbook(out, [table], ctx.settings.reportingCurrency, user.username);
      written.catch((err: unknown) => {
        request.log.error({ err }, 'table export failed while streaming');
        out.destroy(err instanceof Error ? err : new Error(String(err)));
      });
      const fileName = safeFileName(`${name}_${ctx.filters.current.label}.${format}`);
      reply.header('content-disposition', attachment(fileName)).type(format === 'csv' ? CONTENT_TYPES.csv : CONTENT_TYPES.xlsx);
      return reply.send(out as unknown as string);
    },
  );
}
