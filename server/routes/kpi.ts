// KPI routes: overview tiles, attainment by rep/team/region, rankings and the monthly trend.
// Thin: validate, resolve scope and filters (kpiContext), run the named query through the cache.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { SIGNED_IN, authErrors } from '../auth/schemas.ts';
import { ALL_SCOPE } from '../auth/scope.ts';
import { attainment } from '../queries/attainment.ts';
import { backgroundIdle, kpiContext } from '../queries/context.ts';
import { FilterQuerySchema, filterQuerySchema } from '../queries/filters.ts';
import { overview } from '../queries/overview.ts';
import type { DuckDBConnection } from '@duckdb/node-api';
import { scoreProvider, type CompanyScoreSource } from '../queries/evaluation.ts';
import { LEADERBOARD_ROLES, RANKING_METRICS, leaderboardView, rankings, type RepValueProvider } from '../queries/rankings.ts';
import { TARGET_METRICS } from '../queries/targets.ts';
import { trend } from '../queries/trend.ts';
import { conversionProvider } from '../queries/visits.ts';
import { AttainmentSchema, OverviewSchema, RankingsSchema, TrendSchema } from './kpi-schemas.ts';

const AttainmentQuery = filterQuerySchema({
  by: Type.Optional(Type.Enum(['rep', 'team', 'region'])),
  metric: Type.Optional(Type.Enum(TARGET_METRICS)),
});

const RankingsQuery = filterQuerySchema({
  metric: Type.Optional(Type.Enum(RANKING_METRICS)),
});

const TrendQuery = filterQuerySchema({
  months: Type.Optional(Type.Integer({ minimum: 1, maximum: 60, description: 'how many months up to the as-of month (default 24)' })),
});

export default async function kpiRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  // Shared figures computed in the background must finish before the database closes.
  app.addHook('onClose', async () => {
    await backgroundIdle(app.db);
  });
  const common = { tags: ['kpi'], security: SIGNED_IN };

  r.get(
    '/api/kpi/overview',
    {
      preHandler: app.authenticate,
      schema: { ...common, summary: 'Overview tiles for the period and its comparison', querystring: FilterQuerySchema, response: { 200: OverviewSchema, ...authErrors } },
    },
    async (request, reply) => {
      const ctx = await kpiContext(app, request, request.query);
      const book = await ctx.targets('revenue');
      return ctx.send(reply, 'kpi.overview', null, () => app.db.read((conn) => overview(conn, ctx.filters, ctx.scope, book, ctx.calendar)));
    },
  );

  r.get(
    '/api/kpi/attainment',
    {
      preHandler: app.authenticate,
      schema: {
        ...common,
        summary: 'Actual against target, expected to date, pace, projection and gap by rep, team or region',
        querystring: AttainmentQuery,
        response: { 200: AttainmentSchema, ...authErrors },
      },
    },
    async (request, reply) => {
      const { by = 'rep', metric = 'revenue', ...query } = request.query;
      const ctx = await kpiContext(app, request, query);
      const book = await ctx.targets(metric);
      return ctx.send(reply, 'kpi.attainment', [by, metric], () =>
        app.db.read((conn) => attainment(conn, ctx.filters, ctx.scope, by, metric, book, ctx.calendar)),
      );
    },
  );

  r.get(
    '/api/kpi/rankings',
    {
      preHandler: app.authenticate,
      schema: {
        ...common,
        summary:
          'Standard competition ranking of the salespeople active in the period, with rank change; reps and account managers see the whole board but only their own value (others: attainment only)',
        querystring: RankingsQuery,
        response: { 200: RankingsSchema, ...authErrors },
      },
    },
    async (request, reply) => {
      const { metric = 'revenue', ...query } = request.query;
      const ctx = await kpiContext(app, request, query);
      const user = request.user!;
      // Reps and account managers rank among everyone a manager would see, then get only the others'
      // names, teams and ranks (leaderboardView). Without a rep link they still see nothing.
      const board = LEADERBOARD_ROLES.includes(user.role) && user.repId !== null;
      const scope = board ? ALL_SCOPE : ctx.scope;
      const book = await ctx.targets('revenue');
      // Conversion and score come from their own modules; the ranking rules stay in one place.
      const books = metric === 'score' ? { revenue: book, new_customers: await ctx.targets('new_customers'), visits: await ctx.targets('visits') } : null;
      const providerFor = (conn: DuckDBConnection): RepValueProvider | undefined =>
        metric === 'conversion'
          ? conversionProvider(conn, ctx.filters, scope)
          : books
            ? scoreProvider(conn, ctx.filters, scope, { weights: ctx.settings.evaluationWeights, books, keyAccounts: ctx.keyAccounts }, companyScoresOf)
            : undefined;
      // Company-wide scores of a range, shared with the evaluation pages and between periods.
      const companyScoresOf: CompanyScoreSource = (range, compute) =>
        ctx.shared('evaluation.scores', JSON.stringify([range, ctx.filters.asOf, ctx.filters.dataEnd]), compute);
      const compute = () => app.db.read((conn) => rankings({ conn, filters: ctx.filters, scope, metric, book, provider: providerFor(conn) }));
      // `board` is part of the cache key: another role with the same rep set must not get the whole board.
      if (!board) return ctx.send(reply, 'kpi.rankings', [metric, board], compute);
      return leaderboardView(await ctx.cached('kpi.rankings', [metric, board], compute), user.repId!);
    },
  );

  r.get(
    '/api/kpi/trend',
    {
      preHandler: app.authenticate,
      schema: {
        ...common,
        summary: 'Revenue, revenue target and attainment per month for the last N months up to the as-of month',
        querystring: TrendQuery,
        response: { 200: TrendSchema, ...authErrors },
      },
    },
    async (request, reply) => {
      const { months = 24, ...query } = request.query;
      const ctx = await kpiContext(app, request, query);
      const book = await ctx.targets('revenue');
      return ctx.send(reply, 'kpi.trend', [months], () => app.db.read((conn) => trend(conn, ctx.filters, ctx.scope, months, book)));
    },
  );
}
