// A salesperson's visits and calls on one day: whom they see (prospects and key accounts more
// often, lapsed customers less), how, for how long, what came of it, and whether it leads to an order.

import type { Books } from './books.ts';
import type { Company, Customer, Rep, VisitType } from './model.ts';
import { NOTES, OUTCOME_FIRST, OUTCOMES_NEUTRAL, OUTCOMES_POSITIVE } from './names.ts';
import type { Rng } from './random.ts';

export interface VisitPlan {
  /** Minutes since the epoch. */
  at: number;
  rep: number;
  customer: number;
  type: VisitType;
  outcome: string;
  durationMin: number;
  nextStepDay: number | null;
  notes: string | null;
  /** Day of the order this visit leads to, if any. */
  orderDay: number | null;
}

const TYPES: readonly VisitType[] = ['visit', 'call', 'meeting', 'demo', 'other'];
const TYPE_WEIGHTS_REP = [0.5, 0.3, 0.08, 0.07, 0.05];
const TYPE_WEIGHTS_AM = [0.4, 0.25, 0.2, 0.1, 0.05];
/** Chance a visit to a buying customer brings an order within a month, by visit type. */
const ORDER_CHANCE: Record<VisitType, number> = { visit: 0.07, call: 0.04, meeting: 0.1, demo: 0.12, other: 0.03 };
const WIN_BACK_CHANCE = 0.04;
const MAX_WEIGHT = 3;

export class VisitMaker {
  constructor(
    private readonly company: Company,
    private readonly books: Books,
    private readonly rng: Rng,
  ) {}

  /** How much a salesperson wants to see a customer today (at most MAX_WEIGHT). */
  private weight(c: Customer, rep: Rep, day: number): number {
    const am = rep.role === 'account_manager';
    if (day < c.activationDay) return day - c.createdDay < 90 ? MAX_WEIGHT : 0.3;
    if (day >= c.churnDay) return 0.6;
    if (c.tier === 'key') return am ? 1 : 1.5;
    return am ? 0.5 : 1;
  }

  private chooseCustomer(rep: Rep, day: number): number | null {
    const book = this.books.lists[rep.index]!;
    if (book.length === 0) return null;
    let candidate = -1;
    for (let attempt = 0; attempt < 24; attempt++) {
      candidate = book[Math.floor(this.rng.next() * book.length)]!;
      const c = this.company.customers[candidate]!;
      if (c.createdDay > day) continue;
      if (this.rng.next() * MAX_WEIGHT < this.weight(c, rep, day)) return candidate;
    }
    return this.company.customers[candidate]!.createdDay <= day ? candidate : null;
  }

  private timeOfDay(type: VisitType): number {
    // Visits between 9:00 and 17:30, calls from 8:30 to 18:00, in five-minute steps.
    return type === 'call' ? 510 + 5 * this.rng.int(0, 114) : 540 + 5 * this.rng.int(0, 102);
  }

  private duration(type: VisitType): number {
    const rng = this.rng;
    switch (type) {
      case 'visit':
        return 5 * rng.int(6, 24);
      case 'call':
        return rng.int(3, 30);
      case 'meeting':
        return 15 * rng.int(3, 10);
      case 'demo':
        return 15 * rng.int(4, 12);
      default:
        return 5 * rng.int(2, 12);
    }
  }

  private make(rep: Rep, customer: number, day: number, type: VisitType, first: boolean): VisitPlan {
    const rng = this.rng;
    const c = this.company.customers[customer]!;
    let orderDay: number | null = null;
    let positive = false;
    if (!first) {
      if (day >= c.activationDay && day < c.churnDay) {
        if (rng.chance(ORDER_CHANCE[type])) orderDay = day + Math.min(30, Math.floor(rng.exponential(6)));
      } else if (day >= c.churnDay) {
        if (rng.chance(WIN_BACK_CHANCE)) orderDay = day + Math.min(30, Math.floor(rng.exponential(10)));
      }
      positive = orderDay !== null || (c.activationDay > day && c.activationDay - day <= 30 && rng.chance(0.6));
    }
    const outcome = first ? OUTCOME_FIRST : rng.pick(positive ? OUTCOMES_POSITIVE : OUTCOMES_NEUTRAL);
    const notes = rng.pick(NOTES);
    return {
      at: day * 1440 + this.timeOfDay(type),
      rep: rep.index,
      customer,
      type,
      outcome,
      durationMin: this.duration(type),
      nextStepDay: rng.chance(0.55) ? day + rng.int(3, 30) : null,
      notes: notes === '' ? null : notes,
      orderDay,
    };
  }

  /** `count` ordinary visits by a salesperson on a day. */
  ordinary(rep: Rep, day: number, count: number): VisitPlan[] {
    const out: VisitPlan[] = [];
    const weights = rep.role === 'account_manager' ? TYPE_WEIGHTS_AM : TYPE_WEIGHTS_REP;
    for (let i = 0; i < count; i++) {
      const customer = this.chooseCustomer(rep, day);
      if (customer === null) break;
      out.push(this.make(rep, customer, day, TYPES[this.rng.weighted(weights)]!, false));
    }
    return out;
  }

  /** The first visit to a customer, the day their file is created. */
  first(rep: Rep, customer: number, day: number): VisitPlan {
    return this.make(rep, customer, day, 'visit', true);
  }
}
