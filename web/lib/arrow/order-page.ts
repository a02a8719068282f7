// One page of order lines decoded from the Arrow answer of GET /api/orders: rows read on demand
// from the column vectors (nothing copied up front), and the page's totals for the footer.
import type { Table } from 'apache-arrow';

export interface OrderLine {
  orderId: string;
  lineNo: number | null;
  orderDate: string;
  customerId: string | null;
  customerName: string | null;
  repId: string;
  repName: string | null;
  team: string | null;
  region: string | null;
  sku: string | null;
  productName: string | null;
  category: string | null;
  channel: string | null;
  quantity: number | null;
  unitPrice: number | null;
  discount: number | null;
  amount: number;
  status: string;
  originalOrderId: string | null;
}

export interface PageTotals {
  lines: number;
  /** Σ amount of the lines that are not cancelled (returns negative), as revenue counts it. */
  amount: number;
  /** Lines with status cancelled (they count for nothing). */
  cancelled: number;
}

export interface OrderPage {
  length: number;
  row(index: number): OrderLine;
  totals: PageTotals;
  /** Distinct order ids on the page, for the loaded-orders count. */
  orderIds: Set<string>;
}

type Column = { get(index: number): unknown } | null;

const DAY_MS = 86_400_000;

function text(column: Column, i: number): string | null {
  const v = column?.get(i);
  return v === null || v === undefined ? null : String(v);
}

function num(column: Column, i: number): number | null {
  const v = column?.get(i);
  if (v === null || v === undefined) return null;
  const n = typeof v === 'bigint' ? Number(v) : Number(v);
  return Number.isFinite(n) ? n : null;
}

/** Arrow dates arrive as epoch milliseconds (or a Date); the UI works with 'YYYY-MM-DD'. */
export function isoDay(value: unknown): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number' && Number.isFinite(value)) {
    // Round to whole days so a value a millisecond off midnight still names the right day.
    return new Date(Math.round(value / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
  }
  return value === null || value === undefined ? '' : String(value);
}

export function orderPage(table: Table): OrderPage {
  const col = (name: string): Column => table.getChild(name) as Column;
  const c = {
    orderId: col('orderId'),
    lineNo: col('lineNo'),
    orderDate: col('orderDate'),
    customerId: col('customerId'),
    customerName: col('customerName'),
    repId: col('repId'),
    repName: col('repName'),
    team: col('team'),
    region: col('region'),
    sku: col('sku'),
    productName: col('productName'),
    category: col('category'),
    channel: col('channel'),
    quantity: col('quantity'),
    unitPrice: col('unitPrice'),
    discount: col('discount'),
    amount: col('amount'),
    status: col('status'),
    originalOrderId: col('originalOrderId'),
  };
  const length = table.numRows;
  const totals: PageTotals = { lines: length, amount: 0, cancelled: 0 };
  const orderIds = new Set<string>();
  for (let i = 0; i < length; i++) {
    const id = text(c.orderId, i);
    if (id !== null) orderIds.add(id);
    if (text(c.status, i) === 'cancelled') totals.cancelled++;
    else totals.amount += num(c.amount, i) ?? 0;
  }
  totals.amount = Math.round(totals.amount * 100) / 100;

  return {
    length,
    totals,
    orderIds,
    row(i) {
      return {
        orderId: text(c.orderId, i) ?? '',
        lineNo: num(c.lineNo, i),
        orderDate: isoDay(c.orderDate?.get(i)),
        customerId: text(c.customerId, i),
        customerName: text(c.customerName, i),
        repId: text(c.repId, i) ?? '',
        repName: text(c.repName, i),
        team: text(c.team, i),
        region: text(c.region, i),
        sku: text(c.sku, i),
        productName: text(c.productName, i),
        category: text(c.category, i),
        channel: text(c.channel, i),
        quantity: num(c.quantity, i),
        unitPrice: num(c.unitPrice, i),
        discount: num(c.discount, i),
        amount: num(c.amount, i) ?? 0,
        status: text(c.status, i) ?? 'completed',
        originalOrderId: text(c.originalOrderId, i),
      };
    },
  };
}
