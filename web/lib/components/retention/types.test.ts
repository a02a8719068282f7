// The retention page's URL parameters: basis, the chosen cohort cell, the list shown.
import { describe, expect, it } from 'vitest';
import { parseListKind, parseRetentionView } from './types';

describe('retention view', () => {
  it('reads the basis and a well-formed cohort cell', () => {
    expect(parseRetentionView(new URLSearchParams(''))).toEqual({ basis: 'logo', cell: null });
    expect(parseRetentionView(new URLSearchParams('basis=revenue&cohort=2025-03&k=2'))).toEqual({ basis: 'revenue', cell: { cohort: '2025-03', k: 2 } });
    expect(parseRetentionView(new URLSearchParams('cohort=2025-03'))).toEqual({ basis: 'logo', cell: { cohort: '2025-03', k: 0 } });
  });

  it('ignores malformed cells and bases', () => {
    expect(parseRetentionView(new URLSearchParams('basis=profit&cohort=2025-13&k=1')).cell).toBeNull();
    expect(parseRetentionView(new URLSearchParams('cohort=2025-03&k=-1')).cell).toBeNull();
    expect(parseRetentionView(new URLSearchParams('cohort=2025-03&k=x')).cell).toBeNull();
    expect(parseRetentionView(new URLSearchParams('basis=profit')).basis).toBe('logo');
  });

  it('shows churned customers unless the at-risk list is asked for', () => {
    expect(parseListKind(new URLSearchParams('list=at_risk'))).toBe('at_risk');
    expect(parseListKind(new URLSearchParams('list=x'))).toBe('churned');
  });
});
