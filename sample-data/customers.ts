// The customer base: who exists when history starts, who arrives during it (and whether they
// ever buy), who churns, how much each buys, and which salesperson owns them over time.

import { CATEGORY_COUNT } from './products.ts';
import { companyName, INDUSTRIES, SEGMENT_WEIGHTS, SEGMENTS } from './names.ts';
import { employedOn, NEVER, type Customer, type Rep, type Team } from './model.ts';
import type { Rng } from './random.ts';
import type { ScaleConfig } from './scales.ts';

const MONTHLY_CHURN = { key: 0.005, standard: 0.016 };

interface OwnershipEvent {
  day: number;
  /** 0 leave, 1 hire, 2 customer appears: leavers hand over before new owners are chosen. */
  kind: 0 | 1 | 2;
  ref: number;
}

function teamShares(teams: Team[], reps: Rep[]): number[] {
  return teams.map((t) => t.sellers.filter((s) => reps[s]!.role === 'rep').length);
}

export function buildCustomers(rng: Rng, config: ScaleConfig, reps: Rep[], teams: Team[], startDay: number, asOfDay: number, endDay: number): Customer[] {
  const span = asOfDay - startDay;
  const shares = teamShares(teams, reps);
  const names = new Set<string>();
  const drafts: Customer[] = [];
  for (let i = 0; i < config.customers; i++) {
    const teamIndex = rng.weighted(shares);
    const team = teams[teamIndex]!;
    const key = rng.chance(config.keyShare);
    const existing = rng.chance(key ? Math.min(0.9, config.existingShare + 0.3) : config.existingShare);
    const createdDay = existing ? startDay - rng.int(45, 3000) : startDay + Math.min(span, Math.floor(span * Math.pow(rng.next(), 0.92)));
    let activationDay: number;
    if (existing) activationDay = createdDay + rng.int(1, 30);
    else activationDay = key || rng.chance(0.8) ? createdDay + 1 + Math.min(120, Math.floor(rng.exponential(18))) : NEVER;
    const hazard = key ? MONTHLY_CHURN.key : MONTHLY_CHURN.standard;
    let churnDay = NEVER;
    if (activationDay !== NEVER) {
      const from = Math.max(activationDay + 30, startDay);
      const candidate = from + Math.floor(rng.exponential(30.4 / hazard));
      if (candidate <= endDay) churnDay = candidate;
    }
    const industry = rng.int(0, INDUSTRIES.length - 1);
    const segment = SEGMENTS[rng.weighted(SEGMENT_WEIGHTS)]!;
    const dealer = segment === '经销商';
    const categoryCount = Math.min(CATEGORY_COUNT, key ? rng.int(2, 4) : rng.int(1, 3));
    const categories: number[] = [];
    while (categories.length < categoryCount) {
      const c = rng.int(0, CATEGORY_COUNT - 1);
      if (!categories.includes(c)) categories.push(c);
    }
    let discountPct: number;
    if (dealer) discountPct = rng.pick([12, 15, 20]);
    else if (key) discountPct = rng.pick([8, 10, 12, 15]);
    else discountPct = [0, 5, 8, 10][rng.weighted([0.55, 0.25, 0.1, 0.1])]!;
    drafts.push({
      index: i,
      customerId: '',
      name: companyName(rng, team.region, industry, names),
      segment,
      tier: key ? 'key' : 'standard',
      industry: INDUSTRIES[industry]!.industry,
      region: team.region,
      teamIndex,
      createdDay,
      activationDay,
      churnDay,
      ownerDays: [],
      ownerReps: [],
      rate: rng.lognormal(-0.6, 1.35) * (key ? 2 : 1) * (dealer ? 1.4 : 1),
      linesMean: key ? 9 : 4.5,
      categories,
      discountPct,
      channel: dealer ? '经销商' : '直销',
    });
  }

  // Customer numbers follow the order in which the CRM created them.
  drafts.sort((a, b) => a.createdDay - b.createdDay || a.index - b.index);
  drafts.forEach((c, i) => {
    c.index = i;
    c.customerId = `C${100001 + i}`;
  });

  assignOwners(rng, drafts, reps, teams, startDay);
  for (const c of drafts) c.rate *= Math.pow(reps[c.ownerReps[0]!]!.skill, 0.7);
  return drafts;
}

function chooseOwner(rng: Rng, c: Customer, day: number, reps: Rep[], team: Team, exclude: number | null): number {
  const employed = team.sellers.filter((s) => s !== exclude && employedOn(reps[s]!, day));
  const ams = employed.filter((s) => reps[s]!.role === 'account_manager');
  const plain = employed.filter((s) => reps[s]!.role === 'rep');
  if (c.tier === 'key' && ams.length > 0 && (plain.length === 0 || rng.chance(0.7))) return rng.pick(ams);
  const pool = plain.length > 0 ? plain : employed;
  if (pool.length === 0) throw new Error(`team ${team.name} has nobody to own a customer on day ${day}`);
  // Skilled reps win more customers; someone hired in the last half year is given more leads.
  return pool[rng.weighted(pool.map((s) => reps[s]!.skill * (day - reps[s]!.hireDay < 180 ? 2 : 1)))]!;
}

/** Walks history in order: customers appear and get an owner, hires take over some, leavers hand theirs on. */
function assignOwners(rng: Rng, customers: Customer[], reps: Rep[], teams: Team[], startDay: number): void {
  const events: OwnershipEvent[] = [];
  for (const c of customers) events.push({ day: Math.max(c.createdDay, startDay), kind: 2, ref: c.index });
  for (const r of reps) {
    if (!r.seller) continue;
    if (r.hireDay > startDay) events.push({ day: r.hireDay, kind: 1, ref: r.index });
    if (r.leaveDay !== null) events.push({ day: r.leaveDay + 1, kind: 0, ref: r.index });
  }
  events.sort((a, b) => a.day - b.day || a.kind - b.kind || a.ref - b.ref);

  const owned = new Map<number, Set<number>>();
  const setOwner = (c: Customer, day: number, rep: number) => {
    const prev = c.ownerReps.at(-1);
    if (prev !== undefined) owned.get(prev)!.delete(c.index);
    c.ownerDays.push(day);
    c.ownerReps.push(rep);
    let set = owned.get(rep);
    if (!set) owned.set(rep, (set = new Set()));
    set.add(c.index);
  };

  for (const e of events) {
    if (e.kind === 2) {
      const c = customers[e.ref]!;
      setOwner(c, c.createdDay, chooseOwner(rng, c, e.day, reps, teams[c.teamIndex]!, null));
    } else if (e.kind === 1) {
      const hire = reps[e.ref]!;
      const team = teams[hire.teamIndex!]!;
      for (const s of team.sellers) {
        if (s === hire.index || reps[s]!.role !== 'rep') continue;
        for (const ci of [...(owned.get(s) ?? [])]) {
          const c = customers[ci]!;
          if (c.tier === 'standard' && rng.chance(0.12)) setOwner(c, e.day, hire.index);
        }
      }
    } else {
      const leaver = reps[e.ref]!;
      const team = teams[leaver.teamIndex!]!;
      for (const ci of [...(owned.get(leaver.index) ?? [])]) {
        const c = customers[ci]!;
        setOwner(c, e.day, chooseOwner(rng, c, e.day, reps, team, leaver.index));
      }
    }
  }
}
