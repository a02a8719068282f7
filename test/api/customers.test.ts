// GET /api/customers and /api/customers/:id on the extended fixture (as-of 2025-03-14; the 12
// months are 2024-04 … 2025-03). Net revenue per customer and month (not cancelled, returns negative):
//   C1  Jan 6000, Feb 10000, Mar 12000 + 2000.455 − 1500 = 12500.455 (2024-03 is outside) → 28500.455
//   C2  Dec 2500, Jan 6000, Feb 4000, Mar 3000 + 5000 → 20500        C3  Jan 8000, Mar 5000.4 → 13000.4
//   C4  Feb 9500, Mar 11000 → 20500      C5 Jan 4000, Feb 6000 → 10000      C6 Mar 10000
//   C7  Jan 3000, Mar 2000 → 5000        C8 Jan 5000, Feb 1500, Mar −800 → 5700
//   C9  Oct 2200, Nov 2000 → 4200        C10 Dec 7000                        C11 Mar 600
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomerTestApp, type CustomerTestApp } from '../fixtures/customer-fixture.ts';

const ids = (body: { rows: Array<{ customerId: string }> }) => body.rows.map((r) => r.customerId);

describe('GET /api/customers', () => {
  let t: CustomerTestApp;
  beforeAll(async () => {
    t = await createCustomerTestApp();
  });
  afterAll(async () => t.close());

  it('lists every customer by 12-month revenue, ties by id, with owner, purchases, last visit and trend', async () => {
    const { status, body } = await t.get('/api/customers');
    expect(status).toBe(200);
    expect(body.total).toBe(11);
    expect(body.months[0]).toBe('2024-04');
    expect(body.months[11]).toBe('2025-03');
    expect(ids(body)).toEqual(['C1', 'C2', 'C4', 'C3', 'C5', 'C6', 'C10', 'C8', 'C7', 'C9', 'C11']);
    expect(body.rows[0]).toEqual({
      customerId: 'C1',
      name: '甲公司',
      tier: 'standard',
      segment: null,
      ownerRepId: 'R1',
      ownerName: 'Alice',
      firstPurchase: '2024-03-15',
      lastPurchase: '2025-03-03',
      lastVisit: '2025-03-10',
      revenue12m: 28500.46,
      trend: [0, 0, 0, 0, 0, 0, 0, 0, 0, 6000, 10000, 12500.46],
    });
    const c8 = body.rows.find((r: { customerId: string }) => r.customerId === 'C8');
    expect(c8).toMatchObject({ revenue12m: 5700, lastPurchase: '2025-02-14', lastVisit: null, trend: [0, 0, 0, 0, 0, 0, 0, 0, 0, 5000, 1500, -800] });
  });

  it('pages, sorts and searches by name or id', async () => {
    const page2 = await t.get('/api/customers?pageSize=4&page=2');
    expect(ids(page2.body)).toEqual(['C5', 'C6', 'C10', 'C8']);
    expect(page2.body.total).toBe(11);
    const byName = await t.get('/api/customers?sort=lastPurchase&order=asc&pageSize=3');
    // Last purchases, oldest first: C9 2024-11-19, C10 2024-12-20, C5 2025-02-10.
    expect(ids(byName.body)).toEqual(['C9', 'C10', 'C5']);
    expect(ids((await t.get(`/api/customers?search=${encodeURIComponent('乙')}`)).body)).toEqual(['C2']);
    const c1 = await t.get('/api/customers?search=c1&sort=customerId&order=asc');
    expect(ids(c1.body)).toEqual(['C1', 'C10', 'C11']);
    expect(ids((await t.get('/api/customers?tier=key&sort=customerId&order=asc')).body)).toEqual(['C10', 'C3', 'C4']);
    expect((await t.get('/api/customers?sort=profit')).status).toBe(400);
  });

  it("shows a rep only their customers: owned, sold to or visited (Alice: C1, C2, C7, C8, C10, C11)", async () => {
    const { body } = await t.get('/api/customers?sort=customerId&order=asc', 'rep');
    expect(ids(body)).toEqual(['C1', 'C10', 'C11', 'C2', 'C7', 'C8']);
    // A team filter: 华北二组 = Carol's C3, C4 and C2 (Dave sold to it in January).
    const team = await t.get(`/api/customers?team=${encodeURIComponent('华北二组')}&sort=customerId&order=asc`);
    expect(ids(team.body)).toEqual(['C2', 'C3', 'C4']);
  });

  it('reads the data as it was on an earlier as-of date', async () => {
    const { body } = await t.get('/api/customers?asOf=2025-01-31&sort=customerId&order=asc&search=C1');
    // As of 2025-01-31 the 12 months are 2024-02 … 2025-01: C1 9000 (2024-03-15) + 6000 = 15000.
    expect(body.rows[0]).toMatchObject({ customerId: 'C1', lastPurchase: '2025-01-10', lastVisit: '2025-01-05', revenue12m: 15000 });
    // C11 is in the customer file, so it is listed although its first purchase comes later.
    expect(ids(body)).toEqual(['C1', 'C10', 'C11']);
  });
});

describe('GET /api/customers/:id', () => {
  let t: CustomerTestApp;
  beforeAll(async () => {
    t = await createCustomerTestApp();
  });
  afterAll(async () => t.close());

  it("answers a customer's header, every rep's order lines and the visits, newest first", async () => {
    const { status, body } = await t.get('/api/customers/C2');
    expect(status).toBe(200);
    // C2: purchase days 2024-12-10, 2025-01-22, 02-12, 03-07, 03-11 → gaps 43, 21, 23, 4 → median 22.
    expect(body).toMatchObject({ customerId: 'C2', ownerName: 'Alice', purchases: 5, medianGapDays: 22, revenue12m: 20500, ordersTotal: 5, visitsTotal: 2 });
    expect(body.orders.map((o: { orderId: string; repId: string; amount: number }) => [o.orderId, o.repId, o.amount])).toEqual([
      ['O305', 'R2', 5000],
      ['O302', 'R1', 3000],
      ['O203', 'R2', 4000],
      ['O104', 'R4', 6000],
      ['O403', 'R1', 2500],
    ]);
    expect(body.visits.map((v: { visitId: string; at: string }) => [v.visitId, v.at])).toEqual([
      ['V2', '2025-03-04T15:30:00'],
      ['V13', '2025-02-12T11:00:00'],
    ]);
  });

  it('shows cancelled lines with their status', async () => {
    const { body } = await t.get('/api/customers/C3');
    expect(body.orders.map((o: { orderId: string; status: string }) => [o.orderId, o.status])).toEqual([
      ['O309', 'completed'],
      ['O308', 'cancelled'],
      ['O205', 'cancelled'],
      ['O103', 'completed'],
      ['O402', 'completed'],
    ]);
  });

  it("lets a rep open their customers only; anyone else's is a 404", async () => {
    expect((await t.get('/api/customers/C7', 'rep')).status).toBe(200);
    expect((await t.get('/api/customers/C5', 'rep')).status).toBe(404);
    expect((await t.get('/api/customers/C3', 'rep')).status).toBe(404);
    expect((await t.get('/api/customers/NOPE')).status).toBe(404);
    expect((await t.get('/api/customers/C5', 'supervisor')).status).toBe(200);
  });
});
