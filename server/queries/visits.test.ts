// Pure parts of the visit figures: which visits can be judged for conversion, coverage per owner,
// the SQL builders (snapshots), and the windowed coverage queries against the full key-account list.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALL_SCOPE, scopeOf } from '../auth/scope.ts';
import { loadCustomerFixture } from '../../test/fixtures/customer-fixture.ts';
import { openTempDb } from '../../test/helpers/app.ts';
import type { ResolvedFilters } from './filters.ts';
import {
  conversionRange,
  conversionSql,
  coverageByOwner,
  keyAccountDay,
  keyAccounts,
  keyAccountsSql,
  keyCoverage,
  uncoveredAccounts,
  visitsByTypeSql,
  weeklySql,
} from './visits.ts';

const NO_DIMS = { teams: [], regions: [], reps: [], categories: [], channels: [] };
const march = { kind: 'month' as const, label: '2025-03', start: '2025-03-01', end: '2025-03-31', effectiveEnd: '2025-03-14' };
const f: ResolvedFilters = {
  asOf: '2025-03-14',
  asOfSource: 'data',
  dataEnd: '2025-03-14',
  current: march,
  compare: null,
  compareMode: 'none',
  dims: { ...NO_DIMS, teams: ['华东一组'], categories: ['A'] },
  lang: 'en',
  fiscalYearStartMonth: 1,
};
const sam = scopeOf(['R1', 'R2', 'S1']);

describe('conversionRange', () => {
  it('keeps the visits whose 30-day window has closed: visit day + 30 ≤ as-of date', () => {
    const feb = { kind: 'month' as const, label: '2025-02', start: '2025-02-01', end: '2025-02-28', effectiveEnd: '2025-02-28' };
    expect(conversionRange(feb, '2025-03-14')).toEqual({ start: '2025-02-01', end: '2025-02-12' });
    expect(conversionRange(feb, '2025-04-30')).toEqual({ start: '2025-02-01', end: '2025-02-28' });
    expect(conversionRange(march, '2025-03-14')).toBeNull();
  });
});

describe('coverageByOwner', () => {
  it('counts key accounts and those covered per owner', () => {
    const a = (owner: string, covered: boolean) => ({ customer_id: 'x', name: null, owner_rep_id: owner, last_visit: null, covered });
    const out = coverageByOwner([a('R1', true), a('R1', false), a('R1', false), a('R3', true)]);
    expect(out.get('R1')).toEqual({ keyAccounts: 3, keyAccountsCovered: 1, coverage: 0.333333 });
    expect(out.get('R3')).toEqual({ keyAccounts: 1, keyAccountsCovered: 1, coverage: 1 });
  });
});

describe('visit SQL', () => {
  const range = { start: '2025-02-01', end: '2025-02-12' };
  it('reads visit_conversion, or flags raw visits with an ASOF join; category filters do not apply', () => {
    const pre = conversionSql(range, f, sam, true);
    expect(pre.sql).toMatchSnapshot();
    expect(Object.keys(pre.params).sort()).toEqual(['end', 'scope', 'start', 'teams']);
    expect(conversionSql(range, f, sam, false).sql).toMatchSnapshot();
  });

  it('counts by type from the rollup or raw visits, and per ISO week', () => {
    expect(visitsByTypeSql(range, f, sam).sql).toMatchSnapshot();
    expect(visitsByTypeSql(range, f, sam, true).sql).toMatchSnapshot();
    expect(weeklySql(range, f, sam).sql).toMatchSnapshot();
  });

  it('finds key accounts of the owners in view with their last visit', () => {
    const built = keyAccountsSql('2025-03-14', f, sam);
    expect(built.sql).toMatchSnapshot();
    expect(built.params.R).toBe('2025-03-14');
  });
});

describe('key-account coverage on the fixture', () => {
  it('counts and lists what the full key-account list with last visits gives, for any reference day and page', async () => {
    const { db, dir } = await openTempDb();
    try {
      await loadCustomerFixture(db);
      await db.read(async (conn) => {
        const all = { ...f, dims: NO_DIMS };
        // Days around the fixture's visits (C4 on 02-20 and 03-12, C10 on 02-01): window edges on both sides.
        for (const R of ['2025-01-31', '2025-03-01', '2025-03-02', '2025-03-14', '2025-03-21', '2025-04-11', '2025-04-12']) {
          for (const scope of [ALL_SCOPE, scopeOf(['R3'])]) {
            const full = await keyAccounts(conn, R, all, scope);
            expect(await keyCoverage(conn, R, all, scope), R).toEqual(coverageByOwner(full));
            const open = full
              .filter((a) => !a.covered)
              .map((a) => ({ customerId: a.customer_id, name: a.name ?? a.customer_id, ownerRepId: a.owner_rep_id, lastVisit: a.last_visit }));
            expect(await uncoveredAccounts(conn, R, all, scope), R).toEqual(open);
            expect(await uncoveredAccounts(conn, R, all, scope, { offset: 1, limit: 1 }), R).toEqual(open.slice(1, 2));
          }
        }
      });
    } finally {
      await db.close();
      await fs.promises.rm(dir, { recursive: true, force: true });
    }
  });

  it('cuts the same coverage and uncovered list from the company-wide key accounts of the day, for any filter and scope', async () => {
    const { db, dir } = await openTempDb();
    try {
      await loadCustomerFixture(db);
      await db.read(async (conn) => {
        const day = keyAccountDay;
        let listed = 0;
        for (const R of ['2025-01-31', '2025-03-01', '2025-03-14', '2025-04-12']) {
          for (const dims of [NO_DIMS, { ...NO_DIMS, reps: ['R1'] }, { ...NO_DIMS, reps: ['R3', 'R9'] }, { ...NO_DIMS, teams: ['华北二组'] }, { ...NO_DIMS, teams: ['华东一组'] }, { ...NO_DIMS, regions: ['华北'] }]) {
            for (const scope of [ALL_SCOPE, scopeOf(['R3']), scopeOf(['R1', 'R2'])]) {
              const g = { ...f, dims };
              const label = `${R} ${JSON.stringify(dims)} ${scope.key}`;
              expect(await keyCoverage(conn, R, g, scope, day), label).toEqual(await keyCoverage(conn, R, g, scope));
              const open = await uncoveredAccounts(conn, R, g, scope);
              expect(await uncoveredAccounts(conn, R, g, scope, null, day), label).toEqual(open);
              expect(await uncoveredAccounts(conn, R, g, scope, { offset: 1, limit: 1 }, day), label).toEqual(open.slice(1, 2));
              listed += open.length;
            }
          }
        }
        expect(listed).toBeGreaterThan(5);
      });
    } finally {
      await db.close();
      await fs.promises.rm(dir, { recursive: true, force: true });
    }
  });
});
