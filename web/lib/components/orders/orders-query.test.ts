// The order-lines query from the URL, and the drill-down links that lead to it.
import { describe, expect, it } from 'vitest';
import { emptyFilters } from '$lib/filters/filters';
import { ordersView } from './orders-query';
import { ordersHref } from './orders-link';

describe('ordersView', () => {
  it('sends the filters, the customers and the order; not compare', () => {
    const view = ordersView(new URLSearchParams('period=2025-03&compare=previous&team=A&customer=C1&customer=C1&customer=C2&order=desc'));
    expect(view.query.toString()).toBe('period=2025-03&team=A&customer=C1&customer=C2&order=desc');
    expect(view).toMatchObject({ period: '2025-03', from: null, customers: ['C1', 'C2'], newestFirst: true });
  });

  it('uses a from/to range only without a period, and only when it is well formed', () => {
    expect(ordersView(new URLSearchParams('from=2024-01-01&to=2025-12-31')).query.toString()).toBe('from=2024-01-01&to=2025-12-31');
    expect(ordersView(new URLSearchParams('period=2025&from=2024-01-01&to=2025-12-31')).query.toString()).toBe('period=2025');
    expect(ordersView(new URLSearchParams('from=2025-12-31&to=2024-01-01')).from).toBeNull();
    expect(ordersView(new URLSearchParams('from=yesterday&to=2024-01-01')).query.toString()).toBe('');
  });
});

describe('ordersHref', () => {
  it('carries the filters and the drill-down, and drops the comparison', () => {
    const filters = { ...emptyFilters(), period: '2025-03', compare: 'previous' as const, team: ['A'] };
    expect(ordersHref(filters, { rep: ['E1'] })).toBe('/orders?period=2025-03&team=A&rep=E1');
    expect(ordersHref(filters, { rep: ['E1'], team: [], period: '2025-Q1' })).toBe('/orders?period=2025-Q1&rep=E1');
  });

  it("gives a customer's whole history as a range when no period is chosen", () => {
    expect(ordersHref(emptyFilters(), { customer: ['C 1'], from: '2024-01-02', to: '2026-01-15' })).toBe(
      '/orders?from=2024-01-02&to=2026-01-15&customer=C+1',
    );
    // A range the user chose wins over the customer's history.
    const chosen = { ...emptyFilters(), from: '2025-01-01', to: '2025-01-31' };
    expect(ordersHref(chosen, { customer: ['C1'], from: '2024-01-02', to: '2026-01-15' })).toBe('/orders?from=2025-01-01&to=2025-01-31&customer=C1');
    const withPeriod = { ...emptyFilters(), period: '2025' };
    expect(ordersHref(withPeriod, { customer: ['C1'], from: '2024-01-02', to: '2026-01-15' })).toBe('/orders?period=2025&customer=C1');
    expect(ordersHref(emptyFilters())).toBe('/orders');
  });
});
