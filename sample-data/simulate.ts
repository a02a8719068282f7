// Plays the company's history day by day, in date order: visits first (some lead to orders),
// then the day's orders (ordinary repeat orders, first purchases, orders a visit brought, returns
// of earlier orders), streamed to the history files up to the as-of date and to the next export
// after it. Keeps the per-rep monthly actuals the targets are set from.

import { isoDate, monthEnd, monthOfDay, visitDayWeight } from './calendar.ts';
import { Books } from './books.ts';
import type { Cell } from './datasets.ts';
import { Demand, MONTH_WEIGHT } from './demand.ts';
import { employedOn, type Company, type Rep } from './model.ts';
import { lineAmountCents, OrderMaker, type LinePlan, type ReturnPlan } from './orders.ts';
import { Rng } from './random.ts';
import { VisitMaker, type VisitPlan } from './visits.ts';

export interface RowSink {
  add(row: readonly Cell[]): void;
  readonly full: boolean;
  flush(): Promise<void>;
}

export interface SimSinks {
  orders: RowSink;
  visits: RowSink;
  nextOrders: RowSink;
  nextVisits: RowSink;
}

export interface SimStats {
  firstMonth: number;
  months: number;
  /** Per rep × month (index rep * months + month offset), history only. */
  revenueCents: Float64Array;
  newCustomers: Int32Array;
  visits: Int32Array;
  orders: number;
  returns: number;
  cancelled: number;
}

const BASE = 0;
const FIRST = 1;
const INDUCED = 2;
const RETURN = 3;

interface OrderEvent {
  kind: number;
  customer: number;
  ret: ReturnPlan | null;
}

/** Share of the promised lines that ordinary and first orders make; visits, returns and cancellations add the rest. */
const ORDINARY_SHARE = 0.95;
const CANCEL_CHANCE = 0.02;
const RETURN_CHANCE = 0.03;
const OTHER_REP_CHANCE = 0.05;

export async function simulate(company: Company, seed: number, sinks: SimSinks): Promise<SimStats> {
  const { startDay, asOfDay, endDay, customers, reps, teams, config } = company;
  const root = new Rng(seed, 'history');
  const orderRng = root.fork('orders');
  const demandRng = root.fork('demand');
  const visitRng = root.fork('visits');
  const demand = new Demand(company);
  const factor = demand.calibrate(config.orderLines, ORDINARY_SHARE);
  const books = new Books(company);
  const maker = new OrderMaker(company, orderRng);
  const visitMaker = new VisitMaker(company, books, visitRng);

  const firstMonth = monthOfDay(startDay);
  const months = monthOfDay(endDay) - firstMonth + 1;
  const stats: SimStats = {
    firstMonth,
    months,
    revenueCents: new Float64Array(reps.length * months),
    newCustomers: new Int32Array(reps.length * months),
    visits: new Int32Array(reps.length * months),
    orders: 0,
    returns: 0,
    cancelled: 0,
  };
  const purchased = new Uint8Array(customers.length);
  const buckets: Array<OrderEvent[] | undefined> = [];
  const schedule = (day: number, event: OrderEvent) => {
    if (day > endDay) return;
    (buckets[day - startDay] ??= []).push(event);
  };
  const createdOn = new Map<number, number[]>();
  for (const c of customers) {
    if (c.createdDay < startDay) continue;
    let list = createdOn.get(c.createdDay);
    if (!list) createdOn.set(c.createdDay, (list = []));
    list.push(c.index);
  }
  const sellers = reps.filter((r) => r.seller);

  const planMonth = (from: number) => {
    const to = Math.min(monthEnd(monthOfDay(from)), endDay);
    for (const c of customers) {
      if (c.activationDay >= from && c.activationDay <= to) schedule(c.activationDay, { kind: FIRST, customer: c.index, ret: null });
      const [a, b] = Demand.activeSpan(c, from, to);
      if (a > b) continue;
      const n = demandRng.poisson((factor * c.rate * demand.weight(a, b)) / MONTH_WEIGHT);
      for (let i = 0; i < n; i++) schedule(demand.sampleDay(demandRng, a, b), { kind: BASE, customer: c.index, ret: null });
    }
  };

  const pickRep = (customer: number, day: number): Rep => {
    const owner = reps[books.owner[customer]!]!;
    if (!orderRng.chance(OTHER_REP_CHANCE)) return owner;
    // A colleague covering for the owner, or selling to a customer that is not theirs.
    const team = teams[customers[customer]!.teamIndex]!;
    const others = team.sellers.filter((s) => s !== owner.index && employedOn(reps[s]!, day));
    return others.length > 0 ? reps[orderRng.pick(others)]! : owner;
  };

  for (let day = startDay; day <= endDay; day++) {
    books.advanceTo(day);
    if (day === startDay || monthOfDay(day) !== monthOfDay(day - 1)) planMonth(day);
    const history = day <= asOfDay;
    const monthOffset = monthOfDay(day) - firstMonth;
    const stamp = isoDate(day).replace(/-/g, '');

    // Visits of the day.
    const plans: VisitPlan[] = [];
    for (const ci of createdOn.get(day) ?? []) plans.push(visitMaker.first(reps[books.owner[ci]!]!, ci, day));
    const dayWeight = visitDayWeight(day);
    for (const rep of sellers) {
      if (!employedOn(rep, day) || dayWeight === 0) continue;
      const n = visitRng.poisson(config.visitsPerSellerDay * rep.diligence * dayWeight);
      if (n > 0) plans.push(...visitMaker.ordinary(rep, day, n));
    }
    plans.sort((a, b) => a.at - b.at || a.rep - b.rep || a.customer - b.customer);
    const visitSink = history ? sinks.visits : sinks.nextVisits;
    plans.forEach((v, i) => {
      visitSink.add([
        `VS${stamp}${String(i + 1).padStart(4, '0')}`,
        v.at,
        reps[v.rep]!.repId,
        customers[v.customer]!.customerId,
        v.type,
        v.outcome,
        v.durationMin,
        v.nextStepDay,
        v.notes,
      ]);
      if (history) stats.visits[v.rep * months + monthOffset]!++;
      if (v.orderDay !== null) schedule(v.orderDay, { kind: INDUCED, customer: v.customer, ret: null });
    });

    // Orders of the day.
    const events = orderRng.shuffle(buckets[day - startDay] ?? []);
    buckets[day - startDay] = undefined;
    const orderSink = history ? sinks.orders : sinks.nextOrders;
    let orderSeq = 0;
    let returnSeq = 0;
    for (const e of events) {
      const c = customers[e.customer]!;
      if (e.kind === RETURN) {
        const plan = e.ret!;
        const original = reps[plan.originalRep]!;
        const rep = employedOn(original, day) ? original : reps[books.owner[c.index]!]!;
        const orderId = `RT${stamp}${String(++returnSeq).padStart(5, '0')}`;
        let total = 0;
        plan.lines.forEach((l, i) => {
          total += writeLine(orderSink, company, orderId, i + 1, day, c.index, rep, l, 'returned', plan.originalOrderId, plan.channel);
        });
        if (history) {
          stats.revenueCents[rep.index * months + monthOffset]! += total;
          stats.returns++;
        }
        continue;
      }
      const rep = pickRep(c.index, day);
      const lines = maker.lines(c, day);
      if (lines.length === 0) continue;
      const channel = c.channel === '经销商' ? '经销商' : orderRng.chance(0.1) ? '电商' : '直销';
      const cancelled = orderRng.chance(CANCEL_CHANCE);
      const orderId = `SO${stamp}${String(++orderSeq).padStart(5, '0')}`;
      let total = 0;
      lines.forEach((l, i) => {
        total += writeLine(orderSink, company, orderId, i + 1, day, c.index, rep, l, cancelled ? 'cancelled' : 'completed', null, channel);
      });
      if (history) {
        stats.orders++;
        if (cancelled) stats.cancelled++;
      }
      if (cancelled) continue;
      if (history) stats.revenueCents[rep.index * months + monthOffset]! += total;
      if (!purchased[c.index]) {
        purchased[c.index] = 1;
        if (history) stats.newCustomers[rep.index * months + monthOffset]!++;
      }
      if (orderRng.chance(RETURN_CHANCE)) {
        const returnDay = day + 3 + Math.min(42, Math.floor(orderRng.exponential(10)));
        schedule(returnDay, {
          kind: RETURN,
          customer: c.index,
          ret: { originalOrderId: orderId, originalRep: rep.index, channel, lines: maker.returnLines(lines) },
        });
      }
    }

    for (const sink of [visitSink, orderSink]) if (sink.full) await sink.flush();
  }
  return stats;
}

function writeLine(
  sink: RowSink,
  company: Company,
  orderId: string,
  lineNo: number,
  day: number,
  customer: number,
  rep: Rep,
  line: LinePlan,
  status: 'completed' | 'cancelled' | 'returned',
  originalOrderId: string | null,
  channel: string,
): number {
  const c = company.customers[customer]!;
  const p = company.products[line.product]!;
  const amount = lineAmountCents(line.quantity, line.priceCents, line.discountPct);
  sink.add([
    orderId,
    lineNo,
    day,
    c.customerId,
    c.name,
    rep.repId,
    p.sku,
    p.name,
    p.category,
    line.quantity,
    line.priceCents,
    line.discountPct,
    amount,
    status,
    originalOrderId,
    channel,
    c.region,
    'CNY',
  ]);
  return amount;
}
