// The sample company's entities as the generator holds them in memory (dates are day numbers,
// money is integer cents); the writers turn them into the three export forms.

import type { ScaleConfig } from './scales.ts';

export type Role = 'manager' | 'supervisor' | 'rep' | 'assistant' | 'account_manager';
export type Tier = 'key' | 'standard';
export type VisitType = 'visit' | 'call' | 'meeting' | 'demo' | 'other';

/** "Never" for optional days (a customer who never buys or never churns). */
export const NEVER = Number.POSITIVE_INFINITY;

export interface Rep {
  index: number;
  repId: string;
  name: string;
  role: Role;
  team: string | null;
  region: string | null;
  teamIndex: number | null;
  managerId: string | null;
  email: string;
  hireDay: number;
  leaveDay: number | null;
  /** Sells and visits (reps and account managers). */
  seller: boolean;
  /** Multiplies how much the rep's customers buy and how many new ones they win. */
  skill: number;
  /** Multiplies how often the rep visits. */
  diligence: number;
}

export interface Team {
  index: number;
  name: string;
  region: string;
  supervisor: number;
  /** Rep indices of everyone who sells in the team over the whole history (hires included). */
  sellers: number[];
}

export interface Customer {
  index: number;
  customerId: string;
  name: string;
  segment: string;
  tier: Tier;
  industry: string;
  region: string;
  teamIndex: number;
  createdDay: number;
  /** Day of the first purchase (NEVER for prospects who never buy). */
  activationDay: number;
  /** First day without ordering any more (NEVER if the customer stays). */
  churnDay: number;
  /** Ownership timeline: ownerReps[i] owns the customer from ownerDays[i] on. */
  ownerDays: number[];
  ownerReps: number[];
  /** Orders per month on an ordinary month, before the scale's calibration factor. */
  rate: number;
  /** Mean number of lines per order. */
  linesMean: number;
  /** Categories the customer buys from. */
  categories: number[];
  /** Usual discount in percent off. */
  discountPct: number;
  channel: string;
}

export interface Product {
  index: number;
  sku: string;
  name: string;
  category: string;
  categoryIndex: number;
  listPriceCents: number;
  popularity: number;
}

export interface Company {
  config: ScaleConfig;
  startDay: number;
  asOfDay: number;
  /** Last simulated day: the end of the as-of month (the next export covers asOf+1 … endDay). */
  endDay: number;
  reps: Rep[];
  teams: Team[];
  customers: Customer[];
  products: Product[];
}

export function ownerAt(c: Customer, day: number): number {
  let owner = c.ownerReps[0]!;
  for (let i = 1; i < c.ownerDays.length; i++) {
    if (c.ownerDays[i]! <= day) owner = c.ownerReps[i]!;
    else break;
  }
  return owner;
}

export function employedOn(rep: Rep, day: number): boolean {
  return rep.hireDay <= day && (rep.leaveDay === null || day <= rep.leaveDay);
}
