import { describe, expect, it } from 'vitest';
import { ResultCache, cacheFor, memoFor } from './cache.ts';

const ALL = { all: true, repIds: [], key: 'all' };
const REP = { all: false, repIds: ['R1'], key: 'reps:1:abc' };

describe('ResultCache', () => {
  it('answers repeated queries from the cache, per scope and data version', async () => {
    const cache = new ResultCache(10);
    let runs = 0;
    const compute = async () => ++runs;
    expect(await cache.get('q', 'p', ALL, 1, compute)).toBe(1);
    expect(await cache.get('q', 'p', ALL, 1, compute)).toBe(1);
    expect(await cache.get('q', 'p', REP, 1, compute)).toBe(2);
    expect(await cache.get('q', 'other', ALL, 1, compute)).toBe(3);
    expect(await cache.get('q', 'p', ALL, 2, compute)).toBe(4);
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 4, entries: 1 });
  });

  it('ready() gives nothing until the computation it starts has finished, then its answer', async () => {
    const cache = new ResultCache(10);
    let runs = 0;
    let finish: (v: number) => void = () => undefined;
    const slow = () => {
      const run = ++runs;
      return new Promise<number>((resolve) => (finish = (v) => resolve(v + run)));
    };
    expect(cache.ready('q', 'p', ALL, 1, slow)).toBeUndefined();
    expect(cache.ready('q', 'p', ALL, 1, slow)).toBeUndefined();
    finish(10);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(cache.ready('q', 'p', ALL, 1, slow)).toBe(11);
    expect(await cache.get('q', 'p', ALL, 1, slow)).toBe(11);
    expect(runs).toBe(1);
    // A new data version starts again.
    expect(cache.ready('q', 'p', ALL, 2, slow)).toBeUndefined();
    expect(runs).toBe(2);
  });

  it('shares one computation between identical requests arriving together', async () => {
    const cache = new ResultCache(10);
    let runs = 0;
    const slow = () => new Promise<number>((resolve) => setTimeout(() => resolve(++runs), 10));
    const [a, b] = await Promise.all([cache.get('q', 'p', ALL, 1, slow), cache.get('q', 'p', ALL, 1, slow)]);
    expect([a, b, runs]).toEqual([1, 1, 1]);
  });

  it('drops the least recently used entry beyond its bound and never keeps failures', async () => {
    const cache = new ResultCache(2);
    let runs = 0;
    const compute = async () => ++runs;
    await cache.get('a', '', ALL, 1, compute);
    await cache.get('b', '', ALL, 1, compute);
    await cache.get('a', '', ALL, 1, compute); // a is now the most recent
    await cache.get('c', '', ALL, 1, compute); // evicts b
    expect(await cache.get('a', '', ALL, 1, compute)).toBe(1);
    expect(await cache.get('b', '', ALL, 1, compute)).toBe(4);
    await expect(cache.get('x', '', ALL, 1, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await cache.get('x', '', ALL, 1, async () => 'ok')).toBe('ok');
  });

  it('computes every time when switched off', async () => {
    const cache = cacheFor({}, false);
    let runs = 0;
    await cache.get('q', 'p', ALL, 1, async () => ++runs);
    await cache.get('q', 'p', ALL, 1, async () => ++runs);
    expect(runs).toBe(2);
  });

  it('keeps memo pools apart, so churn in one cannot evict another', async () => {
    const db = {};
    const books = memoFor(db, 'derived', 2);
    expect(memoFor(db, 'derived')).toBe(books);
    const filters = memoFor(db, 'filters', 2);
    expect(filters).not.toBe(books);
    let runs = 0;
    await books.get('targets', 'k', ALL, 1, async () => ++runs);
    for (const q of ['a', 'b', 'c', 'd']) await filters.get('filters', q, ALL, 1, async () => q);
    expect(await books.get('targets', 'k', ALL, 1, async () => ++runs)).toBe(1);
    expect(memoFor({}, 'derived')).not.toBe(books);
  });
});
