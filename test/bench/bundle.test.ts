// The first page's JavaScript from a hand-made build folder: which modules count, sized by hand.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstPageJs, routeModules, shellModules } from './bundle.ts';

let root: string;

const files: Record<string, string> = {
  '200.html': `<html><head>
    <link href="/_app/immutable/entry/start.S.js" rel="modulepreload">
    <link href="/_app/immutable/chunks/shared.js" rel="modulepreload">
    <link href="/_app/immutable/assets/0.css" rel="stylesheet">
    </head><body><script>Promise.all([import("/_app/immutable/entry/start.S.js"), import("/_app/immutable/entry/app.A.js")])</script></body></html>`,
  '_app/immutable/entry/start.S.js': `import{a as b}from"../chunks/shared.js";export{b as start};`,
  '_app/immutable/entry/app.A.js':
    'const __vite__mapDeps=(i,m=__vite__mapDeps,d=(m.f||(m.f=["../nodes/0.L.js","../chunks/layout-dep.js","../assets/x.css","../nodes/2.P.js","../chunks/page-dep.js","../nodes/3.O.js","../chunks/other-dep.js"])))=>i.map(i=>d[i]);' +
    'import"../chunks/shared.js";' +
    'const j=[()=>T(()=>import(`../nodes/0.L.js`),__vite__mapDeps([0,1,2]),import.meta.url),()=>T(()=>import(`../nodes/1.E.js`),[],import.meta.url),' +
    '()=>T(()=>import(`../nodes/2.P.js`),__vite__mapDeps([3,4]),import.meta.url),()=>T(()=>import(`../nodes/3.O.js`),__vite__mapDeps([5,6]),import.meta.url)],' +
    'N={"/":[2],"/other":[3]};export{N as dictionary,j as nodes};',
  '_app/immutable/chunks/shared.js': 'export const a=1;',
  '_app/immutable/nodes/0.L.js': 'import"../chunks/layout-dep.js";',
  '_app/immutable/chunks/layout-dep.js': 'export const l=1;',
  '_app/immutable/nodes/1.E.js': 'export const e=1;',
  '_app/immutable/nodes/2.P.js': 'import{p}from"../chunks/page-dep.js";export{p};',
  '_app/immutable/chunks/page-dep.js': 'export const p=()=>import(`./lazy-chart.js`);',
  '_app/immutable/chunks/lazy-chart.js': 'export const chart="a large charting library";',
  '_app/immutable/nodes/3.O.js': 'import"../chunks/other-dep.js";',
  '_app/immutable/chunks/other-dep.js': 'export const o=1;',
};

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'attain-bundle-'));
  for (const [rel, body] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), body);
  }
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('first page JavaScript', () => {
  it('reads the shell page\'s preloads and imports, not its stylesheets', () => {
    expect(shellModules(files['200.html']!).sort()).toEqual([
      '/_app/immutable/chunks/shared.js',
      '/_app/immutable/entry/app.A.js',
      '/_app/immutable/entry/start.S.js',
    ]);
  });

  it('takes the root layout and the "/" page with their listed JavaScript dependencies', () => {
    expect(routeModules(files['_app/immutable/entry/app.A.js']!)).toEqual(['../nodes/0.L.js', '../nodes/0.L.js', '../chunks/layout-dep.js', '../nodes/2.P.js', '../nodes/2.P.js', '../chunks/page-dep.js']);
  });

  it('counts the shell, entry, layout and page modules and what they import (lazy chart too), not other pages', () => {
    const result = firstPageJs(root);
    const expected = [
      '_app/immutable/chunks/layout-dep.js',
      '_app/immutable/chunks/lazy-chart.js',
      '_app/immutable/chunks/page-dep.js',
      '_app/immutable/chunks/shared.js',
      '_app/immutable/entry/app.A.js',
      '_app/immutable/entry/start.S.js',
      '_app/immutable/nodes/0.L.js',
      '_app/immutable/nodes/2.P.js',
    ];
    expect(result.files).toEqual(expected);
    expect(result.rawBytes).toBe(expected.reduce((n, f) => n + Buffer.byteLength(files[f]!), 0));
    expect(result.gzipBytes).toBe(expected.reduce((n, f) => n + zlib.gzipSync(Buffer.from(files[f]!)).length, 0));
  });
});
