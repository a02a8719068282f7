// Builds the Fastify app. main.ts starts it; tests build the very same app and call inject().
// Layers: external plugins, then app plugins (database, auth, scope), then routes, then the web build.
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import helmet from '@fastify/helmet';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { AppError } from './errors.ts';
import errorHandler from './plugins/error-handler.ts';
import database from './plugins/database.ts';
import web from './plugins/web.ts';
import healthRoutes from './routes/health.ts';
import auth from './auth/plugin.ts';
import authRoutes from './routes/auth.ts';
import userRoutes from './routes/users.ts';
import tokenRoutes from './routes/tokens.ts';
import auditRoutes from './routes/audit.ts';
import kpiRoutes from './routes/kpi.ts';
import retentionRoutes from './routes/retention.ts';
import visitRoutes from './routes/visits.ts';
import repRoutes from './routes/reps.ts';
import customerRoutes from './routes/customers.ts';
import orderRoutes from './routes/orders.ts';
import settingsRoutes from './routes/settings.ts';
import definitionRoutes from './routes/definitions.ts';
import filterOptionRoutes from './routes/filter-options.ts';
import importRoutes from './routes/imports.ts';
import adminDemoRoutes from './routes/admin-demo.ts';
import backupRoutes from './routes/backup.ts';
import exportRoutes from './routes/exports.ts';
import { refreshPrecomputedOn } from '../pipelines/load/hooks.ts';
import { refreshRollups } from './queries/rollups.ts';
import { refreshCustomerStats } from './queries/purchase-stats.ts';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
  }
}

/** Longest query string accepted (414 above it). */
export const MAX_QUERY_BYTES = 8 * 1024;

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
    // Path parameters longer than this match no route (the query string has its own cap below).
    routerOptions: { maxParamLength: 200 },
    bodyLimit: 1024 * 1024,
    // Only behind a proxy that sets X-Forwarded-*: then the session cookie is Secure when the user
    // came over HTTPS, and rate limits count the user's address rather than the proxy's.
    trustProxy: opts.config.trustProxy,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('config', opts.config);

  // External plugins.
  await app.register(errorHandler);
  // Over-long query strings are refused before anything else runs (a large team's filters stay far below this).
  app.addHook('onRequest', async (request) => {
    const q = request.url.indexOf('?');
    if (q >= 0 && request.url.length - q - 1 > MAX_QUERY_BYTES) {
      throw new AppError(414, 'query_too_long', `The query string is longer than ${MAX_QUERY_BYTES / 1024} KB; use fewer or shorter filters.`);
    }
  });
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
  // Uploads stream to disk; fileSize must be set (the default silently cuts files at 1 MiB) and
  // routes check file.truncated. Fields are a handful of short options plus a mapping JSON.
  await app.register(multipart, {
    limits: { fileSize: opts.config.uploadMaxBytes, files: 1, fields: 20, fieldSize: 256 * 1024, fieldNameSize: 100, parts: 30, headerPairs: 100 },
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Attain API', version: '1', description: 'Sales targets, attainment, rankings, retention, visits and evaluation.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, session: { type: 'apiKey', in: 'cookie', name: 'attain_session' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  // App plugins.
  await app.register(database, { db: opts.db, closeOnShutdown: opts.closeDb ?? false });
  // Imports, undo and demo removal refresh the precomputed tables inside their own transaction.
  refreshPrecomputedOn([refreshRollups, refreshCustomerStats]);
  await app.register(auth);

  // Routes.
  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(userRoutes);
  await app.register(tokenRoutes);
  await app.register(auditRoutes);
  await app.register(kpiRoutes);
  await app.register(retentionRoutes);
  await app.register(visitRoutes);
  await app.register(repRoutes);
  await app.register(customerRoutes);
  await app.register(orderRoutes);
  await app.register(settingsRoutes);
  await app.register(definitionRoutes);
  await app.register(filterOptionRoutes);
  await app.register(importRoutes);
  await app.register(adminDemoRoutes);
  await app.register(backupRoutes);
  await app.register(exportRoutes);
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  // The web build last, so /api routes win.
  await app.register(web, { root: opts.config.webRoot });
  return app;
}
