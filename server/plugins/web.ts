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
    const withShellScripts = allowShellScripts(page.toString('utf8'));
    app.get('/*', { schema: { hide: true } }, async (request, reply) => {
      const url = request.url.split('?')[0]!;
      if (url.startsWith('/api/')) {
        return reply.status(404).send({ error: { code: 'not_found', message: `No route ${request.method} ${url}.` } });
      }
      const file = path.join(opts.root, path.normalize(url));
      if (file.startsWith(opts.root + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile()) {
        return reply.sendFile(path.relative(opts.root, file));
      }
      const policy = reply.getHeader('content-security-policy');
      if (typeof policy === 'string') reply.header('content-security-policy', withShellScripts(policy));
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(page);
    });
  },
  { name: 'web' },
);

/**
 * SvelteKit's shell boots from one inline script, allowed by the hash it writes into the page's
 * CSP meta tag (csp mode 'hash' in svelte.config.js). A browser enforces every policy it gets, so
 * the header's script-src must list the same hashes or the page never starts.
 */
export function allowShellScripts(html: string): (policy: string) => string {
  const meta = /<meta http-equiv="content-security-policy" content="([^"]*)"/i.exec(html)?.[1] ?? '';
  const scriptSrc = /(?:^|;)\s*script-src\s([^;]*)/.exec(meta)?.[1] ?? '';
  const hashes = scriptSrc.match(/'sha(?:256|384|512)-[A-Za-z0-9+/=]+'/g) ?? [];
  if (hashes.length === 0) return (policy) => policy;
  return (policy) => policy.replace(/(^|;)(\s*script-src\s)([^;]*)/, (_m, start: string, name: string, sources: string) => `${start}${name}${sources.trim()} ${hashes.join(' ')}`);
}
