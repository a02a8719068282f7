// Visit routes: per-rep visits by type, conversion and key-account coverage with the uncovered key
// accounts, and weekly activity by rep. Thin: validate, resolve scope and filters, query.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { SIGNED_IN, authErrors } from '../auth/schemas.ts';
import { backgroundIdle, kpiContext } from '../queries/context.ts';
import { FilterQuerySchema, filterQuerySchema } from '../queries/filters.ts';
import { visitsReport, visitsWeekly } from '../queries/visits.ts';
import { PeriodSchema } from './kpi-schemas.ts';
import { IsoDate, Nullable } from './retention.ts';

const Count = Type.Integer({ minimum: 0 });

/** The page shows a few uncovered key accounts and pages through the rest: a company can have thousands. */
const UNCOVERED_PAGE = 100;

const VisitsQuery = filterQuerySchema({
  uncoveredOffset: Type.Optional(Type.Integer({ minimum: 0, description: 'first uncovered key account to list (default 0)' })),
  uncoveredLimit: Type.Optional(
    Type.Integer({ minimum: 0, maximum: 5000, description: `how many uncovered key accounts to list (default ${UNCOVERED_PAGE})` }),
  ),
});

const VisitsSchema = Type.Object({
  asOf: IsoDate,
  period: PeriodSchema,
  rows: Type.Array(
    Type.Object({
      repId: Type.String(),
      name: Type.String(),
      visits: Count,
      byType: Type.Object({ visit: Count, call: Count, meeting: Count, demo: Count, other: Count }),
      conversion: Nullable(Type.Number(), 'share of the visits whose 30-day window has closed that were followed by a purchase'),
      keyAccounts: Count,
      keyAccountsCovered: Count,
      coverage: Nullable(Type.Number(), 'keyAccountsCovered / keyAccounts; null without key accounts'),
    }),
  ),
  uncovered: Type.Array(
    Type.Object({ customerId: Type.String(), name: Type.String(), ownerRepId: Type.String(), lastVisit: Nullable(IsoDate) }),
    { description: 'key accounts without a visit in the 30 days to the reference day, in owner and customer order: the page uncoveredOffset … + uncoveredLimit' },
  ),
  uncoveredTotal: Type.Integer({ minimum: 0, description: 'all key accounts without a visit in the 30 days to the reference day' }),
});

const WeeklySchema = Type.Object({
  asOf: IsoDate,
  period: PeriodSchema,
  rows: Type.Array(Type.Object({ week: Type.String({ description: 'ISO week, YYYY-Www' }), repId: Type.String(), visits: Count })),
});

export default async function visitRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  // Shared figures computed in the background must finish before the database closes.
  app.addHook('onClose', async () => {
    await backgroundIdle(app.db);
  });
  const common = { tags: ['kpi'], security: SIGNED_IN };

  r.get(
    '/api/kpi/visits',
    {
      preHandler: app.authenticate,
      schema: {
        ...common,
        summary: 'Visits by rep and type, visit conversion and key-account coverage, with the uncovered key accounts',
        querystring: VisitsQuery,
        response: { 200: VisitsSchema, ...authErrors },
      },
    },
    async (request, reply) => {
      const { uncoveredOffset = 0, uncoveredLimit = UNCOVERED_PAGE, ...query } = request.query;
      const ctx = await kpiContext(app, request, query);
      const book = await ctx.targets('visits');
      const uncovered = { offset: uncoveredOffset, limit: uncoveredLimit };
      return ctx.send(reply, 'kpi.visits', [uncoveredOffset, uncoveredLimit], () =>
        app.db.read((conn) => visitsReport(conn, ctx.filters, ctx.scope, book, { uncovered, keyAccounts: ctx.keyAccounts })),
      );
    },
  );

  r.get(
    '/api/kpi/visits/weekly',
    {
      preHandler: app.authenticate,
      schema: {
        ...common,
        summary: 'Visits per ISO week and rep over the period',
        querystring: FilterQuerySchema,
        response: { 200: WeeklySchema, ...authErrors },
      },
    },
    async (request, reply) => {
      const ctx = await kpiContext(app, request, request.query);
      return ctx.send(reply, 'kpi.visits.weekly', null, () => app.db.read((conn) => visitsWeekly(conn, ctx.filters, ctx.scope)));
    },
  );
}
