// Builds the Fastify app. main.ts starts it; tests build the very same app and call inject().
// Layers: external plugins, then app plugins (database, auth, scope), then routes, then the web build.
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import helmet from '@fastify/helmet';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import errorHandler from './plugins/error-handler.ts';
import database from './plugins/database.ts';
import web from './plugins/web.ts';
import healthRoutes from './routes/health.ts';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
  }
}

export interface AppOptions {
  config: Config;
  db: Database;
  /** Close the database with the app (main.ts: yes; tests that share a db: no). */
  closeDb?: boolean;
  logger?: FastifyServerOptions['logger'];
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    // Query strings longer than this are refused outright.
    routerOptions: { maxParamLength: 200 },
    bodyLimit: 1024 * 1024,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('config', opts.config);

  // External plugins.
  await app.register(errorHandler);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      info: { title: 'Attain API', version: '1', description: 'Sales targets, attainment, rankings, retention, visits and evaluation.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, session: { type: 'apiKey', in: 'cookie', name: 'attain_session' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  // App plugins.
  await app.register(database, { db: opts.db, closeOnShutdown: opts.closeDb ?? false });

  // Routes.
  await app.register(healthRoutes);
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  // The web build last, so /api routes win.
  await app.register(web, { root: opts.config.webRoot });
  return app;
}
