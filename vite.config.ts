// Vite builds the web front end; Vitest runs two projects: node (unit, pipeline, API) and browser.
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [sveltekit()],
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
  // Bundle SvelteKit's own cookie 0.6 into its build-time server: the hoisted cookie 2.x (from
  // @fastify/cookie) lacks the parse/serialize exports kit imports.
  ssr: { noExternal: ['cookie'] },
  test: {
    env: { TZ: 'UTC' },
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['server/**/*.test.ts', 'pipelines/**/*.test.ts', 'sample-data/**/*.test.ts', 'web/lib/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['test/browser/**', 'node_modules/**'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
