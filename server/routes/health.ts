// GET /api/health: liveness, the data version and whether demo data is loaded (no login needed).
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { isDemoData } from '../auth/demo.ts';

export default async function healthRoutes(app: FastifyInstance) {
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Liveness, the current data version and whether demo data is loaded',
        response: {
          200: Type.Object({
            status: Type.Literal('ok'),
            dataVersion: Type.Integer(),
            demo: Type.Boolean({ description: 'demo data is loaded (the UI shows a banner; an admin can remove it)' }),
          }),
        },
      },
    },
    async () => ({ status: 'ok' as const, dataVersion: app.db.dataVersion, demo: await app.db.read(isDemoData) }),
  );
}
