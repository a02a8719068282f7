// The filter choices as reactive state for components: loads (through the shared cache) for the
// signed-in user and the data version the root layout last saw.
import { page } from '$app/state';
import { loadFilterChoices, type FilterChoices } from './choices';

interface RootData {
  session?: { username?: string } | null;
  health?: { dataVersion?: number } | null;
}

export class ChoicesState {
  value = $state<FilterChoices | null>(null);
  error = $state<unknown>(null);

  /** Construct during component initialisation: the load follows the user and data version. */
  constructor() {
    $effect(() => {
      const root = page.data as RootData;
      const key = `${root.session?.username ?? ''}:${root.health?.dataVersion ?? 0}`;
      let current = true;
      loadFilterChoices(key).then(
        (value) => {
          if (!current) return;
          this.value = value;
          this.error = null;
        },
        (err: unknown) => {
          if (current) this.error = err;
        },
      );
      return () => {
        current = false;
      };
    });
  }
}
