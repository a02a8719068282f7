// DELETE /api/admin/demo (admin): removes the demo data (facts, import batches) and the demo
// accounts in one action, before real exports are loaded.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { isDemoLoaded, removeDemoData } from '../../pipelines/demo.ts';
import { audit } from '../auth/audit.ts';
import { deleteDemoAccountsWith } from '../auth/demo.ts';
import { CAN } from '../auth/roles.ts';
import { ErrorBody, SIGNED_IN, authErrors } from '../auth/schemas.ts';
import { conflict } from '../errors.ts';

export default async function adminDemoRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.delete(
    '/api/admin/demo',
    {
      preHandler: app.requireRole(...CAN.administer),
      schema: {
        tags: ['admin'],
        summary: 'Remove the demo data: its facts, import batches and demo accounts (admin)',
        security: SIGNED_IN,
        response: {
          200: Type.Object({
            removed: Type.Literal(true),
            batches: Type.Integer({ description: 'demo import batches removed' }),
            rows: Type.Integer({ description: 'demo fact rows removed' }),
            accounts: Type.Integer({ description: 'demo accounts removed, with their sessions and tokens' }),
          }),
          ...authErrors,
          409: ErrorBody,
        },
      },
    },
    async (request) => {
      if (!(await isDemoLoaded(app.db))) throw conflict('There is no demo data to remove.');
      // Facts and accounts in one transaction: both go, or neither does.
      let accounts = 0;
      const data = await removeDemoData(app.db, async (conn) => {
        accounts = await deleteDemoAccountsWith(conn);
      });
      await audit(app.db, { username: request.user!.username, action: 'demo_removed', detail: { ...data, accounts }, ip: request.ip });
      return { removed: true as const, batches: data.batches, rows: data.rows, accounts };
    },
  );
}
