// Customer routes: the caller's customers (paged, sortable, searchable) and one customer's page.
// A customer outside the caller's customers does not exist (404). Thin: validate, scope, query.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorBody, SIGNED_IN, authErrors } from '../auth/schemas.ts';
import { kpiContext } from '../queries/context.ts';
import { customerDetail, customerList } from '../queries/customers.ts';
import { FilterQuerySchema, filterQuerySchema } from '../queries/filters.ts';
import { IsoDate, Nullable } from './retention.ts';

const Money = Type.Number({ description: 'net revenue, rounded to cents' });

const SummaryProperties = {
  customerId: Type.String(),
  name: Type.String(),
  tier: Nullable(Type.String()),
  segment: Nullable(Type.String()),
  ownerRepId: Nullable(Type.String()),
  ownerName: Nullable(Type.String()),
  firstPurchase: Nullable(IsoDate),
  lastPurchase: Nullable(IsoDate),
  lastVisit: Nullable(IsoDate),
  revenue12m: Money,
  trend: Type.Array(Type.Number(), { description: 'net revenue of each of the 12 months ending with the as-of month, oldest first' }),
};

const CustomerListQuery = filterQuerySchema({
  search: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'part of the name or id' })),
  tier: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: 'key or standard' })),
  sort: Type.Optional(
    Type.Union(
      [
        Type.Literal('name'),
        Type.Literal('customerId'),
        Type.Literal('tier'),
        Type.Literal('owner'),
        Type.Literal('firstPurchase'),
        Type.Literal('lastPurchase'),
        Type.Literal('lastVisit'),
        Type.Literal('revenue12m'),
      ],
      { description: 'default revenue12m' },
    ),
  ),
  order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')], { description: 'default desc' })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
});

const CustomerListSchema = Type.Object({
  asOf: IsoDate,
  months: Type.Array(Type.String(), { description: 'the months of each trend, YYYY-MM' }),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  rows: Type.Array(Type.Object(SummaryProperties)),
});

const Line = Type.Object({
  orderId: Type.String(),
  lineNo: Nullable(Type.Integer()),
  orderDate: IsoDate,
  repId: Type.String(),
  sku: Nullable(Type.String()),
  productName: Nullable(Type.String()),
  category: Nullable(Type.String()),
  channel: Nullable(Type.String()),
  quantity: Nullable(Type.Number()),
  unitPrice: Nullable(Type.Number()),
  discount: Nullable(Type.Number()),
  amount: Type.Number(),
  status: Type.String(),
});

const Visit = Type.Object({
  visitId: Type.String(),
  at: Type.String(),
  repId: Type.String(),
  type: Type.String(),
  outcome: Nullable(Type.String()),
  durationMin: Nullable(Type.Integer()),
  nextStepDate: Nullable(IsoDate),
  notes: Nullable(Type.String()),
});

const CustomerDetailSchema = Type.Object({
  ...SummaryProperties,
  industry: Nullable(Type.String()),
  region: Nullable(Type.String()),
  createdDate: Nullable(IsoDate),
  purchases: Type.Integer({ description: 'distinct days with a purchase up to the as-of date' }),
  medianGapDays: Nullable(Type.Number()),
  months: Type.Array(Type.String()),
  orders: Type.Array(Line, { description: 'order lines of every rep, newest first (at most 500)' }),
  ordersTotal: Type.Integer(),
  visits: Type.Array(Visit, { description: 'visits, newest first (at most 500)' }),
  visitsTotal: Type.Integer(),
});

const CustomerParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });

export default async function customerRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const common = { tags: ['customers'], security: SIGNED_IN };

  r.get(
    '/api/customers',
    {
      preHandler: app.authenticate,
      schema: {
        ...common,
        summary: "The caller's customers with owner, tier, first and last purchase, last visit, 12-month revenue and trend",
        querystring: CustomerListQuery,
        response: { 200: CustomerListSchema, ...authErrors },
      },
    },
    async (request, reply) => {
      const { search, tier, sort = 'revenue12m', order = 'desc', page = 1, pageSize = 50, ...query } = request.query;
      const ctx = await kpiContext(app, request, query);
      const list = { search: search?.trim() || null, tier: tier ?? null, sort, order, page, pageSize };
      return ctx.send(reply, 'customers.list', list, () => app.db.read((conn) => customerList(conn, ctx.filters, ctx.scope, list)));
    },
  );

  r.get(
    '/api/customers/:id',
    {
      preHandler: app.authenticate,
      schema: {
        ...common,
        summary: "One customer's header, order lines and visits up to the as-of date",
        params: CustomerParams,
        querystring: FilterQuerySchema,
        response: { 200: CustomerDetailSchema, ...authErrors, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const ctx = await kpiContext(app, request, request.query);
      const id = request.params.id;
      return ctx.send(reply, 'customers.detail', [id], () => app.db.read((conn) => customerDetail(conn, ctx.filters, ctx.scope, id)));
    },
  );
}
