// GET /api/exports/table/:name: which dashboard tables can be exported, the parameters each takes,
// and how each is fetched — through the query function behind its KPI route, with the same
// filters and scope; order lines and customers are read in pages or streamed, never held whole.
import { JsonDuckDBValueConverter, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import type { Database } from '../db/database.ts';
import { badRequest } from '../errors.ts';
import { attainment } from '../queries/attainment.ts';
import { customerList, type CustomerSummary } from '../queries/customers.ts';
import { ordersSql, type OrderLine } from '../queries/orders.ts';
import { RANKING_METRICS, rankings, type RankingMetric, type RepValueProvider } from '../queries/rankings.ts';
import { retentionCustomers, retentionReport } from '../queries/retention.ts';
import { TARGET_METRICS, type TargetMetric } from '../queries/targets.ts';
import { trend } from '../queries/trend.ts';
import { conversionProvider, visitsReport } from '../queries/visits.ts';
import { scoreProvider } from '../queries/evaluation.ts';
import { messages } from './messages.ts';
import type { PackSource } from './source.ts';
import type { AnyTable } from './table-spec.ts';
import {
  attainmentTable,
  customerListTable,
  customersTable,
  ordersTable,
  rankingsTable,
  retentionTable,
  trendTable,
  uncoveredTable,
  visitsTable,
} from './tables.ts';

export const TABLE_NAMES = ['attainment', 'rankings', 'retention', 'at-risk', 'churned', 'visits', 'key-accounts', 'customers', 'orders', 'trend'] as const;
export type TableName = (typeof TABLE_NAMES)[number];

export interface TableParams {
  by?: 'rep' | 'team' | 'region';
  metric?: string;
  basis?: 'logo' | 'revenue';
  months?: number;
  search?: string;
  tier?: string;
}

/** The table-specific parameters each table accepts; any other one given is a 400 naming it. */
const ACCEPTS: Record<TableName, Array<keyof TableParams>> = {
  attainment: ['by', 'metric'],
  rankings: ['metric'],
  retention: ['basis'],
  'at-risk': [],
  churned: [],
  visits: [],
  'key-accounts': [],
  customers: ['search', 'tier'],
  orders: [],
  trend: ['months'],
};


export function checkTableParams(name: TableName, params: TableParams): void {
  for (const key of Object.keys(params) as Array<keyof TableParams>) {
    if (params[key] !== undefined && !ACCEPTS[name].includes(key)) {
      throw badRequest(`The ${name} table does not take "${key}".`, [{ parameter: key, message: `not a parameter of the ${name} table` }]);
    }
  }
  if (params.metric === undefined) return;
  const allowed: readonly string[] = name === 'attainment' ? TARGET_METRICS : RANKING_METRICS;
  if (!allowed.includes(params.metric)) {
    throw badRequest(`"metric" must be one of ${allowed.join(', ')}.`, [{ parameter: 'metric', message: 'not one of the allowed values' }]);
  }
}

const CUSTOMER_PAGE = 2000;

async function* customerPages(src: PackSource, params: TableParams): AsyncGenerator<CustomerSummary> {
  const q = { search: params.search?.trim() || null, tier: params.tier ?? null, sort: 'revenue12m' as const, order: 'desc' as const, pageSize: CUSTOMER_PAGE };
  for (let page = 1; ; page++) {
    const answer = await src.db.read((c) => customerList(c, src.filters, src.scope, { ...q, page }));
    yield* answer.rows;
    if (answer.rows.length < CUSTOMER_PAGE || page * CUSTOMER_PAGE >= answer.total) return;
  }
}

/**
 * Rows of a query as they stream out of DuckDB, holding one read connection until the consumer
 * finishes or stops (the connection is taken only once iteration starts).
 */
export async function* streamRows<T>(db: Database, sql: string, params: Record<string, DuckDBValue>): AsyncGenerator<T> {
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  const conn = await new Promise<DuckDBConnection>((resolve, reject) => {
    db.read((c) => {
      resolve(c);
      return held;
    }).catch(reject);
  });
  try {
    const result = await conn.stream(sql, params);
    const names = result.columnNames();
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      for (const values of chunk.convertRows(JsonDuckDBValueConverter)) {
        const row: Record<string, unknown> = {};
        names.forEach((n, i) => (row[n] = values[i] ?? null));
        yield row as T;
      }
    }
  } finally {
    release();
  }
}

/** The table, fetched with the source's filters and scope. */
export async function exportTable(src: PackSource, name: TableName, params: TableParams): Promise<AnyTable> {
  checkTableParams(name, params);
  const { db, filters: f, scope, calendar } = src;
  const m = messages(f.lang);
  switch (name) {
    case 'attainment': {
      const by = params.by ?? 'rep';
      const metric = (params.metric ?? 'revenue') as TargetMetric;
      const book = await src.targets(metric);
      const answer = await db.read((c) => attainment(c, f, scope, by, metric, book, calendar));
      return attainmentTable(m, answer, by, metric === 'revenue');
    }
    case 'rankings': {
      const metric = (params.metric ?? 'revenue') as RankingMetric;
      const book = await src.targets('revenue');
      // The same value providers as the rankings route: conversion and score come from their own modules.
      const deps =
        metric === 'score'
          ? { weights: src.settings.evaluationWeights, books: { revenue: book, new_customers: await src.targets('new_customers'), visits: await src.targets('visits') } }
          : null;
      const providerFor = (c: DuckDBConnection): RepValueProvider | undefined =>
        metric === 'conversion' ? conversionProvider(c, f, scope) : deps ? scoreProvider(c, f, scope, deps) : undefined;
      const answer = await db.read((c) => rankings({ conn: c, filters: f, scope, metric, book, provider: providerFor(c) }));
      return rankingsTable(m, answer);
    }
    case 'retention': {
      const answer = await db.read((c) => retentionReport(c, f, scope, params.basis ?? 'logo'));
      return retentionTable(m, answer.cohorts);
    }
    case 'at-risk':
    case 'churned': {
      const kind = name === 'at-risk' ? 'at_risk' : 'churned';
      const answer = await db.read((c) => retentionCustomers(c, f, scope, { kind }));
      return { ...customerListTable(m, answer.rows), sheet: name === 'at-risk' ? m.sheetAtRisk : m.sheetChurned };
    }
    case 'visits':
    case 'key-accounts': {
      const book = await src.targets('visits');
      const answer = await db.read((c) => visitsReport(c, f, scope, book));
      return name === 'visits' ? visitsTable(m, answer) : uncoveredTable(m, answer);
    }
    case 'customers':
      return customersTable(m, customerPages(src, params));
    case 'orders': {
      const built = ordersSql(f, scope, { customers: [], cursor: null, limit: null, order: 'asc' });
      return ordersTable(m, streamRows<OrderLine>(db, built.sql, built.params));
    }
    case 'trend': {
      const book = await src.targets('revenue');
      const answer = await db.read((c) => trend(c, f, scope, params.months ?? 24, book));
      return trendTable(m, answer);
    }
  }
}
