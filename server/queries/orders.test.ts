// Order-line paging: the cursor round trip, refusal of forged cursors, and the page SQL (snapshot).
import { describe, expect, it } from 'vitest';
import { scopeOf } from '../auth/scope.ts';
import { AppError } from '../errors.ts';
import type { ResolvedFilters } from './filters.ts';
import { cursorAfter, decodeCursor, encodeCursor, firstDays, ordersSql } from './orders.ts';

const f = {
  asOf: '2025-03-14',
  current: { kind: 'month', label: '2025-03', start: '2025-03-01', end: '2025-03-31', effectiveEnd: '2025-03-14' },
  dims: { teams: [], regions: ['华东'], reps: [], categories: [], channels: ['直销'] },
} as unknown as ResolvedFilters;

describe('cursors', () => {
  it('round-trip the key of the last row (a missing line number as −1)', () => {
    const c = { date: '2025-03-03', orderId: 'O301', lineNo: 2 };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
    expect(decodeCursor(cursorAfter({ orderDate: '2025-03-03', orderId: 'A-1', lineNo: null }))).toEqual({ date: '2025-03-03', orderId: 'A-1', lineNo: -1 });
  });

  it('refuse anything else with a 400 naming the cursor', () => {
    for (const bad of ['x', Buffer.from('[1,2,3]').toString('base64url'), Buffer.from('["2025-03-03","O",1.5]').toString('base64url')]) {
      expect(() => decodeCursor(bad)).toThrow(AppError);
    }
  });
});

describe('ordersSql', () => {
  it('filters by period, dimensions, scope and customers, after the cursor, in key order', () => {
    const built = ordersSql(f, scopeOf(['R1']), { customers: ['C1'], cursor: { date: '2025-03-03', orderId: 'O301', lineNo: 1 }, limit: 101, order: 'asc' });
    expect(built.sql).toMatchSnapshot();
    expect(built.params).toMatchObject({ start: '2025-03-01', end: '2025-03-14', cursorDate: '2025-03-03', cursorOrder: 'O301', cursorLine: 1 });
    expect(ordersSql(f, scopeOf(['R1']), { customers: [], cursor: null, limit: null, order: 'desc' }).sql).toMatch(/ORDER BY l\.order_date DESC, l\.order_id DESC, coalesce\(l\.line_no, -1\) DESC$/);
  });
});

describe('firstDays', () => {
  // The first quarter of 2025 up to the as-of date 2025-03-14; a first try reads 31 days.
  const quarter = { ...f, current: { kind: 'quarter', label: '2025-Q1', start: '2025-01-01', end: '2025-03-31', effectiveEnd: '2025-03-14' } } as unknown as ResolvedFilters;

  it('starts at the period edge or the cursor day, in the page order', () => {
    expect(firstDays(quarter, { cursor: null, order: 'asc' })).toEqual({ start: '2025-01-01', end: '2025-01-31' });
    expect(firstDays(quarter, { cursor: { date: '2025-02-05', orderId: 'O1', lineNo: 1 }, order: 'asc' })).toEqual({ start: '2025-02-05', end: '2025-03-07' });
    expect(firstDays(quarter, { cursor: null, order: 'desc' })).toEqual({ start: '2025-02-12', end: '2025-03-14' });
  });

  it('is null when the days would reach the other end of the period anyway', () => {
    expect(firstDays(f, { cursor: null, order: 'asc' })).toBeNull();
    expect(firstDays(quarter, { cursor: { date: '2025-02-20', orderId: 'O1', lineNo: 1 }, order: 'asc' })).toBeNull();
    expect(firstDays(quarter, { cursor: { date: '2025-01-20', orderId: 'O1', lineNo: 1 }, order: 'desc' })).toBeNull();
  });

  it('adds the days to the page SQL as one more date condition', () => {
    const built = ordersSql(f, scopeOf(['R1']), { customers: [], cursor: null, limit: 101, order: 'asc', within: { start: '2025-03-01', end: '2025-03-07' } });
    expect(built.sql).toContain('l.order_date BETWEEN CAST($withinStart AS DATE) AND CAST($withinEnd AS DATE)');
    expect(built.params).toMatchObject({ start: '2025-03-01', end: '2025-03-14', withinStart: '2025-03-01', withinEnd: '2025-03-07' });
  });
});
