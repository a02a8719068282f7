// Serves the static SvelteKit build, falling back to its SPA shell for client-side routes.
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';

export default fp(
  async function web(app: FastifyInstance, opts: { root: string }) {
    const shell = path.join(opts.root, '200.html');
    if (!fs.existsSync(shell)) {
      app.log.warn(`No web build at ${opts.root}; run "npm run build". The API still answers.`);
      return;
    }
    await app.register(fastifyStatic, { root: opts.root, wildcard: false, index: false });
    const page = fs.readFileSync(shell);
    app.get('/*', { schema: { hide: true } }, async (request, reply) => {
      const url = request.url.split('?')[0]!;
      if (url.startsWith('/api/')) {
        return reply.status(404).send({ error: { code: 'not_found', message: `No route ${request.method} ${url}.` } });
      }
      const file = path.join(opts.root, path.normalize(url));
      if (file.startsWith(opts.root + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile()) {
        return reply.sendFile(path.relative(opts.root, file));
      }
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(page);
    });
  },
  { name: 'web' },
);
