// Rep routes: the scoped roster, one rep's evaluation (not for assistants), and the manager's or
// supervisor's review of a rep for a period. A rep outside the caller's scope does not exist (404).
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { auditWith } from '../auth/audit.ts';
import { CAN } from '../auth/roles.ts';
import { ErrorBody, IdParams, SIGNED_IN, authErrors } from '../auth/schemas.ts';
import { assertRepVisible } from '../auth/scope.ts';
import { forbidden, notFound } from '../errors.ts';
import { backgroundIdle, kpiContext, latestOrderDateCached } from '../queries/context.ts';
import { FilterQuerySchema, filtersKey } from '../queries/filters.ts';
import { companyFilters, companyHistory, companyLists, companyScores, evaluationBundle, repExists, repList, type CompanyScoreSource, type HistoryMonth } from '../queries/evaluation.ts';
import { PERIOD_PATTERN, monthKey } from '../queries/periods.ts';
import { getReview, saveReview } from '../queries/reviews.ts';
import { PeriodSchema } from './kpi-schemas.ts';
import { IsoDate, ListedCustomerSchema, Nullable } from './retention.ts';

const Num = Type.Number();

const RepListSchema = Type.Object({
  asOf: IsoDate,
  rows: Type.Array(
    Type.Object({
      repId: Type.String(),
      name: Type.String(),
      role: Type.String(),
      team: Nullable(Type.String()),
      region: Nullable(Type.String()),
      managerId: Nullable(Type.String()),
      active: Type.Boolean({ description: 'employed on the as-of date' }),
    }),
  ),
});

const ReviewSchema = Type.Object({
  comment: Nullable(Type.String()),
  rating: Nullable(Type.Integer({ minimum: 1, maximum: 5 })),
  by: Type.String({ description: 'username of the reviewer' }),
  at: Type.String({ description: 'UTC time of the review' }),
});

const EvaluationSchema = Type.Object({
  repId: Type.String(),
  name: Type.String(),
  team: Nullable(Type.String()),
  period: PeriodSchema,
  score: Nullable(Num, '100 × Σ w·clamp(attainment, 0, 1.2) / Σ w over the components with a target'),
  components: Type.Array(
    Type.Object({
      metric: Type.Union([Type.Literal('revenue'), Type.Literal('new_customers'), Type.Literal('visits'), Type.Literal('key_account_coverage')]),
      weight: Num,
      actual: Nullable(Num),
      target: Nullable(Num),
      attainment: Nullable(Num),
      teamMedian: Nullable(Num, "median attainment of the team's active reps and account managers"),
    }),
  ),
  trend: Type.Array(
    Type.Object({ month: Type.String(), revenue: Num, target: Nullable(Num), attainment: Nullable(Num), teamMedianAttainment: Nullable(Num) }),
    { description: 'the 12 months up to the period' },
  ),
  rankHistory: Type.Array(Type.Object({ month: Type.String(), rank: Nullable(Type.Integer()), of: Type.Integer() }), {
    description: "rank by revenue among the company's active reps and account managers, per month",
  }),
  topCustomers: Type.Array(Type.Object({ customerId: Type.String(), name: Type.String(), revenue: Num, share: Nullable(Num) })),
  atRisk: Type.Array(ListedCustomerSchema),
  recentVisits: Type.Array(
    Type.Object({ visitId: Type.String(), at: Type.String(), customerId: Type.String(), customerName: Type.String(), type: Type.String(), outcome: Nullable(Type.String()) }),
  ),
  review: Nullable(ReviewSchema),
});

const ReviewQuery = Type.Object(
  { period: Type.Optional(Type.String({ pattern: PERIOD_PATTERN, description: 'YYYY-MM, YYYY-Qn or YYYY (default: the as-of month)' })) },
  { additionalProperties: false },
);

const ReviewBody = Type.Object(
  {
    // Null first: with type coercion a null would otherwise become "" through the string branch.
    comment: Type.Union([Type.Null(), Type.String({ maxLength: 4000 })], { description: 'blank or null: no comment' }),
    rating: Type.Integer({ minimum: 1, maximum: 5 }),
  },
  { additionalProperties: false },
);

const withNotFound = { ...authErrors, 404: ErrorBody };

export default async function repRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  // Shared figures computed in the background must finish before the database closes.
  app.addHook('onClose', async () => {
    await backgroundIdle(app.db);
  });
  const common = { tags: ['reps'], security: SIGNED_IN };

  r.get(
    '/api/reps',
    {
      preHandler: app.authenticate,
      schema: { ...common, summary: 'The reps the caller may see (latest roster row each)', querystring: FilterQuerySchema, response: { 200: RepListSchema, ...authErrors } },
    },
    async (request, reply) => {
      const ctx = await kpiContext(app, request, request.query);
      return ctx.send(reply, 'reps.list', null, () => app.db.read((conn) => repList(conn, ctx.filters, ctx.scope)));
    },
  );

  r.get(
    '/api/reps/:id/evaluation',
    {
      preHandler: app.requireRole(...CAN.seeEvaluations),
      schema: {
        ...common,
        summary: "One rep's evaluation for the period: score and components with team medians, 12-month trend, rank history, customers, visits, review",
        params: IdParams,
        querystring: FilterQuerySchema,
        response: { 200: EvaluationSchema, ...withNotFound },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const ctx = await kpiContext(app, request, request.query);
      assertRepVisible(ctx.scope, id);
      const deps = {
        weights: ctx.settings.evaluationWeights,
        books: { revenue: await ctx.targets('revenue'), new_customers: await ctx.targets('new_customers'), visits: await ctx.targets('visits') },
        keyAccounts: ctx.keyAccounts,
      };
      // The existence check runs with the computation: a cached answer was only made for a known rep
      // at this data version, and a 404 is not remembered.
      return ctx.send(reply, 'reps.evaluation', [id], async () => {
        if (!(await app.db.read((conn) => repExists(conn, id)))) throw notFound(`No rep ${id}.`);
        // Every rep's page compares with the same company-wide scores and monthly ranks, and takes its
        // lists from the same company-wide lists (worded in the request's language): computed once per
        // period; until the lists are ready, the rep's own are queried.
        const company = filtersKey(companyFilters(ctx.filters));
        // Asked first, so that a new period's lists start computing as early as possible.
        const lists = ctx.sharedIfReady('evaluation.lists', JSON.stringify([company, ctx.filters.lang]), (conn) => companyLists(conn, ctx.filters));
        const scoresOf: CompanyScoreSource = (range, compute) =>
          ctx.shared('evaluation.scores', JSON.stringify([range, ctx.filters.asOf, ctx.filters.dataEnd]), compute);
        const everyone = await app.db.read((conn) => companyScores(conn, ctx.filters, deps, scoresOf));
        // A month of that history is the same in every period that includes it.
        const month = (m: string, compute: () => Promise<HistoryMonth>) =>
          ctx.shared('evaluation.month', JSON.stringify([m, ctx.filters.asOf, ctx.filters.dataEnd]), compute);
        const history = await ctx.shared('evaluation.history', company, () => app.db.read((conn) => companyHistory(conn, ctx.filters, deps, month)));
        return app.db.read((conn) => evaluationBundle(conn, ctx.filters, id, deps, everyone, history, lists));
      });
    },
  );

  r.put(
    '/api/reps/:id/review',
    {
      preHandler: app.requireRole(...CAN.reviewReps),
      schema: {
        ...common,
        summary: "Comment on and rate (1–5) a rep for a period: managers, admins, and the rep's supervisor",
        params: IdParams,
        querystring: ReviewQuery,
        body: ReviewBody,
        response: { 200: ReviewSchema, ...withNotFound },
      },
    },
    async (request) => {
      const { id } = request.params;
      const user = request.user!;
      const scope = await request.scope();
      assertRepVisible(scope, id);
      // A supervisor reviews the reps of their team, never themselves.
      if (user.role === 'supervisor' && user.repId === id) throw forbidden('You cannot review yourself.');
      if (!(await app.db.read((conn) => repExists(conn, id)))) throw notFound(`No rep ${id}.`);
      const period = request.query.period ?? monthKey((await latestOrderDateCached(app)) ?? new Date().toISOString().slice(0, 10));
      const { comment, rating } = request.body;
      return app.db.transaction(async (conn) => {
        const saved = await saveReview(conn, { repId: id, period, comment: comment?.trim() || null, rating, by: user.username });
        await auditWith(conn, { username: user.username, action: 'review.save', detail: { repId: id, period, rating }, ip: request.ip });
        return saved;
      });
    },
  );

  r.get(
    '/api/reps/:id/review',
    {
      preHandler: app.requireRole(...CAN.seeEvaluations),
      schema: {
        ...common,
        summary: "A rep's review for a period (null when none)",
        params: IdParams,
        querystring: ReviewQuery,
        response: { 200: Nullable(ReviewSchema), ...withNotFound },
      },
    },
    async (request) => {
      const { id } = request.params;
      assertRepVisible(await request.scope(), id);
      const period = request.query.period ?? monthKey((await latestOrderDateCached(app)) ?? new Date().toISOString().slice(0, 10));
      return app.db.read((conn) => getReview(conn, id, period));
    },
  );
}
