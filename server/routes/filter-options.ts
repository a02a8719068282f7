// GET /api/filters/options: what the filter bar's team, region, category and channel lists offer
// (reps come from /api/reps). Thin: scope, cache, query.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { SIGNED_IN, authErrors } from '../auth/schemas.ts';
import { kpiContext } from '../queries/context.ts';
import { filterOptions } from '../queries/filter-options.ts';

const Values = Type.Array(Type.String());

const FilterOptionsSchema = Type.Object({
  teams: Values,
  regions: Values,
  categories: Values,
  channels: Values,
});

export default async function filterOptionRoutes(app: FastifyInstance) {
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/api/filters/options',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['kpi'],
        summary: "Teams, regions, product categories and channels found in the caller's facts, for the filter bar",
        security: SIGNED_IN,
        querystring: Type.Object({}, { additionalProperties: false }),
        response: { 200: FilterOptionsSchema, ...authErrors },
      },
    },
    async (request) => {
      const ctx = await kpiContext(app, request, {});
      return ctx.cached('filters.options', null, () => app.db.read((conn) => filterOptions(conn, ctx.scope)));
    },
  );
}
