// A customer's monthly revenue bars, returns kept negative, and the emptiness check.
import { describe, expect, it } from 'vitest';
import { customerRevenueOption, hasCustomerRevenue } from './customer-revenue';

const text = {
  revenue: 'Revenue',
  monthShort: (m: string) => m,
  month: (m: string) => `m:${m}`,
  money: (v: number | null) => `¥${v}`,
  moneyAxis: (v: number) => `${v}`,
};

describe('customerRevenueOption', () => {
  it('draws one bar per month, negative months below the axis', () => {
    const option = customerRevenueOption(['2025-12', '2026-01'], [1200.5, -30], text);
    expect((option.series as { data: (number | null)[] }[])[0]!.data).toEqual([1200.5, -30]);
    const html = (option.tooltip as { formatter: (p: unknown) => string }).formatter([{ dataIndex: 1 }]);
    expect(html).toContain('m:2026-01');
    expect(html).toContain('¥-30');
  });

  it('has nothing to draw when every month is zero', () => {
    expect(hasCustomerRevenue([0, 0])).toBe(false);
    expect(hasCustomerRevenue([0, -1])).toBe(true);
  });
});
