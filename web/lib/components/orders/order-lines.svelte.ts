// The order lines loaded so far for one query: Arrow pages fetched one after another with the
// keyset cursor (x-next-cursor), rows read on demand, and running totals of what is loaded.
import { fetchArrow } from '$lib/arrow/fetch-arrow';
import { orderPage, type OrderLine, type OrderPage } from '$lib/arrow/order-page';

/** Rows per request: large enough to scroll a while, small enough to arrive quickly. */
export const PAGE_ROWS = 5000;

export interface LoadedTotals {
  lines: number;
  orders: number;
  amount: number;
  cancelled: number;
}

const NO_TOTALS: LoadedTotals = { lines: 0, orders: 0, amount: 0, cancelled: 0 };

export class OrderLines {
  /** Rows loaded so far. */
  loaded = $state(0);
  totals = $state.raw<LoadedTotals>(NO_TOTALS);
  /** True once the last page has arrived. */
  done = $state(false);
  loading = $state(false);
  error = $state<unknown>(null);

  private pages: OrderPage[] = [];
  private offsets: number[] = [];
  private cursor: string | null = null;
  private orderIds = new Set<string>();
  private readonly controller = new AbortController();

  constructor(
    private readonly query: URLSearchParams,
    private readonly pageRows = PAGE_ROWS,
  ) {}

  /** Fetches the next page unless one is on its way, the last one has come, or the last try failed. */
  async loadMore(): Promise<void> {
    if (this.loading || this.done || this.controller.signal.aborted) return;
    this.loading = true;
    this.error = null;
    const query = new URLSearchParams(this.query);
    query.set('limit', String(this.pageRows));
    if (this.cursor) query.set('cursor', this.cursor);
    try {
      const { table, headers } = await fetchArrow('/api/orders', query, this.controller.signal);
      const page = orderPage(table);
      this.offsets.push(this.loaded);
      this.pages.push(page);
      for (const id of page.orderIds) this.orderIds.add(id);
      this.cursor = headers.get('x-next-cursor');
      this.totals = {
        lines: this.totals.lines + page.totals.lines,
        orders: this.orderIds.size,
        amount: Math.round((this.totals.amount + page.totals.amount) * 100) / 100,
        cancelled: this.totals.cancelled + page.totals.cancelled,
      };
      this.loaded += page.length;
      this.done = !this.cursor || page.length === 0;
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError') return;
      this.error = err;
    } finally {
      this.loading = false;
    }
  }

  /** Clears a failure and tries the same page again. */
  retry(): Promise<void> {
    this.error = null;
    return this.loadMore();
  }

  row(index: number): OrderLine | undefined {
    if (index < 0 || index >= this.loaded) return undefined;
    // Binary search for the page holding the row.
    let lo = 0;
    let hi = this.offsets.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.offsets[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return this.pages[lo]?.row(index - this.offsets[lo]!);
  }

  /** Stops any request in flight (the query changed or the page closed). */
  destroy(): void {
    this.controller.abort();
  }
}
