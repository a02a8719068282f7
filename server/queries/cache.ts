// The KPI result cache: answers keyed by (named query, normalised parameters, scope key, data
// version), least-recently-used entries dropped beyond a bound. Identical requests arriving together
// share one computation. Every committed write bumps the data version, which empties the cache.
import type { Scope } from '../auth/types.ts';

export interface CacheStats {
  entries: number;
  hits: number;
  misses: number;
}

/** The values of the computations that have finished, by their promise. */
const settled = new WeakMap<Promise<unknown>, { value: unknown }>();

export class ResultCache {
  private readonly entries = new Map<string, Promise<unknown>>();
  private version = -1;
  private hits = 0;
  private misses = 0;

  constructor(
    readonly maxEntries = 500,
    readonly enabled = true,
  ) {}

  static key(name: string, paramsKey: string, scope: Scope, dataVersion: number): string {
    return JSON.stringify([name, paramsKey, scope.all ? '*' : scope.key, dataVersion]);
  }

  /** The cached answer, or compute() once and remember it; failures are not remembered. */
  async get<T>(name: string, paramsKey: string, scope: Scope, dataVersion: number, compute: () => Promise<T>): Promise<T> {
    if (!this.enabled) return compute();
    if (dataVersion !== this.version) {
      this.entries.clear();
      this.version = dataVersion;
    }
    const key = ResultCache.key(name, paramsKey, scope, dataVersion);
    const found = this.entries.get(key);
    if (found) {
      this.hits++;
      // Re-insert so the Map's insertion order is the recency order.
      this.entries.delete(key);
      this.entries.set(key, found);
      return found as Promise<T>;
    }
    this.misses++;
    const pending = compute();
    this.entries.set(key, pending);
    pending.then(
      (value) => settled.set(pending, { value }),
      () => undefined,
    );
    pending.catch(() => {
      if (this.entries.get(key) === pending) this.entries.delete(key);
    });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return pending;
  }

  /**
   * The answer when it has been computed already; otherwise undefined, after starting compute()
   * unless it is running. For callers that have another way to the answer while it is computed.
   */
  ready<T>(name: string, paramsKey: string, scope: Scope, dataVersion: number, compute: () => Promise<T>): T | undefined {
    if (!this.enabled) return undefined;
    const found = dataVersion === this.version ? this.entries.get(ResultCache.key(name, paramsKey, scope, dataVersion)) : undefined;
    if (found) {
      const done = settled.get(found);
      if (!done) return undefined;
      this.hits++;
      const key = ResultCache.key(name, paramsKey, scope, dataVersion);
      this.entries.delete(key);
      this.entries.set(key, found);
      return done.value as T;
    }
    this.get(name, paramsKey, scope, dataVersion, compute).catch(() => undefined);
    return undefined;
  }

  clear(): void {
    this.entries.clear();
  }

  stats(): CacheStats {
    return { entries: this.entries.size, hits: this.hits, misses: this.misses };
  }
}

// One cache per open database, shared by every route plugin of the app that serves it.
const caches = new WeakMap<object, ResultCache>();

export function cacheFor(db: object, enabled: boolean, maxEntries = 500): ResultCache {
  let cache = caches.get(db);
  if (!cache || cache.enabled !== enabled) {
    cache = new ResultCache(maxEntries, enabled);
    caches.set(db, cache);
  }
  return cache;
}

// Derived facts every request needs (settings, resolved filters, target books): memoised per data
// version whether or not the result cache is on, since they are not answers but the inputs to one.
// Separate pools by kind, so many distinct filter sets cannot push the target books out.
const memos = new WeakMap<object, Map<string, ResultCache>>();

export function memoFor(db: object, pool = 'derived', maxEntries = 300): ResultCache {
  let pools = memos.get(db);
  if (!pools) {
    pools = new Map();
    memos.set(db, pools);
  }
  let memo = pools.get(pool);
  if (!memo) {
    memo = new ResultCache(maxEntries, true);
    pools.set(pool, memo);
  }
  return memo;
}
