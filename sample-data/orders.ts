// What goes into one order: which products a customer buys, how many, at what price and
// discount, and the amount; and what a later return of part of it looks like.

import { monthEnd, ymd } from './calendar.ts';
import type { Company, Customer } from './model.ts';
import type { Rng } from './random.ts';

export interface LinePlan {
  product: number;
  quantity: number;
  priceCents: number;
  discountPct: number;
}

export interface ReturnPlan {
  originalOrderId: string;
  originalRep: number;
  channel: string;
  lines: LinePlan[];
}

// Transaction prices rose a little each year; the catalogue shows the current list price.
const PRICE_LEVEL: Record<number, number> = { 2022: 0.92, 2023: 0.94, 2024: 0.96, 2025: 0.98 };
const MAX_LINES = 12;

/** Amount in cents of quantity × unit price × (1 − discount), rounded half away from zero to the cent. */
export function lineAmountCents(quantity: number, priceCents: number, discountPct: number): number {
  const hundredths = Math.abs(quantity) * priceCents * (100 - discountPct);
  const cents = Math.floor((hundredths + 50) / 100);
  return quantity < 0 ? -cents : cents;
}

export class OrderMaker {
  /** Per category: product indices and their cumulative popularity. */
  private readonly byCategory: Array<{ products: number[]; cumulative: number[] }>;

  constructor(
    private readonly company: Company,
    private readonly rng: Rng,
  ) {
    this.byCategory = [];
    for (const p of company.products) {
      let entry = this.byCategory[p.categoryIndex];
      if (!entry) this.byCategory[p.categoryIndex] = entry = { products: [], cumulative: [] };
      entry.products.push(p.index);
      entry.cumulative.push((entry.cumulative.at(-1) ?? 0) + p.popularity);
    }
  }

  private pickProduct(category: number): number {
    const entry = this.byCategory[category] ?? this.byCategory.find((e) => e !== undefined)!;
    const u = this.rng.next() * entry.cumulative.at(-1)!;
    let lo = 0;
    let hi = entry.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (entry.cumulative[mid]! <= u) lo = mid + 1;
      else hi = mid;
    }
    return entry.products[lo]!;
  }

  lines(c: Customer, day: number): LinePlan[] {
    const rng = this.rng;
    const count = Math.min(MAX_LINES, 1 + rng.poisson(c.linesMean - 1));
    const { y, m } = ymd(day);
    const level = PRICE_LEVEL[y] ?? 1;
    // The push before a quarter closes brings an extra 5 % off on some orders.
    const promo = m % 3 === 0 && monthEnd(y * 12 + m - 1) - day < 10 && rng.chance(0.3) ? 5 : 0;
    const seen = new Set<number>();
    const lines: LinePlan[] = [];
    for (let i = 0; i < count; i++) {
      let product = -1;
      for (let attempt = 0; attempt < 8; attempt++) {
        const candidate = this.pickProduct(rng.pick(c.categories));
        if (!seen.has(candidate)) {
          product = candidate;
          break;
        }
      }
      if (product < 0) continue;
      seen.add(product);
      const p = this.company.products[product]!;
      const price = p.listPriceCents / 100;
      const typical = 120 * Math.pow(price, -0.45) * (c.tier === 'key' ? 2.5 : 1) * (c.channel === '经销商' ? 1.8 : 1);
      const quantity = Math.max(1, Math.round(rng.lognormal(Math.log(typical), 0.6)));
      let discountPct = c.discountPct + promo;
      if (rng.chance(0.05)) discountPct += 2;
      lines.push({ product, quantity, priceCents: Math.round(p.listPriceCents * level), discountPct: Math.min(discountPct, 30) });
    }
    return lines;
  }

  /** Part of an order coming back: usually one line, part or all of its quantity. */
  returnLines(lines: readonly LinePlan[]): LinePlan[] {
    const rng = this.rng;
    const count = lines.length > 1 && rng.chance(0.2) ? 2 : 1;
    const chosen = rng.shuffle(lines.slice()).slice(0, count);
    return chosen.map((l) => ({ ...l, quantity: -Math.max(1, Math.min(l.quantity, Math.round(l.quantity * rng.range(0.2, 1)))) }));
  }
}
