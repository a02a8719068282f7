// The "how is this computed?" texts from /api/metrics/definitions, fetched once per language and
// shared by every tooltip on the page.
import { api } from '$lib/api';
import type { Locale } from '$lib/i18n/format';

export interface Definition {
  id: string;
  name: string;
  definition: string;
}

const cache = new Map<Locale, Promise<Map<string, Definition>>>();

export function loadDefinitions(lang: Locale): Promise<Map<string, Definition>> {
  let pending = cache.get(lang);
  if (!pending) {
    pending = api
      .get<{ metrics: Definition[] }>('/api/metrics/definitions', { query: { lang } })
      .then((answer) => new Map(answer.metrics.map((m) => [m.id, m])));
    pending.catch(() => cache.delete(lang));
    cache.set(lang, pending);
  }
  return pending;
}
