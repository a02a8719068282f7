// GET /api/metrics/definitions: the "how is this computed?" text of every metric in one language,
// from docs/metrics.md (server/queries/definitions.ts), so UI, API and docs say the same.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { SIGNED_IN, authErrors } from '../auth/schemas.ts';
import { metricDefinitions } from '../queries/definitions.ts';
import { DefinitionsSchema } from './kpi-schemas.ts';

export default async function definitionRoutes(app: FastifyInstance) {
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/api/metrics/definitions',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['kpi'],
        summary: 'How each metric is computed, in Chinese or English',
        security: SIGNED_IN,
        querystring: Type.Object({ lang: Type.Optional(Type.Union([Type.Literal('zh'), Type.Literal('en')])) }, { additionalProperties: false }),
        response: { 200: DefinitionsSchema, ...authErrors },
      },
    },
    async (request) => {
      const lang = request.query.lang ?? 'zh';
      return {
        lang,
        metrics: metricDefinitions().map((d) => ({ id: d.id, name: d.name[lang], definition: d.definition[lang], computedIn: d.computedIn })),
      };
    },
  );
}
