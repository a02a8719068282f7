// GET /api/orders: order lines in the period, filters and scope, keyset-paged; JSON by default, an
// Apache Arrow IPC stream (dictionary-encoded strings, streamed chunk by chunk) when asked for one.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { SIGNED_IN, authErrors } from '../auth/schemas.ts';
import { badRequest, forbidden } from '../errors.ts';
import { ARROW_STREAM_TYPE, streamArrow } from '../queries/arrow.ts';
import { kpiContext } from '../queries/context.ts';
import { customerVisible } from '../queries/customers.ts';
import { filterQuerySchema } from '../queries/filters.ts';
import { decodeCursor, ordersPage, ordersSql, pageEndCursor, type OrdersQuery } from '../queries/orders.ts';
import { IsoDate, Nullable } from './retention.ts';

const JSON_PAGE_DEFAULT = 100;
const JSON_PAGE_MAX = 1000;
/** What Fastify sends JSON answers as; a text payload with it is sent without serialising again. */
const JSON_TYPE = 'application/json; charset=utf-8';

const OrdersQuerySchema = filterQuerySchema({
  customer: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 100, description: 'only these customers (repeatable)' })),
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 500, description: 'nextCursor of the previous page' })),
  limit: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 1_000_000, description: `rows per page: JSON default ${JSON_PAGE_DEFAULT}, at most ${JSON_PAGE_MAX}; Arrow default every row` }),
  ),
  order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')], { description: 'by (order date, order id, line no); default asc' })),
});

const OrderLineSchema = Type.Object({
  orderId: Type.String(),
  lineNo: Nullable(Type.Integer()),
  orderDate: IsoDate,
  customerId: Nullable(Type.String()),
  customerName: Nullable(Type.String()),
  repId: Type.String(),
  repName: Nullable(Type.String()),
  team: Nullable(Type.String()),
  region: Nullable(Type.String()),
  sku: Nullable(Type.String()),
  productName: Nullable(Type.String()),
  category: Nullable(Type.String()),
  channel: Nullable(Type.String()),
  quantity: Nullable(Type.Number()),
  unitPrice: Nullable(Type.Number()),
  discount: Nullable(Type.Number({ description: 'fraction off' })),
  amount: Type.Number({ description: 'rounded to cents; negative for returns' }),
  status: Type.String({ description: 'completed, cancelled (counts for nothing) or returned' }),
  originalOrderId: Nullable(Type.String()),
});

const OrdersPageSchema = Type.Object({
  asOf: IsoDate,
  rows: Type.Array(OrderLineSchema),
  nextCursor: Nullable(Type.String(), 'pass as cursor for the next page; null on the last page'),
});

export default async function orderRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/orders',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['orders'],
        security: SIGNED_IN,
        summary: `Order lines, keyset-paged; send "Accept: ${ARROW_STREAM_TYPE}" for an Arrow IPC stream (next cursor in the x-next-cursor header)`,
        querystring: OrdersQuerySchema,
        response: {
          200: {
            description: 'a page of order lines',
            content: {
              'application/json': { schema: OrdersPageSchema },
              [ARROW_STREAM_TYPE]: { schema: Type.String({ description: 'Arrow IPC stream of the same columns' }) },
            },
          },
          ...authErrors,
        },
      },
    },
    async (request, reply) => {
      const { customer = [], cursor, limit, order = 'asc', ...query } = request.query;
      const ctx = await kpiContext(app, request, query);
      const customers = [...new Set(customer)].sort();
      for (const id of customers) {
        if (!(await app.db.read((conn) => customerVisible(conn, ctx.filters, ctx.scope, id)))) {
          throw forbidden(`Customer ${id} is outside what your role may see.`);
        }
      }
      const base: OrdersQuery = { customers, cursor: cursor ? decodeCursor(cursor) : null, limit: null, order };
      const wantsArrow = (request.headers.accept ?? '').includes(ARROW_STREAM_TYPE);
      if (wantsArrow) {
        if (limit !== undefined) {
          const next = await app.db.read((conn) => pageEndCursor(conn, ctx.filters, ctx.scope, { ...base, limit }));
          if (next) reply.header('x-next-cursor', next);
        }
        const built = ordersSql(ctx.filters, ctx.scope, { ...base, limit: limit ?? null });
        const stream = await streamArrow(app.db, built.sql, built.params);
        // A stream bypasses the JSON serializer; the typed reply only knows the JSON shape.
        return reply.type(ARROW_STREAM_TYPE).send(stream as unknown as string);
      }
      if (limit !== undefined && limit > JSON_PAGE_MAX) {
        throw badRequest(`"limit" may be at most ${JSON_PAGE_MAX} for JSON pages (ask for Arrow to stream more).`, [{ parameter: 'limit', message: 'too large' }]);
      }
      const page = { ...base, limit: limit ?? JSON_PAGE_DEFAULT };
      // Remembered as the text the route's JSON schema serialises it to, and sent as is: a cached
      // page costs no serialisation. (ctx.send cannot pick this serialiser: the schema is per type.)
      const serialize = reply.getSerializationFunction('200', 'application/json');
      if (!serialize) throw new Error('The JSON answer of /api/orders has no serialiser.');
      const body = await ctx.cached('orders.page#json', [customers, cursor ?? null, page.limit, order], async () =>
        serialize({ ...(await app.db.read((conn) => ordersPage(conn, ctx.filters, ctx.scope, page))) }),
      );
      return reply.type(JSON_TYPE).send(body);
    },
  );
}
