// Reviews: one per rep and period, replaced when written again.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { openTempDb } from '../../test/helpers/app.ts';
import { getReview, saveReview } from './reviews.ts';

describe('reviews', () => {
  let db: Database;
  let dir: string;
  beforeAll(async () => {
    ({ db, dir } = await openTempDb());
  });
  afterAll(async () => {
    await db.close();
    await fs.promises.rm(dir, { recursive: true, force: true });
  });

  it('stores, reads back and replaces a review', async () => {
    expect(await db.read((c) => getReview(c, 'R1', '2025-03'))).toBeNull();
    const at = new Date('2025-03-20T08:30:00Z');
    await db.transaction((c) => saveReview(c, { repId: 'R1', period: '2025-03', comment: '不错', rating: 4, by: 'sam', at }));
    expect(await db.read((c) => getReview(c, 'R1', '2025-03'))).toEqual({ comment: '不错', rating: 4, by: 'sam', at: '2025-03-20T08:30:00Z' });
    const replaced = await db.transaction((c) => saveReview(c, { repId: 'R1', period: '2025-03', comment: null, rating: 2, by: 'mona', at }));
    expect(replaced).toEqual({ comment: null, rating: 2, by: 'mona', at: '2025-03-20T08:30:00Z' });
    expect(await db.read((c) => getReview(c, 'R1', '2025-Q1'))).toBeNull();
  });
});
