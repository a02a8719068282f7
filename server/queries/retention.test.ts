// Pure parts of retention: the SQL builders (snapshots, so a change to a metric shows in the diff as
// SQL), the cohort-row assembly, the cohort months of a period and the at-risk reasons in words.
import { describe, expect, it } from 'vitest';
import { scopeOf } from '../auth/scope.ts';
import { atRiskSql, silenceReason, visitReason, type CustomerFacts } from './at-risk.ts';
import { NO_DIMS, customerSet } from './customer-set.ts';
import type { PeriodRange } from './filters.ts';
import { churnedSql, cohortCustomersSql, cohortMonths, cohortRows, cohortSql, retentionRatesSql, retentionReportSql } from './retention.ts';

const everyone = customerSet('2025-03-14', NO_DIMS, { all: true, repIds: [], key: 'all' }, true);
const alice = customerSet('2025-03-14', NO_DIMS, scopeOf(['R1']), true);
const aliceRaw = customerSet('2025-03-14', { ...NO_DIMS, teams: ['华东一组'] }, scopeOf(['R1']), false);
const categoryB = { ...NO_DIMS, categories: ['B'] };
const months = { cohortStart: '2025-01-01', cohortEnd: '2025-03-01', asOf: '2025-03-14' };
const base = { current: { start: '2025-03-01', end: '2025-03-14' }, compare: { start: '2025-02-01', end: '2025-02-28' } };

describe('customerSet', () => {
  it('is everyone for an unfiltered company-wide scope', () => {
    expect(everyone.everyone).toBe(true);
    expect(customerSet('2025-03-14', categoryB, { all: true, repIds: [], key: 'all' }, false).everyone).toBe(true);
  });

  it('unites owned customers with those on the reps’ lines and visits', () => {
    expect(alice.sql).toMatchSnapshot();
    expect(aliceRaw.sql).toMatchSnapshot();
    expect(Object.keys(aliceRaw.params).sort()).toEqual(['csa_end', 'csa_scope', 'csa_start', 'csa_teams', 'cso_asof', 'cso_scope', 'cso_teams', 'csv_end', 'csv_scope', 'csv_start', 'csv_teams']);
  });
});

describe('retention SQL', () => {
  it('reads cohort_offset for everyone, customer_stats + customer_month for a set, raw lines otherwise', () => {
    expect(cohortSql({ ...months, set: everyone, dims: NO_DIMS, precomputed: true }).sql).toMatchSnapshot();
    expect(cohortSql({ ...months, set: alice, dims: NO_DIMS, precomputed: true }).sql).toMatchSnapshot();
    expect(cohortSql({ ...months, set: aliceRaw, dims: categoryB, precomputed: false }).sql).toMatchSnapshot();
  });

  it('builds NRR, GRR and churn from customer_month or raw lines', () => {
    expect(retentionRatesSql({ ...base, set: everyone, dims: NO_DIMS, precomputed: true }).sql).toMatchSnapshot();
    expect(retentionRatesSql({ ...base, set: aliceRaw, dims: categoryB, precomputed: false }).sql).toMatchSnapshot();
  });

  it('builds the whole report as one statement that makes the customer set once', () => {
    const cohort = { ...months, set: alice, dims: NO_DIMS, precomputed: true };
    const built = retentionReportSql({ set: alice, cohort, rates: { ...base, set: alice, dims: NO_DIMS, precomputed: true }, R: '2025-03-14', risk: 'stored' });
    expect(built.sql).toMatchSnapshot();
    expect(built.sql.match(/\bcs AS /g)).toEqual(['cs AS ']);
    expect(built.sql).toContain('cs AS MATERIALIZED');
    expect(built.params).toMatchObject({ R: '2025-03-14', cohortStart: '2025-01-01', cohortEnd: '2025-03-01', asOf: '2025-03-14', cso_asof: '2025-03-14' });
    // Without a comparison period or a cohort month, those parts answer nothing (not a missing CTE).
    const bare = retentionReportSql({ set: everyone, cohort: null, rates: null, R: '2025-03-14', risk: 'stored' });
    expect(bare.sql).not.toContain('cs AS');
    expect(bare.sql).toMatch(/rates AS \(SELECT NULL/);
    expect(bare.sql).toMatch(/cohort_cells AS \(SELECT NULL::VARCHAR AS cohort.* WHERE false\)/);
  });

  it('builds the lists behind the figures', () => {
    expect(churnedSql({ ...base, set: alice, dims: NO_DIMS, precomputed: true }, '2025-03-14', true).sql).toMatchSnapshot();
    expect(atRiskSql(everyone, '2025-03-14', false).sql).toMatchSnapshot();
    expect(cohortCustomersSql({ cohort: '2025-01-01', month: '2025-02-01', asOf: '2025-03-14', set: alice, dims: NO_DIMS, precomputed: false }).sql).toMatchSnapshot();
  });
});

describe('cohortRows', () => {
  const cells = [
    { cohort: '2025-01', size: 4, k: 0, active: 4, revenue: 1000 },
    { cohort: '2025-01', size: 4, k: 2, active: 1, revenue: 250 },
    { cohort: '2025-02', size: 2, k: 0, active: 2, revenue: 0 },
    { cohort: '2025-03', size: 1, k: null, active: 0, revenue: 0 },
  ];

  it('follows each cohort to the as-of month, a month without purchases counting 0', () => {
    // 2025-01: k 0 … 2 (as-of March): 4/4, nobody in February (0), 1/4 in March.
    expect(cohortRows(cells, '2025-03-14', 'logo')).toEqual([
      { cohort: '2025-01', size: 4, values: [1, 0, 0.25] },
      { cohort: '2025-02', size: 2, values: [1, 0] },
      { cohort: '2025-03', size: 1, values: [1] },
    ]);
  });

  it('divides revenue by the cohort month, null when that base is not positive', () => {
    expect(cohortRows(cells, '2025-03-14', 'revenue')).toEqual([
      { cohort: '2025-01', size: 4, values: [1, 0, 0.25] },
      { cohort: '2025-02', size: 2, values: [null, null] },
      { cohort: '2025-03', size: 1, values: [null] },
    ]);
  });
});

describe('cohortMonths', () => {
  const range = (start: string, end: string, effectiveEnd: string): PeriodRange => ({ kind: 'custom', label: '', start, end, effectiveEnd });

  it('takes the months a period overlaps, up to the as-of date', () => {
    expect(cohortMonths(range('2025-01-15', '2025-06-30', '2025-03-14'), '2025-03-14')).toEqual({ cohortStart: '2025-01-01', cohortEnd: '2025-03-01' });
    expect(cohortMonths(range('2025-04-01', '2025-04-30', '2025-03-14'), '2025-03-14')).toBeNull();
  });
});

describe('reasons', () => {
  const facts: CustomerFacts = {
    customer_id: 'C', name: 'n', tier: 'key', owner_rep_id: 'R', last_purchase: '2025-10-02', days_since: 104,
    purchase_days: 7, median_gap_days: 21, threshold: 45, last_visit: '2025-11-20', key_account: true, revenue: 0,
  };

  it('says how long a customer has been silent against their usual gap', () => {
    expect(silenceReason(facts, 'en')).toBe('no purchase since 2025-10-02 (104 days; usual gap 21 days)');
    expect(silenceReason({ ...facts, median_gap_days: 10.5 }, 'en')).toBe('no purchase since 2025-10-02 (104 days; usual gap 10.5 days)');
    expect(silenceReason({ ...facts, purchase_days: 2 }, 'en')).toBe('no purchase since 2025-10-02 (104 days; fewer than 3 purchases)');
    expect(silenceReason(facts, 'zh')).toBe('自 2025-10-02 起未采购（104 天；通常间隔 21 天）');
  });

  it('names the last visit of a key account', () => {
    expect(visitReason(facts, 'en')).toBe('key account, last visit 2025-11-20');
    expect(visitReason({ ...facts, last_visit: null }, 'zh')).toBe('重点客户，无拜访记录');
  });
});
