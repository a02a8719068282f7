// What every KPI request needs before its query runs: the caller's scope, the settings, the
// resolved filters and the result cache, resolved once and in the same way for every route.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Scope } from '../auth/types.ts';
import { assertFilterAllowed } from '../auth/scope.ts';
import { ResultCache, cacheFor, memoFor } from './cache.ts';
import { filtersKey, latestOrderDate, resolveFiltersAt, type FilterQuery, type ResolvedFilters } from './filters.ts';
import { calendarOf, loadSettings, type Settings } from './settings.ts';
import { loadTargetBook, type TargetBook, type TargetMetric } from './targets.ts';
import { keyAccountDay, type KeyAccountSource } from './visits.ts';
import type { WorkCalendar } from './working-days.ts';

export interface KpiContext {
  scope: Scope;
  settings: Settings;
  filters: ResolvedFilters;
  calendar: WorkCalendar;
  cache: ResultCache;
  dataVersion: number;
  /** Runs a named query through the cache, keyed by the filters plus `extra` and the scope. */
  cached<T>(name: string, extra: unknown, compute: () => Promise<T>): Promise<T>;
  /**
   * Like cached(), but remembers the answer as the route's response schema serialises it and sends
   * that text as is: a cached answer costs no serialisation (large tables of reps take milliseconds).
   * Return its result from the handler.
   */
  send<T>(reply: FastifyReply, name: string, extra: unknown, compute: () => Promise<T>): Promise<FastifyReply>;
  /**
   * Company-wide derived figures under `key`, remembered per data version and settings whether or
   * not the result cache is on (not an answer, but what many answers are built from).
   */
  shared<T>(name: string, key: string, compute: () => Promise<T>): Promise<T>;
  /**
   * Like shared(), but never waits: the figures when computed already, else undefined after starting
   * their computation in the background (one at a time, on a connection of its own, so that a burst
   * of new periods does not hold up the requests, which meanwhile take their own slower way).
   */
  sharedIfReady<T>(name: string, key: string, compute: (conn: DuckDBConnection) => Promise<T>): T | undefined;
  /** The resolved targets of a metric (shared by every caller until the data or settings change). */
  targets(metric: TargetMetric): Promise<TargetBook>;
  /** The company's key accounts on a day, once per day and data version for every caller (sharedIfReady). */
  keyAccounts: KeyAccountSource;
}

/** What Fastify sends JSON answers as; a text payload with it is sent without serialising again. */
const JSON_TYPE = 'application/json; charset=utf-8';

const SETTINGS_SCOPE: Scope = { all: true, repIds: [], key: 'all' };

// Background computations of shared figures, one after another per database.
const background = new WeakMap<object, Promise<unknown>>();

/**
 * Settles when the background computations started so far have finished: a route plugin that can
 * start them waits for this on close, so the database is never closed under a running query.
 */
export function backgroundIdle(db: object): Promise<unknown> {
  return background.get(db) ?? Promise.resolve();
}

function inBackground<T>(db: object, task: () => Promise<T>): Promise<T> {
  const run = (background.get(db) ?? Promise.resolve()).then(task);
  background.set(
    db,
    run.catch(() => undefined),
  );
  return run;
}

export async function loadSettingsCached(app: FastifyInstance): Promise<Settings> {
  return memoFor(app.db).get('settings', '', SETTINGS_SCOPE, app.db.dataVersion, () => app.db.read((conn) => loadSettings(conn)));
}

/** The latest order date (the default as-of date), read once per data version. */
export async function latestOrderDateCached(app: FastifyInstance): Promise<string | null> {
  return memoFor(app.db).get('dataEnd', '', SETTINGS_SCOPE, app.db.dataVersion, () => app.db.read((conn) => latestOrderDate(conn)));
}

/** Call from a route behind app.authenticate: the scope is the auth plugin's request.scope(). */
export async function kpiContext(app: FastifyInstance, request: FastifyRequest, query: FilterQuery): Promise<KpiContext> {
  const scope = await request.scope();
  if (query.rep?.length) assertFilterAllowed(scope, query.rep);
  const cache = cacheFor(app.db, app.config.cacheEnabled);
  const memo = memoFor(app.db);
  const dataVersion = app.db.dataVersion;
  const settings = await loadSettingsCached(app);
  const dataEnd = await latestOrderDateCached(app);
  // Keyed by the raw query, in a pool of its own so that many filter sets cannot push out the books.
  const filters = await memoFor(app.db, 'filters', 1000).get('filters', JSON.stringify([query, settings.fiscalYearStartMonth]), SETTINGS_SCOPE, dataVersion, async () =>
    resolveFiltersAt(query, settings, dataEnd),
  );
  const calendar = calendarOf(settings);
  const cacheKey = (extra: unknown) => JSON.stringify([filtersKey(filters), filters.lang, settings, extra]);
  return {
    scope,
    settings,
    filters,
    calendar,
    cache,
    dataVersion,
    targets: (metric) =>
      memo.get(`targets.${metric}`, JSON.stringify(settings), SETTINGS_SCOPE, dataVersion, () =>
        app.db.read((conn) => loadTargetBook(conn, metric, calendar, settings.fiscalYearStartMonth)),
      ),
    keyAccounts: async (_conn, R) =>
      memo.ready('visits.keyAccounts', R, SETTINGS_SCOPE, dataVersion, () => inBackground(app.db, () => app.db.read((c) => keyAccountDay(c, R)))) ?? null,
    shared: (name, key, compute) => memo.get(name, JSON.stringify([key, settings]), SETTINGS_SCOPE, dataVersion, compute),
    sharedIfReady: (name, key, compute) =>
      memo.ready(name, JSON.stringify([key, settings]), SETTINGS_SCOPE, dataVersion, () => inBackground(app.db, () => app.db.read(compute))),
    cached: (name, extra, compute) => cache.get(name, cacheKey(extra), scope, dataVersion, compute),
    send: async (reply, name, extra, compute) => {
      // reply.serialize is the route's own schema serialiser, the one Fastify would apply.
      const body = await cache.get(`${name}#json`, cacheKey(extra), scope, dataVersion, async () => reply.serialize(await compute()) as string);
      return reply.type(JSON_TYPE).send(body);
    },
  };
}
