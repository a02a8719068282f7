// Every KPI route the dashboards call, with how to ask it for a given parameter set and the
// raw-facts query that computes the same metric without the precomputed tables.
import * as raw from './raw-sql.ts';
import type { RawQuery } from './raw-sql.ts';
import type { Variant } from './variants.ts';

export interface RouteSpec {
  name: string;
  path(v: Variant): string;
  raw(v: Variant): RawQuery;
}

function qs(v: Variant, extra: Record<string, string | number> = {}, opts: { period?: boolean; team?: boolean } = {}): string {
  const p = new URLSearchParams();
  if (opts.period !== false) p.set('period', v.period);
  for (const [k, value] of Object.entries(extra)) p.set(k, String(value));
  if (opts.team !== false && v.team) p.append('team', v.team);
  return p.toString();
}

const RANKING_METRICS = ['revenue', 'attainment', 'growth', 'new_customers', 'visits', 'conversion', 'score'] as const;
const RETENTION_KINDS = ['at_risk', 'churned', 'cohort'] as const;
const CUSTOMER_SORTS = ['revenue12m', 'lastPurchase', 'name'] as const;

export const ROUTES: RouteSpec[] = [
  { name: 'overview', path: (v) => `/api/kpi/overview?${qs(v)}`, raw: (v) => raw.overviewRaw(v) },
  ...(['rep', 'team', 'region'] as const).map((by) => ({
    name: `attainment by ${by}`,
    path: (v: Variant) => `/api/kpi/attainment?${qs(v, { by, metric: 'revenue' })}`,
    raw: (v: Variant) => raw.attainmentRaw(v, by),
  })),
  ...RANKING_METRICS.map((metric) => ({
    name: `rankings ${metric}`,
    path: (v: Variant) => `/api/kpi/rankings?${qs(v, { metric })}`,
    raw: (v: Variant) => raw.rankingsRaw(v, metric),
  })),
  {
    name: 'trend',
    path: (v) => `/api/kpi/trend?${qs(v, { months: v.index % 2 === 0 ? 24 : 12 }, { period: false })}`,
    raw: (v) => raw.trendRaw(v, v.index % 2 === 0 ? 24 : 12),
  },
  ...(['logo', 'revenue'] as const).map((basis) => ({
    name: `retention ${basis}`,
    path: (v: Variant) => `/api/kpi/retention?${qs(v, { grain: 'month', basis })}`,
    raw: (v: Variant) => raw.retentionRaw(v, basis),
  })),
  {
    name: 'retention customers',
    path: (v) => {
      const kind = RETENTION_KINDS[v.index % RETENTION_KINDS.length]!;
      return `/api/kpi/retention/customers?${qs(v, kind === 'cohort' ? { kind, cohort: v.firstMonth, k: 1 } : { kind })}`;
    },
    raw: (v) => raw.atRiskRaw(v),
  },
  { name: 'visits', path: (v) => `/api/kpi/visits?${qs(v)}`, raw: (v) => raw.visitsRaw(v) },
  { name: 'visits weekly', path: (v) => `/api/kpi/visits/weekly?${qs(v)}`, raw: (v) => raw.visitsWeeklyRaw(v) },
  {
    name: 'rep evaluation',
    path: (v) => `/api/reps/${encodeURIComponent(v.rep)}/evaluation?${qs(v, {}, { team: false })}`,
    raw: (v) => raw.evaluationRaw(v),
  },
  {
    name: 'customers list',
    path: (v) => `/api/customers?${qs(v, { sort: CUSTOMER_SORTS[v.index % CUSTOMER_SORTS.length]!, page: 1 + (v.index % 3) })}`,
    raw: (v) => raw.customersRaw(v),
  },
  {
    name: 'orders page',
    path: (v) => `/api/orders?${qs(v, { rep: v.rep }, { team: false })}`,
    raw: (v) => raw.ordersRaw(v),
  },
];
