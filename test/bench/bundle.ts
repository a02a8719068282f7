// The JavaScript the first page needs, read from the build: the modules build/web/200.html
// preloads and imports, the root layout and the "/" page node with the chunks the app entry lists
// for them, and every module those import, statically or through import() (the chart wrapper
// loads ECharts that way, and the first page draws a chart); sized gzipped, as a server sends them.
// Only the app entry's own import() calls are not followed: they are the other pages.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

export interface FirstPageJs {
  files: string[];
  rawBytes: number;
  gzipBytes: number;
}

const STATIC_IMPORT = /(?:\bimport|\bexport)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["'`](\.{1,2}\/[^"'`]+?\.js)["'`]/g;
const DYNAMIC_IMPORT = /\bimport\(\s*["'`](\.{1,2}\/[^"'`]+?\.js)["'`]\s*\)/g;
const APP_ENTRY = /[\\/]entry[\\/]app\.[^\\/]+\.js$/;

/** Site-absolute or relative module URLs in the shell page: modulepreload links and import() calls. */
export function shellModules(html: string): string[] {
  const found = new Set<string>();
  for (const m of html.matchAll(/<link\b[^>]*>/g)) {
    const tag = m[0];
    if (!/rel=["']?modulepreload/.test(tag)) continue;
    const href = /href=["']([^"']+)["']/.exec(tag)?.[1];
    if (href) found.add(href);
  }
  for (const m of html.matchAll(/import\(\s*["'`]([^"'`]+\.js)["'`]\s*\)/g)) found.add(m[1]!);
  return [...found];
}

/**
 * The node modules (root layout first) and their listed dependencies for a route, from SvelteKit's
 * client app entry: `nodes` as `import("../nodes/N.x.js")` with `__vite__mapDeps([...])` indexes
 * into the mapDeps file list, and `dictionary` mapping "/" to its page node.
 */
export function routeModules(appJs: string, route = '/'): string[] {
  const depList = /m\.f\|\|\(m\.f=\[([^\]]*)\]/.exec(appJs)?.[1];
  const depFiles = depList ? [...depList.matchAll(/"([^"]+)"/g)].map((m) => m[1]!) : [];
  const nodes = [...appJs.matchAll(/import\(`([^`]*\/nodes\/[^`]+\.js)`\)(?:\s*,\s*__vite__mapDeps\(\[([\d,\s]*)\]\))?/g)].map((m) => ({
    file: m[1]!,
    deps: (m[2] ?? '')
      .split(',')
      .filter((s) => s.trim() !== '')
      .map((i) => depFiles[Number(i)])
      .filter((f): f is string => f !== undefined && f.endsWith('.js')),
  }));
  const escaped = route.replace(/[/\\^$.*+?()[\]{}|]/g, '\\$&');
  const entry = new RegExp(`["']${escaped}["']\\s*:\\s*\\[([-\\d,\\s]*)\\]`).exec(appJs)?.[1];
  const pageNodes = (entry ?? '')
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isInteger(n) && n >= 0);
  const wanted = [0, ...pageNodes];
  return wanted.flatMap((i) => (nodes[i] ? [nodes[i].file, ...nodes[i].deps] : []));
}

/** Every module reachable through import/export-from statements and import() (not the app entry's), from `start` (absolute paths). */
export function moduleClosure(start: string[]): string[] {
  const seen = new Set<string>();
  const queue = [...start];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file) || !fs.existsSync(file)) continue;
    seen.add(file);
    const code = fs.readFileSync(file, 'utf8');
    for (const m of code.matchAll(STATIC_IMPORT)) queue.push(path.resolve(path.dirname(file), m[1]!));
    if (!APP_ENTRY.test(file)) for (const m of code.matchAll(DYNAMIC_IMPORT)) queue.push(path.resolve(path.dirname(file), m[1]!));
  }
  return [...seen].sort();
}

export function firstPageJs(webRoot: string): FirstPageJs {
  const shell = fs.readFileSync(path.join(webRoot, '200.html'), 'utf8');
  const fromShell = shellModules(shell).map((u) => path.join(webRoot, u.replace(/^\//, '')));
  const app = fromShell.find((f) => APP_ENTRY.test(f));
  const fromRoute = app && fs.existsSync(app) ? routeModules(fs.readFileSync(app, 'utf8')).map((rel) => path.resolve(path.dirname(app), rel)) : [];
  const files = moduleClosure([...fromShell, ...fromRoute]);
  let rawBytes = 0;
  let gzipBytes = 0;
  for (const f of files) {
    const body = fs.readFileSync(f);
    rawBytes += body.length;
    gzipBytes += zlib.gzipSync(body).length;
  }
  return { files: files.map((f) => path.relative(webRoot, f)), rawBytes, gzipBytes };
}
