// Monthly targets per salesperson (revenue, new customers, visits), set the way a sales manager
// would: from the rep's own run rate pulled a little toward the average of their role (geometric
// mean, weights 0.8 and 0.2), shaped by the season and the growth trend, ramped up for new hires
// and prorated for partial months of employment. Reps above their role's average tend to beat
// their plan; those below tend to miss it. Visit targets are one standard per role.

import { isWorkingDay, monthEnd, monthOfDay, monthStart } from './calendar.ts';
import { Demand } from './demand.ts';
import type { Cell } from './datasets.ts';
import type { Company, Rep } from './model.ts';
import { Rng } from './random.ts';
import type { SimStats } from './simulate.ts';

export interface TargetRow {
  month: number;
  repId: string;
  metric: 'revenue' | 'new_customers' | 'visits';
  value: number;
}

function workingDaysEmployed(rep: Rep, month: number): number {
  const from = Math.max(monthStart(month), rep.hireDay);
  const to = Math.min(monthEnd(month), rep.leaveDay ?? Number.POSITIVE_INFINITY);
  let n = 0;
  for (let d = from; d <= to; d++) if (isWorkingDay(d)) n++;
  return n;
}

function workingDays(month: number): number {
  let n = 0;
  for (let d = monthStart(month); d <= monthEnd(month); d++) if (isWorkingDay(d)) n++;
  return n;
}

/** Share of a month's plan a rep carries in their first months. */
function ramp(rep: Rep, month: number): number {
  const since = month - monthOfDay(rep.hireDay);
  return since <= 0 ? 0.4 : since === 1 ? 0.7 : 1;
}

interface RunRates {
  revenue: number;
  newCustomers: number;
  visitsPerDay: number;
}

export function buildTargets(company: Company, stats: SimStats, seed: number): TargetRow[] {
  const rng = new Rng(seed, 'targets');
  const demand = new Demand(company);
  const { reps, asOfDay } = company;
  const firstMonth = stats.firstMonth;
  const asOfMonth = monthOfDay(asOfDay);
  // Customers already trading make their first purchase "in the data" early in history, so the
  // new-customer run rate is read from the fourth month on (or the second, in a short history).
  const newCustomerFrom = firstMonth + (asOfMonth - firstMonth >= 8 ? 3 : 1);

  const rates = new Map<number, RunRates | null>();
  for (const rep of reps) {
    if (!rep.seller) continue;
    let revenue = 0;
    let seasonal = 0;
    let newCustomers = 0;
    let newMonths = 0;
    let visits = 0;
    let days = 0;
    for (let m = firstMonth; m < asOfMonth; m++) {
      const wd = workingDaysEmployed(rep, m);
      if (wd === 0 || ramp(rep, m) < 1) continue;
      const share = wd / workingDays(m);
      const i = rep.index * stats.months + (m - firstMonth);
      revenue += stats.revenueCents[i]!;
      seasonal += demand.monthIndex(m) * share;
      visits += stats.visits[i]!;
      days += wd;
      if (m >= newCustomerFrom) {
        newCustomers += stats.newCustomers[i]!;
        newMonths += share;
      }
    }
    rates.set(rep.index, seasonal > 0 ? { revenue: revenue / seasonal, newCustomers: newMonths > 0 ? newCustomers / newMonths : 0, visitsPerDay: visits / days } : null);
  }

  const averages = new Map<Rep['role'], RunRates>();
  for (const role of ['rep', 'account_manager'] as const) {
    const own = reps.filter((r) => r.role === role && rates.get(r.index)).map((r) => rates.get(r.index)!);
    const mean = (pick: (r: RunRates) => number) => (own.length > 0 ? own.reduce((s, r) => s + pick(r), 0) / own.length : 0);
    averages.set(role, { revenue: mean((r) => r.revenue), newCustomers: mean((r) => r.newCustomers), visitsPerDay: mean((r) => r.visitsPerDay) });
  }

  const rows: TargetRow[] = [];
  for (let m = firstMonth; m <= asOfMonth; m++) {
    for (const rep of reps) {
      if (!rep.seller) continue;
      const wd = workingDaysEmployed(rep, m);
      if (wd === 0) continue;
      const share = wd / workingDays(m);
      const own = rates.get(rep.index) ?? null;
      const { revenue: avgRevenue, newCustomers: avgNew, visitsPerDay: avgVisits } = averages.get(rep.role)!;
      const planRevenue = (own && own.revenue > 0 ? Math.pow(own.revenue, 0.8) * Math.pow(avgRevenue, 0.2) : avgRevenue);
      const revenueCents = planRevenue * demand.monthIndex(m) * share * ramp(rep, m) * rng.range(0.94, 1.06);
      rows.push({ month: m, repId: rep.repId, metric: 'revenue', value: Math.max(1000, Math.round(revenueCents / 100_000) * 1000) });

      const planNew = (own ? 0.5 * own.newCustomers + 0.5 * avgNew : avgNew) * 1.1 * share * ramp(rep, m);
      const newTarget = Math.round(planNew * rng.range(0.85, 1.15));
      if (newTarget >= 1 || rep.role === 'rep') rows.push({ month: m, repId: rep.repId, metric: 'new_customers', value: Math.max(1, newTarget) });

      const visitTarget = Math.max(5, Math.round((avgVisits * 1.05 * wd) / 5) * 5);
      rows.push({ month: m, repId: rep.repId, metric: 'visits', value: visitTarget });
    }
  }
  return rows;
}

export function targetCells(row: TargetRow): Cell[] {
  return [row.month, row.repId, row.metric, row.value];
}
