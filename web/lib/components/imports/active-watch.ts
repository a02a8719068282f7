// Follows one running import through GET /api/imports/active while its request is open, for the
// progress bar's phase and row count. It polls until stopped; the caller stops it when the
// request answers.
import { api } from '$lib/api';
import type { ActiveImport } from './types';

const INTERVAL_MS = 400;

export function watchActive(match: (row: ActiveImport) => boolean, onRow: (row: ActiveImport) => void): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const controller = new AbortController();

  const tick = async () => {
    try {
      const answer = await api.get<{ rows: ActiveImport[] }>('/api/imports/active', { signal: controller.signal });
      const row = answer.rows.filter(match).sort((a, b) => b.startedAt.localeCompare(a.startedAt))[0];
      if (row && !stopped) onRow(row);
    } catch {
      // Progress is a nicety: a failed poll leaves the bar where it was, and the import's own answer decides.
    }
    if (!stopped) timer = setTimeout(() => void tick(), INTERVAL_MS);
  };
  void tick();

  return () => {
    stopped = true;
    clearTimeout(timer);
    controller.abort();
  };
}
