// Filter state read from and written to the page URL, so every view is a shareable link; a typed
// context getter hands it to components below the layout.
import { getContext, setContext } from 'svelte';
import { goto } from '$app/navigation';
import { page } from '$app/state';
import { FILTER_KEYS, filtersToQuery, parseFilters, writeFilters, type FilterKey, type Filters } from './filters';

export class FilterState {
  readonly current: Filters = $derived(parseFilters(page.url.searchParams));

  /** The filter part of the query string ("?period=2025-03&team=…", or "" for the defaults). */
  readonly query: string = $derived.by(() => {
    const text = filtersToQuery(this.current).toString();
    return text ? `?${text}` : '';
  });

  /** Changes some filters; the URL changes, and the pages' load functions run again from it. */
  async set(patch: Partial<Filters>): Promise<void> {
    const url = new URL(page.url);
    writeFilters(url.searchParams, { ...this.current, ...patch });
    await goto(url, { keepFocus: true, noScroll: true });
  }

  async clear(keys: readonly FilterKey[] = FILTER_KEYS): Promise<void> {
    const url = new URL(page.url);
    for (const key of keys) url.searchParams.delete(key);
    await goto(url, { keepFocus: true, noScroll: true });
  }

  /** `path` carrying the current filters, for links between dashboard pages. */
  href(path: string): string {
    return path + this.query;
  }
}

const KEY = Symbol('filters');

export function setFilterState(state = new FilterState()): FilterState {
  return setContext(KEY, state);
}

export function getFilterState(): FilterState {
  const state = getContext<FilterState | undefined>(KEY);
  if (!state) throw new Error('getFilterState() needs setFilterState() in a parent layout.');
  return state;
}
