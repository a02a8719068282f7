// Makes the opened database available as app.db and closes it when the app closes.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Database } from '../db/database.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
  }
}

export default fp(
  async function database(app: FastifyInstance, opts: { db: Database; closeOnShutdown: boolean }) {
    app.decorate('db', opts.db);
    if (opts.closeOnShutdown) app.addHook('onClose', async () => opts.db.close());
  },
  { name: 'database' },
);
