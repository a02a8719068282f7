// Builds the whole sample company (roster, customers, products) for a scale and seed.

import { dayOf, monthEnd, monthOfDay } from './calendar.ts';
import { buildCustomers } from './customers.ts';
import type { Company } from './model.ts';
import { buildProducts } from './products.ts';
import { Rng } from './random.ts';
import { buildRoster } from './roster.ts';
import type { ScaleConfig } from './scales.ts';

export function buildCompany(config: ScaleConfig, seed: number): Company {
  const root = new Rng(seed, 'company');
  const startDay = dayOf(config.start);
  const asOfDay = dayOf(config.asOf);
  if (asOfDay <= startDay) throw new Error('the as-of date must come after the start of history');
  const endDay = monthEnd(monthOfDay(asOfDay));
  const { reps, teams } = buildRoster(root.fork('roster'), config, startDay, asOfDay);
  const products = buildProducts(root.fork('products'), config.products);
  const customers = buildCustomers(root.fork('customers'), config, reps, teams, startDay, asOfDay, endDay);
  return { config, startDay, asOfDay, endDay, reps, teams, customers, products };
}
