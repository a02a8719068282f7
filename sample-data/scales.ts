// The sizes of the sample company: the demo, two large scales for performance work, and a tiny one
// for fast tests. Everything else in the model is derived from these numbers.

export type ScaleName = 'tiny' | 'demo' | '1m' | '10m';
export const PUBLIC_SCALES = ['demo', '1m', '10m'] as const;

export interface ScaleConfig {
  /** First day of history (ISO). */
  start: string;
  /** The as-of date (ISO), mid-month so pacing means something; the next export runs to its month end. */
  asOf: string;
  /** Regions with the number of teams in each (each team has one supervisor). */
  regions: ReadonlyArray<{ name: string; teams: number }>;
  /** Sales representatives per team at the start of history (the leavers among them). */
  repsPerTeam: number;
  /** Account managers per team (they own most key accounts). */
  accountManagersPerTeam: number;
  assistants: number;
  /** Reps hired during history, and reps who leave during it. */
  hires: number;
  leavers: number;
  customers: number;
  /** Share of customers in the key tier. */
  keyShare: number;
  /** Share of customers already trading when history starts; the rest arrive during it. */
  existingShare: number;
  products: number;
  /** Order lines the history should hold, roughly (the model calibrates to it). */
  orderLines: number;
  /** Visits and calls per salesperson on an ordinary working day. */
  visitsPerSellerDay: number;
  /** Write the XLSX form (only up to the demo size). */
  xlsx: boolean;
}

const DEMO: ScaleConfig = {
  start: '2024-01-01',
  asOf: '2026-01-15',
  regions: [
    { name: '华东', teams: 2 },
    { name: '华南', teams: 1 },
    { name: '华北', teams: 1 },
  ],
  repsPerTeam: 8,
  accountManagersPerTeam: 1,
  assistants: 2,
  hires: 1,
  leavers: 1,
  customers: 1500,
  keyShare: 0.1,
  existingShare: 0.5,
  products: 120,
  orderLines: 150_000,
  visitsPerSellerDay: 1.6,
  xlsx: true,
};

export const SCALES: Record<ScaleName, ScaleConfig> = {
  tiny: {
    ...DEMO,
    start: '2025-08-01',
    regions: [
      { name: '华东', teams: 1 },
      { name: '华南', teams: 1 },
    ],
    repsPerTeam: 3,
    assistants: 1,
    customers: 100,
    products: 30,
    orderLines: 3_000,
  },
  demo: DEMO,
  '1m': {
    ...DEMO,
    regions: [
      { name: '华东', teams: 3 },
      { name: '华南', teams: 2 },
      { name: '华北', teams: 2 },
      { name: '华中', teams: 1 },
      { name: '西南', teams: 1 },
      { name: '西北', teams: 1 },
    ],
    repsPerTeam: 9,
    assistants: 3,
    hires: 3,
    leavers: 3,
    customers: 15_000,
    products: 200,
    orderLines: 1_000_000,
    xlsx: false,
  },
  '10m': {
    ...DEMO,
    start: '2023-01-01',
    regions: [
      { name: '华东', teams: 5 },
      { name: '华南', teams: 4 },
      { name: '华北', teams: 4 },
      { name: '华中', teams: 3 },
      { name: '西南', teams: 2 },
      { name: '西北', teams: 1 },
      { name: '东北', teams: 1 },
    ],
    repsPerTeam: 18,
    accountManagersPerTeam: 2,
    assistants: 6,
    hires: 10,
    leavers: 8,
    customers: 150_000,
    products: 400,
    orderLines: 10_000_000,
    xlsx: false,
  },
};

export function scaleConfig(name: ScaleName, overrides: Partial<ScaleConfig> = {}): ScaleConfig {
  return { ...SCALES[name], ...overrides };
}
