// The data-quality summary on a small hand-made database: unknown ids, months without orders,
// reps without targets, targets without reps and likely duplicate customers.
import fs from 'node:fs';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Database } from '../../server/db/database.ts';
import { dataQuality, qualityLine } from '../../pipelines/quality.ts';
import { openTempDb } from '../helpers/app.ts';

let db: Database;
let dir: string;
beforeEach(async () => ({ db, dir } = await openTempDb()));
afterEach(async () => {
  await db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('lists what the facts and the reference files disagree on', async () => {
  await db.write(async (conn) => {
    await conn.run(`INSERT INTO reps (rep_id, name, role, team, batch_id) VALUES ('R1', 'Li Lei', 'rep', 'East 1', 'b'), ('R2', 'Han Mei', 'rep', 'East 1', 'b')`);
    await conn.run(`INSERT INTO customers (customer_id, name, batch_id) VALUES ('C1', 'Acme Trading', 'b'), ('C2', 'ACME trading ', 'b'), ('C3', 'Beta', 'b')`);
    await conn.run(`INSERT INTO orders (order_id, order_date, customer_id, customer_name, rep_id, amount, status, batch_id) VALUES
      ('O1', '2025-01-10', 'C1', NULL, 'R1', 10, 'completed', 'b'),
      ('O2', '2025-01-11', 'C9', NULL, 'R9', 10, 'completed', 'b'),
      ('O3', '2025-03-02', 'C9', NULL, 'R9', 10, 'completed', 'b'),
      ('O4', '2025-04-02', 'Beta Co', 'Beta', 'R2', 10, 'completed', 'b')`);
    await conn.run(`INSERT INTO visits (visit_id, visit_at, rep_id, customer_id, type, batch_id) VALUES ('V1', '2025-03-05 10:00', 'R2', 'C3', 'visit', 'b')`);
    await conn.run(`INSERT INTO targets VALUES ('2025-01', 'month', 'rep', 'R1', 'revenue', 100, 'b'), ('2025-Q2', 'quarter', 'rep', 'R2', 'revenue', 100, 'b'),
      ('2025-01', 'month', 'rep', 'R7', 'revenue', 100, 'b'), ('2025', 'year', 'team', 'West 9', 'revenue', 100, 'b')`);
  });
  const q = await dataQuality(db);
  expect(q.unknownReps).toEqual([
    { repId: 'R9', facts: 2 },
    { repId: 'R7', facts: 1 },
  ]);
  expect(q.unknownCustomers).toEqual([
    { customerId: 'C9', facts: 2 },
    { customerId: 'Beta Co', facts: 1 },
  ]);
  expect(q.monthsWithoutData).toEqual(['2025-02']);
  // R1 has a January target; R2 has Q2 (covers April) but nothing for March; R9 has none.
  expect(q.repsWithoutTargets).toEqual([
    { repId: 'R2', name: 'Han Mei', months: ['2025-03'] },
    { repId: 'R9', name: null, months: ['2025-01', '2025-03'] },
  ]);
  expect(q.targetsWithoutReps).toEqual([
    { scopeKind: 'rep', scopeId: 'R7', periods: ['2025-01'] },
    { scopeKind: 'team', scopeId: 'West 9', periods: ['2025'] },
  ]);
  expect(q.duplicateCustomers).toEqual([
    { name: 'ACME trading ', customerIds: ['C1', 'C2'] },
    { name: 'Beta', customerIds: ['Beta Co', 'C3'] },
  ]);
  expect(qualityLine(q)).toBe(
    'Data quality: 2 unknown rep ids, 2 unknown customer ids, 1 month without orders (2025-02), 2 reps without a target in some month, 2 target scopes not on the roster, 2 likely duplicate customers.',
  );
});

it('says so when there is nothing to report', async () => {
  expect(qualityLine(await dataQuality(db))).toBe('Data quality: no issues found.');
});
