// GET /api/kpi/rankings as the page reads it (server/routes/kpi-schemas.ts RankingsSchema), and
// the page's metric parameter.
export const RANKING_METRICS = ['revenue', 'attainment', 'growth', 'new_customers', 'visits', 'conversion', 'score'] as const;
export type RankingMetric = (typeof RANKING_METRICS)[number];

export interface RankingRow {
  rank: number;
  /** Rank then − rank now (positive = moved up); null when not ranked then or nothing to compare. */
  rankChange: number | null;
  repId: string;
  name: string;
  team: string | null;
  /** Null for other reps' values when the viewer is a rep (they see names, ranks and attainment only). */
  value: number | null;
}

export interface RankingsAnswer {
  asOf: string;
  metric: string;
  rows: RankingRow[];
  unranked: { repId: string; name: string; team: string | null }[];
}

export function parseRankingMetric(params: URLSearchParams): RankingMetric {
  const value = params.get('metric');
  return value !== null && (RANKING_METRICS as readonly string[]).includes(value) ? (value as RankingMetric) : 'revenue';
}

export type Movement = 'up' | 'down' | 'same' | 'new' | 'none';

/** How a rank moved: up or down by n, unchanged, new in the ranking (not ranked then), or unknown (no comparison). */
export function movementOf(rankChange: number | null, compared: boolean): Movement {
  if (!compared) return 'none';
  if (rankChange === null) return 'new';
  if (rankChange > 0) return 'up';
  if (rankChange < 0) return 'down';
  return 'same';
}
