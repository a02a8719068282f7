// How each evaluation component's actual and target read: revenue as money, new customers and
// visits as counts, key-account coverage as a percentage.
import { fmt, t, type MessageKey } from '$lib/i18n/index.svelte';
import type { ComponentMetric } from './types';

const LABELS: Record<ComponentMetric, MessageKey> = {
  revenue: 'eval.metric.revenue',
  new_customers: 'eval.metric.new_customers',
  visits: 'eval.metric.visits',
  key_account_coverage: 'eval.metric.key_account_coverage',
};

export function metricLabel(metric: ComponentMetric): string {
  return t(LABELS[metric]);
}

export function metricValue(metric: ComponentMetric, value: number | null): string {
  if (metric === 'revenue') return fmt.money(value);
  if (metric === 'key_account_coverage') return fmt.percent(value, 0);
  return fmt.integer(value);
}
