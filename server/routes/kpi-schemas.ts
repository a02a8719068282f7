// TypeBox schemas of the KPI answers (overview, attainment, rankings, trend): validation of what we
// send, the serializer's shape and the OpenAPI document from one place.
import { Type, type TSchema } from 'typebox';

const Nullable = <T extends TSchema>(t: T, description?: string) => Type.Union([t, Type.Null()], description ? { description } : {});
const Num = Type.Number();
const IsoDate = Type.String({ description: 'YYYY-MM-DD' });

export const PeriodSchema = Type.Object({
  kind: Type.Union([Type.Literal('month'), Type.Literal('quarter'), Type.Literal('year'), Type.Literal('custom')]),
  label: Type.String({ description: 'YYYY-MM, YYYY-Qn, YYYY or from..to' }),
  start: IsoDate,
  end: IsoDate,
  effectiveEnd: Type.String({ description: 'the earlier of end and the as-of date: figures stop here' }),
});

export const TileSchema = Type.Object({
  value: Nullable(Num),
  compare: Nullable(Num, "the comparison period's value"),
  change: Nullable(Num, 'relative change (value − compare) / compare; null when compare is missing or ≤ 0'),
});

export const OverviewSchema = Type.Object({
  asOf: IsoDate,
  period: PeriodSchema,
  compare: Nullable(PeriodSchema),
  tiles: Type.Object({
    revenue: TileSchema,
    target: TileSchema,
    attainment: TileSchema,
    pace: TileSchema,
    projection: TileSchema,
    orders: TileSchema,
    aov: TileSchema,
    activeCustomers: TileSchema,
    newCustomers: TileSchema,
    visits: TileSchema,
  }),
});

export const AttainmentSchema = Type.Object({
  asOf: IsoDate,
  period: PeriodSchema,
  rows: Type.Array(
    Type.Object({
      key: Type.String({ description: "rep id, team or region ('' for facts without one)" }),
      name: Type.String(),
      actual: Num,
      target: Nullable(Num),
      attainment: Nullable(Num, 'actual / target; null without a target'),
      expectedToDate: Nullable(Num, 'target × elapsed working days / working days in the period'),
      pace: Nullable(Num, 'actual / expected to date'),
      projection: Nullable(Num, 'actual × working days in the period / elapsed working days'),
      gap: Nullable(Num, 'target − actual, never below 0'),
    }),
  ),
});

export const RankingsSchema = Type.Object({
  asOf: IsoDate,
  metric: Type.String(),
  rows: Type.Array(
    Type.Object({
      rank: Type.Integer(),
      rankChange: Nullable(Type.Integer(), 'rank in the comparison period − rank now (positive = moved up)'),
      repId: Type.String(),
      name: Type.String(),
      team: Nullable(Type.String()),
      value: Nullable(Num, "null for another salesperson's value when a rep or account manager asks, unless metric=attainment"),
    }),
  ),
  unranked: Type.Array(Type.Object({ repId: Type.String(), name: Type.String(), team: Nullable(Type.String()) })),
});

export const TrendSchema = Type.Object({
  asOf: IsoDate,
  rows: Type.Array(
    Type.Object({
      month: Type.String({ description: 'YYYY-MM' }),
      revenue: Num,
      target: Nullable(Num),
      attainment: Nullable(Num),
    }),
  ),
});

export const DefinitionsSchema = Type.Object({
  lang: Type.String(),
  metrics: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      definition: Type.String(),
      computedIn: Type.Array(Type.String(), { description: 'the modules whose SQL computes it' }),
    }),
  ),
});
