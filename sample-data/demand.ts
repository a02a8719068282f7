// How much customers buy on each day of history: the business calendar times a gentle growth
// trend, kept as prefix sums so the weight of any span of days and a day drawn in proportion to
// it cost a lookup. Also calibrates order rates so a scale yields about the lines it promises.

import { monthEnd, monthStart, orderDayWeight } from './calendar.ts';
import type { Company, Customer } from './model.ts';
import type { Rng } from './random.ts';

/** Weight of an ordinary month (a month of ordinary weekdays). */
export const MONTH_WEIGHT = 21.7;
const GROWTH_PER_YEAR = 0.08;

export class Demand {
  readonly base: number;
  private readonly prefix: Float64Array;

  constructor(readonly company: Company) {
    this.base = company.startDay;
    const days = company.endDay - company.startDay + 1;
    this.prefix = new Float64Array(days + 1);
    for (let i = 0; i < days; i++) {
      const day = this.base + i;
      this.prefix[i + 1] = this.prefix[i]! + orderDayWeight(day) * (1 + (GROWTH_PER_YEAR * i) / 365);
    }
  }

  /** Total weight of the days from..to (inclusive, clipped to the simulated span). */
  weight(from: number, to: number): number {
    const a = Math.max(from, this.base) - this.base;
    const b = Math.min(to, this.company.endDay) - this.base;
    if (b < a) return 0;
    return this.prefix[b + 1]! - this.prefix[a]!;
  }

  /** A day in from..to drawn in proportion to its weight. */
  sampleDay(rng: Rng, from: number, to: number): number {
    const a = Math.max(from, this.base) - this.base;
    const b = Math.min(to, this.company.endDay) - this.base;
    const target = this.prefix[a]! + rng.next() * (this.prefix[b + 1]! - this.prefix[a]!);
    let lo = a;
    let hi = b;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.prefix[mid + 1]! <= target) lo = mid + 1;
      else hi = mid;
    }
    return this.base + lo;
  }

  /** A month's weight relative to an ordinary month: the seasonal plan the targets follow. */
  monthIndex(month: number): number {
    return this.weight(monthStart(month), monthEnd(month)) / MONTH_WEIGHT;
  }

  /** Days a customer places ordinary orders within from..to: after the first purchase, before churning. */
  static activeSpan(c: Customer, from: number, to: number): [number, number] {
    return [Math.max(from, c.activationDay + 1), Math.min(to, c.churnDay - 1)];
  }

  /**
   * The factor on every customer's order rate that makes ordinary orders (plus first orders)
   * fill `share` of the promised lines over history; visits, returns and cancellations add the rest.
   */
  calibrate(lines: number, share: number): number {
    const { startDay, asOfDay } = this.company;
    let expected = 0;
    let firstLines = 0;
    for (const c of this.company.customers) {
      if (c.activationDay === Number.POSITIVE_INFINITY) continue;
      if (c.activationDay >= startDay && c.activationDay <= asOfDay) firstLines += c.linesMean;
      const [a, b] = Demand.activeSpan(c, startDay, asOfDay);
      if (a <= b) expected += (c.rate * this.weight(a, b) * c.linesMean) / MONTH_WEIGHT;
    }
    return Math.max(0.01, (lines * share - firstLines) / expected);
  }
}
