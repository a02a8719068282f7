// The common KPI filters (interface.md): one querystring schema for every KPI route, their resolution
// into as-of date, current and comparison ranges and dimension lists, and the one WHERE-clause
// builder through which every KPI query applies filters and the caller's role scope.
import { Type, type Static, type TProperties } from 'typebox';
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { listValue } from '@duckdb/node-api';
import type { Scope } from '../auth/types.ts';
import { one } from '../db/query.ts';
import { badRequest } from '../errors.ts';
import {
  PERIOD_PATTERN,
  customRange,
  daysBetween,
  lastYearRange,
  minDate,
  monthOf,
  parseIsoDate,
  parsePeriod,
  previousRange,
  type DateRange,
} from './periods.ts';
import type { Settings } from './settings.ts';

const DATE_PATTERN = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';
const Dim = Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 500 });

/** The filter parameters every KPI route accepts; routes add their own with filterQuerySchema(). */
export const FILTER_PROPERTIES = {
  period: Type.Optional(Type.String({ pattern: PERIOD_PATTERN, description: 'YYYY-MM, YYYY-Qn (fiscal) or YYYY (fiscal)' })),
  from: Type.Optional(Type.String({ pattern: DATE_PATTERN, description: 'first day of a custom range (with to)' })),
  to: Type.Optional(Type.String({ pattern: DATE_PATTERN, description: 'last day of a custom range, inclusive (with from)' })),
  compare: Type.Optional(Type.Union([Type.Literal('previous'), Type.Literal('last_year'), Type.Literal('none')])),
  asOf: Type.Optional(Type.String({ pattern: DATE_PATTERN, description: 'read the data as of this date (default: latest order date)' })),
  team: Type.Optional(Dim),
  region: Type.Optional(Dim),
  rep: Type.Optional(Dim),
  category: Type.Optional(Dim),
  channel: Type.Optional(Dim),
  lang: Type.Optional(Type.Union([Type.Literal('zh'), Type.Literal('en')])),
};

/** A querystring schema: the common filters plus a route's own parameters; anything else is a 400. */
export function filterQuerySchema<P extends TProperties>(extra: P) {
  return Type.Object({ ...FILTER_PROPERTIES, ...extra }, { additionalProperties: false });
}

export const FilterQuerySchema = filterQuerySchema({});
export type FilterQuery = Static<typeof FilterQuerySchema>;
export type CompareMode = 'previous' | 'last_year' | 'none';
export type Lang = 'zh' | 'en';

/** A period with the day its figures stop at: the earlier of its end and the as-of date. */
export interface PeriodRange extends DateRange {
  effectiveEnd: string;
}

export interface DimensionFilters {
  teams: string[];
  regions: string[];
  reps: string[];
  categories: string[];
  channels: string[];
}

export interface ResolvedFilters {
  asOf: string;
  /** Where the as-of date came from: the asOf parameter, the latest order date, or the clock (no orders). */
  asOfSource: 'param' | 'data' | 'clock';
  /** The latest order date in the data (null: no orders); rollups answer ranges that reach past it. */
  dataEnd: string | null;
  current: PeriodRange;
  compare: PeriodRange | null;
  compareMode: CompareMode;
  dims: DimensionFilters;
  lang: Lang;
  fiscalYearStartMonth: number;
}

function withEffectiveEnd(r: DateRange, asOf: string): PeriodRange {
  return { ...r, effectiveEnd: minDate(r.end, asOf) };
}

function cleanList(values: readonly string[] | undefined): string[] {
  return [...new Set((values ?? []).map((v) => v.trim()).filter((v) => v !== ''))].sort();
}

function realDate(name: string, value: string): string {
  if (!parseIsoDate(value)) throw badRequest(`"${name}" is not a real date: ${value}.`, [{ parameter: name, message: 'not a real date' }]);
  return value;
}

/** The as-of date by default: the latest order date in the data (not the wall clock). */
export async function latestOrderDate(conn: DuckDBConnection): Promise<string | null> {
  const row = await one<{ d: string | null }>(conn, 'SELECT CAST(max(order_date) AS VARCHAR) AS d FROM orders');
  return row?.d ?? null;
}

const MAX_CUSTOM_DAYS = 3700;

export async function resolveFilters(conn: DuckDBConnection, query: FilterQuery, settings: Settings): Promise<ResolvedFilters> {
  return resolveFiltersAt(query, settings, await latestOrderDate(conn));
}

/** resolveFilters with the latest order date already known (it changes only with a write). */
export function resolveFiltersAt(query: FilterQuery, settings: Settings, dataEnd: string | null): ResolvedFilters {
  const fy = settings.fiscalYearStartMonth;
  let asOf: string;
  let asOfSource: ResolvedFilters['asOfSource'];
  if (query.asOf !== undefined) {
    asOf = realDate('asOf', query.asOf);
    asOfSource = 'param';
  } else {
    asOf = dataEnd ?? new Date().toISOString().slice(0, 10);
    asOfSource = dataEnd ? 'data' : 'clock';
  }

  let current: DateRange;
  if (query.period !== undefined) {
    if (query.from !== undefined || query.to !== undefined) {
      const name = query.from !== undefined ? 'from' : 'to';
      throw badRequest(`Give either "period" or "from"/"to", not both.`, [{ parameter: name, message: 'conflicts with period' }]);
    }
    const parsed = parsePeriod(query.period, fy);
    if (!parsed) throw badRequest(`"period" must be YYYY-MM, YYYY-Qn or YYYY.`, [{ parameter: 'period', message: 'malformed' }]);
    current = parsed;
  } else if (query.from !== undefined || query.to !== undefined) {
    if (query.from === undefined || query.to === undefined) {
      const missing = query.from === undefined ? 'from' : 'to';
      throw badRequest(`"${missing}" is required with "${missing === 'from' ? 'to' : 'from'}".`, [{ parameter: missing, message: 'required' }]);
    }
    const from = realDate('from', query.from);
    const to = realDate('to', query.to);
    if (to < from) throw badRequest(`"to" (${to}) is before "from" (${from}).`, [{ parameter: 'to', message: 'before from' }]);
    if (daysBetween(from, to) > MAX_CUSTOM_DAYS) throw badRequest(`"from"/"to" may span at most ten years.`, [{ parameter: 'to', message: 'range too long' }]);
    current = customRange(from, to);
  } else {
    current = monthOf(asOf);
  }

  const compareMode: CompareMode = query.compare ?? 'previous';
  const compare =
    compareMode === 'previous' ? previousRange(current, fy) : compareMode === 'last_year' ? lastYearRange(current, fy) : null;

  return {
    asOf,
    asOfSource,
    dataEnd,
    current: withEffectiveEnd(current, asOf),
    compare: compare ? withEffectiveEnd(compare, asOf) : null,
    compareMode,
    dims: {
      teams: cleanList(query.team),
      regions: cleanList(query.region),
      reps: cleanList(query.rep),
      categories: cleanList(query.category),
      channels: cleanList(query.channel),
    },
    lang: query.lang ?? 'zh',
    fiscalYearStartMonth: fy,
  };
}

/** A normalised string of everything that changes an answer (lang excluded: numbers do not depend on it). */
export function filtersKey(f: ResolvedFilters): string {
  return JSON.stringify([f.asOf, f.dataEnd, f.current, f.compare, f.compareMode, f.dims, f.fiscalYearStartMonth]);
}

export function hasDims(d: DimensionFilters, which: Array<keyof DimensionFilters> = ['teams', 'regions', 'reps', 'categories', 'channels']): boolean {
  return which.some((k) => d[k].length > 0);
}

// ---------------------------------------------------------------------------------------------
// SQL fragments

/** A piece of SQL with its bound values. */
export interface SqlFragment {
  sql: string;
  params: Record<string, DuckDBValue>;
}

/**
 * How to reach the filterable columns of a fact source, as SQL expressions. A dimension the source
 * does not carry is left out; filtering on it then makes the builder throw (callers pick a source
 * that can answer, e.g. raw order lines for category filters).
 */
export interface FactColumns {
  /** A DATE expression (cast timestamps: CAST(v.visit_at AS DATE)). */
  date: string;
  rep: string;
  team?: string;
  region?: string;
  category?: string;
  channel?: string;
}

export interface WhereOptions {
  /** Prefix of the parameter names, so two clauses (current, comparison) can share one query. */
  prefix?: string;
  /** Dimensions to ignore for this source (e.g. category and channel for visits). */
  ignore?: Array<keyof DimensionFilters>;
}

export class UnsupportedFilter extends Error {}

const DIM_COLUMN: Record<keyof DimensionFilters, keyof FactColumns> = {
  teams: 'team',
  regions: 'region',
  reps: 'rep',
  categories: 'category',
  channels: 'channel',
};

const DIM_ORDER: Array<keyof DimensionFilters> = ['teams', 'regions', 'reps', 'categories', 'channels'];

/** Binds a non-empty list of strings; use it as CAST($p AS VARCHAR[]) (an empty list cannot be bound untyped). */
export function varcharList(values: readonly string[]): DuckDBValue {
  if (values.length === 0) throw new Error('varcharList: an empty list cannot be bound; test for it before binding.');
  return listValue([...values]);
}

/**
 * The WHERE clause (without the keyword) for facts in [range.start, range.end], the dimension
 * filters and the caller's scope. Every KPI query goes through here, so role scoping is one place.
 * range null: no date condition.
 */
export function whereClause(
  cols: FactColumns,
  range: { start: string; end: string } | null,
  dims: DimensionFilters,
  scope: Scope,
  opts: WhereOptions = {},
): SqlFragment {
  const p = opts.prefix ?? '';
  const parts: string[] = [];
  const params: Record<string, DuckDBValue> = {};
  if (range) {
    parts.push(`${cols.date} BETWEEN CAST($${p}start AS DATE) AND CAST($${p}end AS DATE)`);
    params[`${p}start`] = range.start;
    params[`${p}end`] = range.end;
  }
  for (const dim of DIM_ORDER) {
    if (dims[dim].length === 0 || opts.ignore?.includes(dim)) continue;
    const col = cols[DIM_COLUMN[dim]];
    if (!col) throw new UnsupportedFilter(`This figure cannot be filtered by ${DIM_COLUMN[dim]}.`);
    parts.push(`list_contains(CAST($${p}${dim} AS VARCHAR[]), ${col})`);
    params[`${p}${dim}`] = varcharList(dims[dim]);
  }
  if (!scope.all) {
    if (scope.repIds.length === 0) parts.push('FALSE');
    else {
      parts.push(`list_contains(CAST($${p}scope AS VARCHAR[]), ${cols.rep})`);
      params[`${p}scope`] = varcharList([...scope.repIds].sort());
    }
  }
  return { sql: parts.length ? parts.join('\n  AND ') : 'TRUE', params };
}

/** The days a period has figures for: start … effective end (empty when the as-of date precedes the start). */
export function actualRange(r: PeriodRange): { start: string; end: string } {
  return { start: r.start, end: r.effectiveEnd };
}
