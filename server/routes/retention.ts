// Retention routes: the cohort matrix with NRR, GRR, churned and at-risk counts, and the customers
// behind each of those figures with the reason. Thin: validate, resolve scope and filters, query.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type TSchema } from 'typebox';
import { ErrorBody, SIGNED_IN, authErrors } from '../auth/schemas.ts';
import { badRequest } from '../errors.ts';
import { kpiContext } from '../queries/context.ts';
import { filterQuerySchema } from '../queries/filters.ts';
import { retentionCustomers, retentionReport } from '../queries/retention.ts';
import { PeriodSchema } from './kpi-schemas.ts';

export const Nullable = <T extends TSchema>(t: T, description?: string) => Type.Union([t, Type.Null()], description ? { description } : {});
export const IsoDate = Type.String({ description: 'YYYY-MM-DD' });
export const MONTH_PATTERN = '^[0-9]{4}-(0[1-9]|1[0-2])$';

/** A customer behind a figure (churned, at risk, cohort), with the reason in the requested language. */
export const ListedCustomerSchema = Type.Object({
  customerId: Type.String(),
  name: Type.String(),
  tier: Nullable(Type.String()),
  ownerRepId: Nullable(Type.String()),
  lastPurchase: Nullable(IsoDate),
  daysSincePurchase: Nullable(Type.Integer(), 'days from the last purchase to the reference day'),
  purchases: Type.Integer({ description: 'distinct days with a purchase (cohort lists: in the month looked at)' }),
  medianGapDays: Nullable(Type.Number(), 'median days between consecutive purchase days'),
  lastVisit: Nullable(IsoDate),
  revenue: Type.Number({
    description: 'net revenue: churned = in the comparison period; at risk = the 12 months to the reference day; cohort = in the month looked at',
  }),
  reason: Type.String({ description: 'e.g. "no purchase since 2025-10-02 (104 days; usual gap 21 days)"' }),
});

const RetentionQuery = filterQuerySchema({
  grain: Type.Optional(Type.Literal('month', { description: 'cohorts by month of first purchase (the only grain)' })),
  basis: Type.Optional(Type.Union([Type.Literal('logo'), Type.Literal('revenue')], { description: 'default logo' })),
});

/**
 * Customer lists are paged: the at-risk list of a large company runs to tens of thousands. The
 * default page is what the retention page shows first; "show all" asks for the rest.
 */
const LIST_DEFAULT = 15;
const LIST_MAX = 5000;

const RetentionCustomersQuery = filterQuerySchema({
  kind: Type.Union([Type.Literal('churned'), Type.Literal('at_risk'), Type.Literal('cohort')]),
  cohort: Type.Optional(Type.String({ pattern: MONTH_PATTERN, description: 'YYYY-MM (kind=cohort)' })),
  k: Type.Optional(Type.Integer({ minimum: 0, maximum: 240, description: 'month offset from the cohort (kind=cohort; default 0)' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: LIST_MAX, description: `rows in this page (default ${LIST_DEFAULT})` })),
  offset: Type.Optional(Type.Integer({ minimum: 0, description: 'rows to skip, in the list order (default 0)' })),
});

const RetentionSchema = Type.Object({
  asOf: IsoDate,
  period: PeriodSchema,
  compare: Nullable(PeriodSchema),
  basis: Type.Union([Type.Literal('logo'), Type.Literal('revenue')]),
  cohorts: Type.Array(
    Type.Object({
      cohort: Type.String({ description: 'YYYY-MM: month of the first purchase' }),
      size: Type.Integer(),
      values: Type.Array(Nullable(Type.Number()), { description: 'values[k] = retention in month cohort + k (fraction); values[0] = 1' }),
    }),
  ),
  nrr: Nullable(Type.Number(), 'net revenue retention; null without a comparison period or base revenue'),
  grr: Nullable(Type.Number(), 'gross revenue retention'),
  churned: Nullable(Type.Integer(), 'customers with a purchase in the comparison period and none in this one'),
  atRisk: Type.Integer(),
});

const RetentionCustomersSchema = Type.Object({
  asOf: IsoDate,
  kind: Type.String(),
  cohort: Nullable(Type.String()),
  k: Nullable(Type.Integer()),
  total: Type.Integer({ description: 'customers in the whole list; rows holds the page asked for' }),
  offset: Type.Integer(),
  rows: Type.Array(ListedCustomerSchema),
});

export default async function retentionRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const common = { tags: ['kpi'], security: SIGNED_IN };

  r.get(
    '/api/kpi/retention',
    {
      preHandler: app.authenticate,
      schema: {
        ...common,
        summary: 'Cohort retention (logo or revenue), NRR, GRR, churned and at-risk customers of the selected reps',
        querystring: RetentionQuery,
        response: { 200: RetentionSchema, ...authErrors },
      },
    },
    async (request, reply) => {
      const { grain: _grain, basis = 'logo', ...query } = request.query;
      const ctx = await kpiContext(app, request, query);
      return ctx.send(reply, 'kpi.retention', [basis], () => app.db.read((conn) => retentionReport(conn, ctx.filters, ctx.scope, basis)));
    },
  );

  r.get(
    '/api/kpi/retention/customers',
    {
      preHandler: app.authenticate,
      schema: {
        ...common,
        summary: 'The customers behind a retention figure (churned, at risk, or a cohort cell), each with the reason',
        querystring: RetentionCustomersQuery,
        response: { 200: RetentionCustomersSchema, ...authErrors, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const { kind, cohort, k, limit = LIST_DEFAULT, offset = 0, ...query } = request.query;
      if (kind === 'cohort' && cohort === undefined) {
        throw badRequest('"cohort" (YYYY-MM) is required with kind=cohort.', [{ parameter: 'cohort', message: 'required' }]);
      }
      const ctx = await kpiContext(app, request, query);
      const list = { kind, ...(cohort === undefined ? {} : { cohort }), ...(k === undefined ? {} : { k }), page: { limit, offset } };
      return ctx.send(reply, 'kpi.retention.customers', list, async () => ({
        ...(await app.db.read((conn) => retentionCustomers(conn, ctx.filters, ctx.scope, list))),
        offset,
      }));
    },
  );
}
