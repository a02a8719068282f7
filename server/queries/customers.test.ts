// Pure parts of the customer list: the 12-month window and the list SQL (snapshots).
import { describe, expect, it } from 'vitest';
import { scopeOf } from '../auth/scope.ts';
import { customerSet } from './customer-set.ts';
import { customerListSql, monthlyRevenueSql, twelveMonths } from './customers.ts';

const NO_DIMS = { teams: [], regions: [], reps: [], categories: [], channels: [] };

describe('twelveMonths', () => {
  it('ends with the as-of month and starts 11 months before it', () => {
    const w = twelveMonths('2025-03-14');
    expect([w.start, w.end, w.months.length, w.months[0], w.months[11]]).toEqual(['2024-04-01', '2025-03-14', 12, '2024-04', '2025-03']);
  });
});

describe('customer list SQL', () => {
  const q = { search: '甲', tier: 'key', sort: 'lastVisit' as const, order: 'asc' as const, page: 3, pageSize: 20 };

  it('reads customer_stats and customer_month when they answer', () => {
    const set = customerSet('2025-03-14', NO_DIMS, scopeOf(['R1']), true);
    const built = customerListSql('2025-03-14', { set, stats: true, months: true }, q);
    expect(built.sql).toMatchSnapshot();
    expect(built.params).toMatchObject({ limit: 20, offset: 40, search: '甲', tier: 'key' });
  });

  it('sorts the stored customer_list rows when the as-of date is the tables\' own', () => {
    const set = customerSet('2025-03-14', NO_DIMS, scopeOf(['R1']), true);
    const built = customerListSql('2025-03-14', { set, stats: true, months: true, list: true }, q);
    expect(built.sql).toMatchSnapshot();
    expect(built.params).toMatchObject({ limit: 20, offset: 40, search: '甲', tier: 'key' });
  });

  it('computes from raw facts otherwise', () => {
    const set = customerSet('2025-01-31', NO_DIMS, { all: true, repIds: [], key: 'all' }, false);
    expect(customerListSql('2025-01-31', { set, stats: false, months: false }, { ...q, search: null, tier: null }).sql).toMatchSnapshot();
    expect(monthlyRevenueSql('2025-01-31', ['C1'], false).sql).toMatchSnapshot();
  });
});
