// GET /api/audit (admin): the audit log, newest first, paged, optionally by action or username.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { listAudit } from '../auth/audit.ts';
import { SIGNED_IN, authErrors } from '../auth/schemas.ts';

export default async function auditRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/audit',
    {
      preHandler: app.requireRole('admin'),
      schema: {
        tags: ['audit'],
        summary: 'The audit log (admin): sign-ins, account, token, import, export and settings changes, newest first',
        security: SIGNED_IN,
        querystring: Type.Object(
          {
            limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
            offset: Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 }),
            action: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
            username: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            total: Type.Integer(),
            limit: Type.Integer(),
            offset: Type.Integer(),
            rows: Type.Array(
              Type.Object({
                loggedAt: Type.String(),
                username: Type.Union([Type.String(), Type.Null()]),
                action: Type.String(),
                detail: Type.Unknown(),
                ip: Type.Union([Type.String(), Type.Null()]),
              }),
            ),
          }),
          ...authErrors,
        },
      },
    },
    async (request) => {
      const { limit, offset, action, username } = request.query;
      const found = await listAudit(app.db, { limit, offset, action, username });
      return { total: found.total, limit, offset, rows: found.rows };
    },
  );
}
