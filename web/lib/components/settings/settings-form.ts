// The settings form's rules, apart from the page: a draft copied from the server's settings, what
// is wrong with it (as message keys), adding dates to a list, and the PUT body of what changed.
import type { MessageKey } from '$lib/i18n/en';
import { WEIGHT_KEYS, type Settings, type WeightKey } from './types';

/** Weights as typed (text), the rest as values. */
export interface SettingsDraft {
  weights: Record<WeightKey, string>;
  holidays: string[];
  makeupWorkdays: string[];
  fiscalYearStartMonth: number;
  reportingCurrency: string;
}

export type DateListName = 'holidays' | 'makeupWorkdays';

export interface DraftProblems {
  weights: Partial<Record<WeightKey, MessageKey>>;
  /** A problem of the weights together (all zero). */
  weightsTotal: MessageKey | null;
  reportingCurrency: MessageKey | null;
}

export function draftOf(settings: Settings): SettingsDraft {
  const weights = {} as Record<WeightKey, string>;
  for (const k of WEIGHT_KEYS) weights[k] = String(settings.evaluationWeights[k]);
  return {
    weights,
    holidays: [...settings.holidays].sort(),
    makeupWorkdays: [...settings.makeupWorkdays].sort(),
    fiscalYearStartMonth: settings.fiscalYearStartMonth,
    reportingCurrency: settings.reportingCurrency,
  };
}

function weightValue(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return null;
  return Number(trimmed);
}

/** A real calendar day written YYYY-MM-DD. */
export function isRealDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

export function problemsOf(draft: SettingsDraft): DraftProblems {
  const problems: DraftProblems = { weights: {}, weightsTotal: null, reportingCurrency: null };
  let total = 0;
  for (const k of WEIGHT_KEYS) {
    const w = weightValue(draft.weights[k]);
    if (w === null) problems.weights[k] = 'settings.weightInvalid';
    else total += w;
  }
  if (Object.keys(problems.weights).length === 0 && total <= 0) problems.weightsTotal = 'settings.weightsZero';
  if (!/^[A-Z]{3}$/.test(draft.reportingCurrency.trim().toUpperCase())) problems.reportingCurrency = 'settings.currencyInvalid';
  return problems;
}

export function hasProblems(p: DraftProblems): boolean {
  return Object.keys(p.weights).length > 0 || p.weightsTotal !== null || p.reportingCurrency !== null;
}

/** Why `date` cannot join `list` (null: it can). */
export function dateProblem(date: string, list: readonly string[], other: readonly string[]): MessageKey | null {
  if (!isRealDate(date)) return 'settings.dateInvalid';
  if (list.includes(date)) return 'settings.dateDuplicate';
  if (other.includes(date)) return 'settings.dateInOtherList';
  return null;
}

export function addDate(list: readonly string[], date: string): string[] {
  return [...new Set([...list, date])].sort();
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** The PUT /api/settings body: only what differs from `saved` (empty when nothing does). */
export function changesOf(draft: SettingsDraft, saved: Settings): Partial<Settings> {
  const body: Partial<Settings> = {};
  const weights = {} as Record<WeightKey, number>;
  let weightsChanged = false;
  for (const k of WEIGHT_KEYS) {
    weights[k] = weightValue(draft.weights[k]) ?? saved.evaluationWeights[k];
    if (weights[k] !== saved.evaluationWeights[k]) weightsChanged = true;
  }
  if (weightsChanged) body.evaluationWeights = weights;
  if (!sameList(draft.holidays, [...saved.holidays].sort())) body.holidays = [...draft.holidays];
  if (!sameList(draft.makeupWorkdays, [...saved.makeupWorkdays].sort())) body.makeupWorkdays = [...draft.makeupWorkdays];
  if (draft.fiscalYearStartMonth !== saved.fiscalYearStartMonth) body.fiscalYearStartMonth = draft.fiscalYearStartMonth;
  const currency = draft.reportingCurrency.trim().toUpperCase();
  if (currency !== saved.reportingCurrency) body.reportingCurrency = currency;
  return body;
}

/** Each weight's share of the total, for the "share of the score" hint (null while invalid). */
export function weightShares(draft: SettingsDraft): Record<WeightKey, number> | null {
  const values = WEIGHT_KEYS.map((k) => weightValue(draft.weights[k]));
  if (values.some((v) => v === null)) return null;
  const total = (values as number[]).reduce((a, b) => a + b, 0);
  if (total <= 0) return null;
  const shares = {} as Record<WeightKey, number>;
  WEIGHT_KEYS.forEach((k, i) => (shares[k] = (values[i] as number) / total));
  return shares;
}
