// GET /api/health: liveness and the data version (no login needed).
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';

export default async function healthRoutes(app: FastifyInstance) {
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Liveness and the current data version',
        response: { 200: Type.Object({ status: Type.Literal('ok'), dataVersion: Type.Integer() }) },
      },
    },
    async () => ({ status: 'ok' as const, dataVersion: app.db.dataVersion }),
  );
}
