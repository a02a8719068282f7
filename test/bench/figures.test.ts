// Verdicts against targets and the way values print, on values chosen by hand.
import { describe, expect, it } from 'vitest';
import { atMost, below, figure, formatTarget, formatValue, verdictOf } from './figures.ts';

describe('verdictOf', () => {
  it('passes at the limit for ≤ and misses above it', () => {
    expect(verdictOf(150, atMost(150))).toBe('pass');
    expect(verdictOf(150.1, atMost(150))).toBe('miss');
  });

  it('misses at the limit for <', () => {
    expect(verdictOf(499.9, below(500))).toBe('pass');
    expect(verdictOf(500, below(500))).toBe('miss');
  });

  it('is information without a target and not measured without a value', () => {
    expect(verdictOf(12, null)).toBe('info');
    expect(verdictOf(null, atMost(1))).toBe('not measured');
    expect(verdictOf(Number.NaN, atMost(1))).toBe('not measured');
  });

  it('a zero-error target passes only at zero', () => {
    expect(figure('s.e', 's', 'errors', 0, 'count', atMost(0)).verdict).toBe('pass');
    expect(figure('s.e', 's', 'errors', 1, 'count', atMost(0)).verdict).toBe('miss');
  });
});

describe('formatting', () => {
  it('rounds by unit and size', () => {
    expect(formatValue(26381.4, 'rows/s')).toBe('26,381');
    expect(formatValue(0, 'count')).toBe('0');
    expect(formatValue(1234, 'count')).toBe('1,234');
    expect(formatValue(7.456, '×')).toBe('7.46');
    expect(formatValue(148.6, 'ms')).toBe('149');
    expect(formatValue(12.34, 'ms')).toBe('12.3');
    expect(formatValue(1.234, 's')).toBe('1.23');
    expect(formatValue(null, 's')).toBe('—');
    expect(formatTarget(atMost(2), '×')).toBe('≤ 2.00 ×');
    expect(formatTarget(below(500), 'MB')).toBe('< 500 MB');
    expect(formatTarget(null, 'MB')).toBe('');
  });
});
