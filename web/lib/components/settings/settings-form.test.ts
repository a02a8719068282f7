// The settings form rules on hand-written drafts: validation, date lists, and the PUT body.
import { describe, expect, it } from 'vitest';
import { addDate, changesOf, dateProblem, draftOf, hasProblems, isRealDate, problemsOf, weightShares } from './settings-form';
import type { Settings } from './types';

const saved: Settings = {
  evaluationWeights: { revenue: 50, new_customers: 20, visits: 15, key_account_coverage: 15 },
  holidays: ['2026-01-01'],
  makeupWorkdays: [],
  fiscalYearStartMonth: 1,
  reportingCurrency: 'CNY',
};

describe('problemsOf', () => {
  it('accepts the saved settings', () => {
    expect(hasProblems(problemsOf(draftOf(saved)))).toBe(false);
  });

  it('flags non-numbers, negatives, all-zero weights and a bad currency', () => {
    const draft = draftOf(saved);
    draft.weights.visits = '-5';
    draft.weights.revenue = 'abc';
    draft.reportingCurrency = 'yuan';
    const p = problemsOf(draft);
    expect(p.weights).toEqual({ visits: 'settings.weightInvalid', revenue: 'settings.weightInvalid' });
    expect(p.reportingCurrency).toBe('settings.currencyInvalid');
    const zero = draftOf({ ...saved, evaluationWeights: { revenue: 0, new_customers: 0, visits: 0, key_account_coverage: 0 } });
    expect(problemsOf(zero).weightsTotal).toBe('settings.weightsZero');
  });
});

describe('dates', () => {
  it('knows real days', () => {
    expect(isRealDate('2024-02-29')).toBe(true);
    expect(isRealDate('2025-02-29')).toBe(false);
    expect(isRealDate('2025-2-3')).toBe(false);
  });

  it('refuses duplicates and days already in the other list, and keeps lists sorted', () => {
    expect(dateProblem('2026-01-01', ['2026-01-01'], [])).toBe('settings.dateDuplicate');
    expect(dateProblem('2026-02-15', [], ['2026-02-15'])).toBe('settings.dateInOtherList');
    expect(dateProblem('2026-13-01', [], [])).toBe('settings.dateInvalid');
    expect(dateProblem('2026-02-15', [], [])).toBeNull();
    expect(addDate(['2026-05-01', '2026-01-01'], '2026-02-15')).toEqual(['2026-01-01', '2026-02-15', '2026-05-01']);
  });
});

describe('changesOf', () => {
  it('is empty when nothing changed', () => {
    expect(changesOf(draftOf(saved), saved)).toEqual({});
  });

  it('carries only the changed settings, weights as numbers and the currency upper-cased', () => {
    const draft = draftOf(saved);
    draft.weights.visits = '25';
    draft.makeupWorkdays = ['2026-02-14'];
    draft.reportingCurrency = 'usd';
    expect(changesOf(draft, saved)).toEqual({
      evaluationWeights: { revenue: 50, new_customers: 20, visits: 25, key_account_coverage: 15 },
      makeupWorkdays: ['2026-02-14'],
      reportingCurrency: 'USD',
    });
  });
});

describe('weightShares', () => {
  it('gives each weight its share of the total', () => {
    expect(weightShares(draftOf(saved))).toEqual({ revenue: 0.5, new_customers: 0.2, visits: 0.15, key_account_coverage: 0.15 });
  });
});
