// SvelteKit lives in web/; the build is static (adapter-static) and served by the Fastify server.
import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ pages: 'build/web', assets: 'build/web', fallback: '200.html', strict: false }),
    files: {
      routes: 'web/routes',
      lib: 'web/lib',
      appTemplate: 'web/app.html',
      assets: 'web/static',
      hooks: { client: 'web/hooks.client', server: 'web/hooks.server', universal: 'web/hooks' },
      params: 'web/params',
    },
    // Hash-based CSP so the inline bootstrap script satisfies the server's strict policy.
    csp: { mode: 'hash', directives: { 'script-src': ['self'] } },
  },
};

export default config;
