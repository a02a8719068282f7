// A list whose answer carries only its first rows: "show all" fetches the rest, page by page, up
// to a target count, and "show fewer" folds it again. What was fetched belongs to the first rows
// it followed, so a new answer (other filters) starts over without an effect to reset it.
import { handleError } from '$lib/errors/handle-error.svelte';

export class RestOfList<T> {
  loading = $state(false);
  /** The first rows the fetched rest follows, and the ones shown expanded (compared by identity). */
  #restFor = $state.raw<T[] | null>(null);
  #rest = $state.raw<T[]>([]);
  #expandedFor = $state.raw<T[] | null>(null);

  /**
   * @param first   the rows the answer carried
   * @param target  how many rows "show all" shows
   * @param fetchRest the rows from `offset` on, at most `limit` (fewer ends the fetching)
   * @param failure what to log when fetching fails
   */
  constructor(
    private readonly first: () => T[],
    private readonly target: () => number,
    private readonly fetchRest: (offset: number, limit: number) => Promise<T[]>,
    private readonly failure: string,
  ) {}

  readonly all: T[] = $derived.by(() => {
    const first = this.first();
    return this.#restFor === first ? [...first, ...this.#rest] : first;
  });

  get expanded(): boolean {
    return this.#expandedFor === this.first();
  }

  async toggle(): Promise<void> {
    const first = this.first();
    if (this.expanded) {
      this.#expandedFor = null;
      return;
    }
    if (this.#restFor !== first) {
      this.#restFor = first;
      this.#rest = [];
    }
    this.loading = true;
    try {
      while (this.all.length < this.target()) {
        const got = await this.fetchRest(this.all.length, this.target() - this.all.length);
        if (got.length === 0) break;
        this.#rest = [...this.#rest, ...got];
      }
      this.#expandedFor = first;
    } catch (err) {
      handleError(err, this.failure);
    } finally {
      this.loading = false;
    }
  }
}
