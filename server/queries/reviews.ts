// A manager's or supervisor's comment and 1–5 rating of a rep for a period (table reviews):
// one per rep and period, replaced when written again.
import type { DuckDBConnection } from '@duckdb/node-api';
import { one, run } from '../db/query.ts';

export interface Review {
  comment: string | null;
  rating: number | null;
  by: string;
  at: string;
}

export async function getReview(conn: DuckDBConnection, repId: string, period: string): Promise<Review | null> {
  const row = await one<{ comment: string | null; rating: number | null; by: string; at: string }>(
    conn,
    `SELECT comment, rating, reviewed_by AS by, strftime(reviewed_at, '%Y-%m-%dT%H:%M:%SZ') AS at
     FROM reviews WHERE rep_id = $repId AND period = $period`,
    { repId, period },
  );
  return row ?? null;
}

/** Writes (or replaces) the review; call inside db.transaction so caches see the change. */
export async function saveReview(
  conn: DuckDBConnection,
  review: { repId: string; period: string; comment: string | null; rating: number; by: string; at?: Date },
): Promise<Review> {
  const at = (review.at ?? new Date()).toISOString().slice(0, 19).replace('T', ' ');
  await run(
    conn,
    `INSERT OR REPLACE INTO reviews (rep_id, period, comment, rating, reviewed_by, reviewed_at)
     VALUES ($repId, $period, $comment, $rating, $by, CAST($at AS TIMESTAMP))`,
    { repId: review.repId, period: review.period, comment: review.comment, rating: review.rating, by: review.by, at },
  );
  return (await getReview(conn, review.repId, review.period))!;
}
