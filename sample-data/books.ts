// Each salesperson's book of customers as history unfolds: customers join it when created or
// handed over and leave it when handed on. Kept as arrays with back-pointers so a random pick and
// a removal are both O(1).

import type { Company } from './model.ts';

export class Books {
  readonly lists: number[][];
  readonly owner: Int32Array;
  private readonly pos: Int32Array;
  /** Ownership changes by day: [customer, new owner] pairs. */
  private readonly changes = new Map<number, Array<[number, number]>>();

  constructor(company: Company) {
    const { reps, customers, startDay } = company;
    this.lists = reps.map(() => []);
    this.owner = new Int32Array(customers.length).fill(-1);
    this.pos = new Int32Array(customers.length).fill(-1);
    for (const c of customers) {
      let first = true;
      for (let i = 0; i < c.ownerDays.length; i++) {
        const day = c.ownerDays[i]!;
        if (day <= startDay) continue;
        if (first && i > 0) this.assign(c.index, c.ownerReps[i - 1]!);
        first = false;
        let list = this.changes.get(day);
        if (!list) this.changes.set(day, (list = []));
        list.push([c.index, c.ownerReps[i]!]);
      }
      // Customers already on file at the start sit in their owner's book from day one.
      if (first) this.assign(c.index, c.ownerReps.at(-1)!);
    }
  }

  /** Applies the hand-overs and new customers of a day. */
  advanceTo(day: number): void {
    const list = this.changes.get(day);
    if (!list) return;
    for (const [customer, rep] of list) this.assign(customer, rep);
    this.changes.delete(day);
  }

  private assign(customer: number, rep: number): void {
    const prev = this.owner[customer]!;
    if (prev === rep) return;
    if (prev >= 0) {
      const list = this.lists[prev]!;
      const at = this.pos[customer]!;
      const last = list.pop()!;
      if (last !== customer) {
        list[at] = last;
        this.pos[last] = at;
      }
    }
    const list = this.lists[rep]!;
    this.pos[customer] = list.length;
    list.push(customer);
    this.owner[customer] = rep;
  }
}
