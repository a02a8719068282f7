// Decoding an Arrow order-lines page built here with the same column types the server streams
// (dictionary strings, Date32 days, Float64 figures), and its totals computed by hand.
import { describe, expect, it } from 'vitest';
import { DateDay, Dictionary, Float64, Int32, Table, Utf8, tableFromIPC, tableToIPC, vectorFromArray } from 'apache-arrow';
import { isoDay, orderPage } from './order-page';

const dict = (values: (string | null)[]) => vectorFromArray(values, new Dictionary(new Utf8(), new Int32()));

function sampleTable(): Table {
  const table = new Table({
    orderId: dict(['SO1', 'SO1', 'SO2', 'RT1']),
    lineNo: vectorFromArray([1, 2, 1, null], new Int32()),
    orderDate: vectorFromArray(
      ['2025-03-01', '2025-03-01', '2025-03-02', '2025-03-31'].map((d) => new Date(`${d}T00:00:00Z`)),
      new DateDay(),
    ),
    customerId: dict(['C1', 'C1', null, 'C2']),
    repId: dict(['E1', 'E1', 'E2', 'E1']),
    amount: vectorFromArray([100.25, 50, 999, -20.1], new Float64()),
    quantity: vectorFromArray([1, 2, 3, -1], new Float64()),
    status: dict(['completed', 'completed', 'cancelled', 'returned']),
  });
  // Through the IPC format, as the browser receives it.
  return tableFromIPC(tableToIPC(table, 'stream'));
}

describe('orderPage', () => {
  const page = orderPage(sampleTable());

  it('reads rows from the columns, missing columns and nulls as null', () => {
    expect(page.length).toBe(4);
    expect(page.row(0)).toMatchObject({ orderId: 'SO1', lineNo: 1, orderDate: '2025-03-01', customerId: 'C1', repId: 'E1', amount: 100.25, status: 'completed', team: null });
    expect(page.row(2)).toMatchObject({ customerId: null, status: 'cancelled', orderDate: '2025-03-02' });
    expect(page.row(3)).toMatchObject({ lineNo: null, orderDate: '2025-03-31', amount: -20.1, quantity: -1 });
  });

  it('totals the lines: cancelled ones counted apart, returns negative', () => {
    // 100.25 + 50 − 20.10 = 130.15; SO2 is cancelled.
    expect(page.totals).toEqual({ lines: 4, amount: 130.15, cancelled: 1 });
    expect([...page.orderIds].sort()).toEqual(['RT1', 'SO1', 'SO2']);
  });
});

describe('isoDay', () => {
  it('turns epoch milliseconds and dates into calendar days', () => {
    expect(isoDay(Date.UTC(2024, 1, 29))).toBe('2024-02-29');
    expect(isoDay(new Date('2025-12-31T00:00:00Z'))).toBe('2025-12-31');
    expect(isoDay(null)).toBe('');
  });
});
