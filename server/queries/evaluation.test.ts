// Pure parts of the evaluation: the score formula, medians and the SQL builders (snapshots).
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALL_SCOPE, scopeOf } from '../auth/scope.ts';
import { loadCustomerFixture } from '../../test/fixtures/customer-fixture.ts';
import { openTempDb } from '../../test/helpers/app.ts';
import { customerSet, NO_DIMS } from './customer-set.ts';
import { atRiskSql } from './at-risk.ts';
import {
  atRiskByRepSql,
  median,
  monthlyRevenueSql,
  recentVisitsByRepSql,
  recentVisitsSql,
  repListSql,
  scoreOf,
  scoreProvider,
  topCustomersByRepSql,
  topCustomersSql,
  type Component,
} from './evaluation.ts';
import { resolveFilters, type ResolvedFilters } from './filters.ts';
import { calendarOf, loadSettings } from './settings.ts';
import { loadTargetBook } from './targets.ts';

const c = (metric: Component['metric'], weight: number, attainment: number | null): Component => ({ metric, weight, actual: null, target: null, attainment });

describe('scoreOf', () => {
  it('weighs the clamped attainments of the components that have a target', () => {
    // 100 × (50 × 1.2 (1.5 capped) + 20 × 0 (−0.1 floored) + 15 × 0.5) / 85 = 100 × 67.5 / 85 = 79.41
    expect(scoreOf([c('revenue', 50, 1.5), c('new_customers', 20, -0.1), c('visits', 15, 0.5), c('key_account_coverage', 15, null)])).toBe(79.41);
    expect(scoreOf([c('revenue', 50, 1), c('visits', 15, 1)])).toBe(100);
    expect(scoreOf([c('revenue', 50, 2), c('visits', 15, 3)])).toBe(120);
  });

  it('is null without any component with a target, and ignores zero weights', () => {
    expect(scoreOf([c('revenue', 50, null)])).toBeNull();
    expect(scoreOf([c('revenue', 0, 0.2), c('visits', 15, 0.8)])).toBe(80);
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});

describe('evaluation SQL', () => {
  it('reads monthly revenue from the rollup when it answers, raw lines otherwise', () => {
    expect(monthlyRevenueSql({ start: '2024-04-01', end: '2025-03-14' }, '2025-03-14').sql).toMatchSnapshot();
    expect(monthlyRevenueSql({ start: '2024-04-01', end: '2025-03-10' }, '2025-03-14').sql).toMatchSnapshot();
  });

  it('lists top customers, recent visits and the roster', () => {
    expect(topCustomersSql('R1', { start: '2025-03-01', end: '2025-03-14' }, 10).sql).toMatchSnapshot();
    expect(topCustomersSql('R1', { start: '2025-03-01', end: '2025-03-14' }, 10, '2025-03-14').sql).toMatchSnapshot();
    expect(recentVisitsSql('R1', { start: '1900-01-01', end: '2025-03-14' }, 10).sql).toMatchSnapshot();
    const f = { asOf: '2025-03-14', dims: { teams: ['华东一组'], regions: [], reps: [], categories: ['A'], channels: [] } } as unknown as ResolvedFilters;
    expect(repListSql(f, scopeOf(['R1', 'R2'])).sql).toMatchSnapshot();
  });
});

describe('topCustomersSql on the fixture', () => {
  it('gives the same customers, revenue and shares from the customer rollup as from raw lines', async () => {
    const { db, dir } = await openTempDb();
    try {
      await loadCustomerFixture(db);
      await db.read(async (conn) => {
        const ranges = [
          { start: '2025-03-01', end: '2025-03-14' },
          { start: '2025-02-01', end: '2025-02-28' },
          { start: '2025-01-01', end: '2025-03-14' },
        ];
        let compared = 0;
        for (const rep of ['R1', 'R2', 'R3', 'R4']) {
          for (const range of ranges) {
            const fromRollup = topCustomersSql(rep, range, 2, '2025-03-14');
            const raw = topCustomersSql(rep, range, 2);
            const a = await conn.runAndReadAll(fromRollup.sql, fromRollup.params);
            const b = await conn.runAndReadAll(raw.sql, raw.params);
            expect(a.getRowsJson(), `${rep} ${range.start}`).toEqual(b.getRowsJson());
            compared += b.getRowsJson().length;
          }
        }
        expect(compared).toBeGreaterThan(5);
      });
    } finally {
      await db.close();
      await fs.promises.rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the lists of every rep at once on the fixture', () => {
  it('cut per rep, equal each rep’s own top customers, latest visits and at-risk customers', async () => {
    const { db, dir } = await openTempDb();
    try {
      await loadCustomerFixture(db);
      await db.read(async (conn) => {
        const all = async (built: { sql: string; params: Record<string, unknown> }) =>
          (await conn.runAndReadAll(built.sql, built.params as never)).getRowObjectsJson() as Array<Record<string, unknown>>;
        const ofRep = (found: Array<Record<string, unknown>>, rep: string) =>
          found.filter((r) => r.rep_id === rep).map(({ rep_id: _, ...rest }) => rest);
        const counts = { top: 0, visits: 0, risk: 0 };
        for (const [range, R] of [
          [{ start: '2025-03-01', end: '2025-03-14' }, '2025-03-14'],
          [{ start: '2025-02-01', end: '2025-02-28' }, '2025-02-28'],
          [{ start: '2025-01-01', end: '2025-03-14' }, '2025-03-14'],
        ] as const) {
          for (const limit of [1, 2, 10]) {
            const tops = [await all(topCustomersByRepSql(range, limit, '2025-03-14')), await all(topCustomersByRepSql(range, limit))];
            const visits = await all(recentVisitsByRepSql({ start: '1900-01-01', end: R }, limit));
            const risk = await all(atRiskByRepSql('2025-03-14', R, limit));
            for (const rep of ['R1', 'R2', 'R3', 'R4', 'R9']) {
              for (const [i, top] of tops.entries()) {
                const own = await all(topCustomersSql(rep, range, limit, i === 0 ? '2025-03-14' : undefined));
                expect(ofRep(top, rep), `top ${rep} ${range.start} ${limit}`).toEqual(own);
                counts.top += own.length;
              }
              const ownVisits = await all(recentVisitsSql(rep, { start: '1900-01-01', end: R }, limit));
              expect(ofRep(visits, rep), `visits ${rep} ${R} ${limit}`).toEqual(ownVisits);
              counts.visits += ownVisits.length;
              const set = customerSet('2025-03-14', { ...NO_DIMS, reps: [rep] }, ALL_SCOPE, true);
              const ownRisk = await all(atRiskSql(set, R, 'stored', { offset: 0, limit }));
              const strip = (rs: Array<Record<string, unknown>>) => rs.map(({ total: _, ...rest }) => rest);
              expect(strip(ofRep(risk, rep)), `at risk ${rep} ${R} ${limit}`).toEqual(strip(ownRisk));
              counts.risk += ownRisk.length;
            }
          }
        }
        expect(counts.top).toBeGreaterThan(10);
        expect(counts.visits).toBeGreaterThan(10);
        expect(counts.risk).toBeGreaterThan(3);
      });
    } finally {
      await db.close();
      await fs.promises.rm(dir, { recursive: true, force: true });
    }
  });
});

describe('scoreProvider', () => {
  it('gives the rankings each rep’s score for a period (worked out in test/api/reps.test.ts)', async () => {
    const { db, dir } = await openTempDb();
    try {
      await loadCustomerFixture(db);
      const scores = await db.read(async (conn) => {
        const settings = await loadSettings(conn);
        const cal = calendarOf(settings);
        const book = (m: 'revenue' | 'new_customers' | 'visits') => loadTargetBook(conn, m, cal, settings.fiscalYearStartMonth);
        const deps = { weights: settings.evaluationWeights, books: { revenue: await book('revenue'), new_customers: await book('new_customers'), visits: await book('visits') } };
        const f = await resolveFilters(conn, {}, settings);
        const own = await scoreProvider(conn, f, ALL_SCOPE, deps)(f.current, ['R1', 'R2', 'R3', 'R4']);
        // From the company-wide scores of the range (computed once here), whatever the scope.
        let computed = 0;
        const company = async (_range: unknown, compute: () => Promise<Map<string, unknown>>) => (computed++, compute());
        const shared = await scoreProvider(conn, f, ALL_SCOPE, deps, company as never)(f.current, ['R1', 'R2', 'R3', 'R4']);
        expect(shared).toEqual(own);
        expect(await scoreProvider(conn, f, scopeOf(['R2', 'R3']), deps, company as never)(f.current, ['R2', 'R3'])).toEqual(
          new Map([['R2', own.get('R2')], ['R3', own.get('R3')]]),
        );
        expect(computed).toBe(2);
        return own;
      });
      // Alice 46.13, Bob 67.31, Carol 50 (coverage only); Dave has no component with a target in March.
      expect([...scores.entries()]).toEqual([
        ['R1', 46.13],
        ['R2', 67.31],
        ['R3', 50],
        ['R4', null],
      ]);
    } finally {
      await db.close();
      await fs.promises.rm(dir, { recursive: true, force: true });
    }
  });
});
