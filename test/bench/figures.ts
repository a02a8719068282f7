// One measured figure with its target and verdict: the unit of the printed table, results.json and
// results.md. A figure without a target is information only; one that could not be measured says why.
export type Unit = 's' | 'ms' | 'rows/s' | '×' | 'MB' | 'KB' | 'req/s' | 'count';

export interface Target {
  /** The figure passes when `value op limit` holds. */
  op: '<=' | '<';
  limit: number;
}

export type Verdict = 'pass' | 'miss' | 'info' | 'not measured';

export interface Figure {
  id: string;
  section: string;
  label: string;
  value: number | null;
  unit: Unit;
  target: Target | null;
  verdict: Verdict;
  note?: string;
}

export function verdictOf(value: number | null, target: Target | null): Verdict {
  if (value === null || !Number.isFinite(value)) return 'not measured';
  if (!target) return 'info';
  return (target.op === '<=' ? value <= target.limit : value < target.limit) ? 'pass' : 'miss';
}

/** A figure from a measurement; `note` says how it was taken or, without a value, why it was not. */
export function figure(id: string, section: string, label: string, value: number | null, unit: Unit, target: Target | null = null, note?: string): Figure {
  return { id, section, label, value, unit, target, verdict: verdictOf(value, target), ...(note ? { note } : {}) };
}

export function notMeasured(id: string, section: string, label: string, unit: Unit, target: Target | null, why: string): Figure {
  return { id, section, label, value: null, unit, target, verdict: 'not measured', note: why };
}

export const atMost = (limit: number): Target => ({ op: '<=', limit });
export const below = (limit: number): Target => ({ op: '<', limit });

/** The value as the table shows it: precision by unit and size. */
export function formatValue(value: number | null, unit: Unit): string {
  if (value === null || !Number.isFinite(value)) return '—';
  switch (unit) {
    case 'count':
      return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toFixed(1);
    case 'rows/s':
    case 'req/s':
      return value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(1);
    case '×':
      return value.toFixed(2);
    case 'ms':
      return value >= 100 ? value.toFixed(0) : value.toFixed(1);
    default:
      return value >= 100 ? value.toFixed(0) : value.toFixed(2);
  }
}

export function formatTarget(t: Target | null, unit: Unit): string {
  return t ? `${t.op === '<=' ? '≤' : '<'} ${formatValue(t.limit, unit)} ${unit}` : '';
}

export const MARK: Record<Verdict, string> = { pass: '✓ pass', miss: '✗ miss', info: '·', 'not measured': '– not measured' };
