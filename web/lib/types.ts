// Shapes of the API answers the front end reads (interface.md); numbers are numbers, dates ISO strings.

export type Role = 'admin' | 'manager' | 'supervisor' | 'rep' | 'account_manager' | 'assistant';
export type Compare = 'previous' | 'last_year' | 'none';

export interface SessionInfo {
  username: string;
  displayName?: string;
  role: Role;
  repId: string | null;
  csrfToken: string | null;
  /** Present when the server reports whether demo data is loaded. */
  demo?: boolean;
}

export interface Health {
  status: 'ok';
  dataVersion: number;
  demo?: boolean;
}

export interface DemoAccount {
  username: string;
  role: Role;
  displayName: string;
  passwordHint: string;
}

export interface Tile {
  value: number | null;
  compare: number | null;
  change: number | null;
}

export const TILE_KEYS = [
  'revenue',
  'target',
  'attainment',
  'pace',
  'projection',
  'orders',
  'aov',
  'activeCustomers',
  'newCustomers',
  'visits',
] as const;
export type TileKey = (typeof TILE_KEYS)[number];

/** A resolved period: label is YYYY-MM, YYYY-Qn, YYYY or from..to; figures stop at effectiveEnd. */
export interface PeriodInfo {
  kind: 'month' | 'quarter' | 'year' | 'custom';
  label: string;
  start: string;
  end: string;
  effectiveEnd: string;
}

export interface Overview {
  asOf: string | null;
  period: PeriodInfo;
  /** The comparison period, null with compare=none. */
  compare: PeriodInfo | null;
  tiles: Record<TileKey, Tile>;
}

export interface TrendRow {
  month: string;
  revenue: number | null;
  target: number | null;
  attainment: number | null;
}

export interface Trend {
  asOf: string | null;
  rows: TrendRow[];
}
