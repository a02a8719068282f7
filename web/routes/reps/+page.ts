// Rep list data: the roster in view, this period's revenue attainment per rep and, where the server
// offers it, the evaluation score; all filtered by the URL. Returned unawaited for skeletons.
import { api } from '$lib/api';
import { filtersToQuery, parseFilters } from '$lib/filters/filters';
import { joinReps, type RepRow } from '$lib/components/reps/rep-table';
import type { AttainmentAnswer, RankingAnswer, RepListAnswer } from '$lib/components/reps/types';
import type { PeriodInfo } from '$lib/types';
import type { PageLoad } from './$types';

export interface RepsData {
  asOf: string | null;
  period: PeriodInfo;
  rows: RepRow[];
  /** False when the server cannot rank by score (the column then says so). */
  scores: boolean;
}

export const load: PageLoad = ({ fetch, url, depends }) => {
  depends('app:kpi');
  const filters = parseFilters(url.searchParams);
  // Everything but the comparison, which neither the roster nor attainment by rep uses.
  const query = filtersToQuery({ ...filters, compare: null });
  const withParams = (extra: Record<string, string>) => {
    const q = new URLSearchParams(query);
    for (const [k, v] of Object.entries(extra)) q.set(k, v);
    return q;
  };
  const reps = Promise.all([
    api.get<RepListAnswer>('/api/reps', { fetch, query }),
    api.get<AttainmentAnswer>('/api/kpi/attainment', { fetch, query: withParams({ by: 'rep', metric: 'revenue' }) }),
    // The score ranking is optional: a server without it still lists reps and attainment.
    api.get<RankingAnswer>('/api/kpi/rankings', { fetch, query: withParams({ metric: 'score' }) }).catch(() => null),
  ]).then(
    ([list, attainment, scores]): RepsData => ({
      asOf: attainment.asOf ?? list.asOf,
      period: attainment.period,
      rows: joinReps(list.rows, attainment.rows, scores),
      scores: scores !== null,
    }),
  );
  reps.catch(() => undefined);
  return { reps };
};
