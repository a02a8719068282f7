// Links keep the filters, and an added rep, team or customer replaces that filter.
import { describe, expect, it } from 'vitest';
import { customerHref, orderLinesHref, repHref, withFilters } from './links';

describe('links with filters', () => {
  it('keeps the filter query and adds the subject', () => {
    expect(orderLinesHref('?period=2025-03&team=A', { rep: 'E1' })).toBe('/orders?period=2025-03&team=A&rep=E1');
    expect(orderLinesHref('', {})).toBe('/orders');
    expect(orderLinesHref('?team=A&team=B', { team: 'B' })).toBe('/orders?team=B');
  });

  it('encodes ids in paths and values', () => {
    expect(repHref('E 1/2', '?period=2025')).toBe('/reps/E%201%2F2?period=2025');
    expect(customerHref('客户1', '')).toBe('/customers/%E5%AE%A2%E6%88%B71');
    expect(withFilters('/attainment', '?period=2025-Q1', { team: '华东一组' })).toBe('/attainment?period=2025-Q1&team=%E5%8D%8E%E4%B8%9C%E4%B8%80%E7%BB%84');
  });
});
