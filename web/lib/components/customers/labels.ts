// Words for the codes the API answers with (tier, visit type, order status, role), in the current
// language; an unknown code is shown as it came.
import { t, type MessageKey } from '$lib/i18n/index.svelte';

const TIERS: Record<string, MessageKey> = { key: 'cust.tier.key', standard: 'cust.tier.standard' };
const VISIT_TYPES: Record<string, MessageKey> = {
  visit: 'visitKind.visit',
  call: 'visitKind.call',
  meeting: 'visitKind.meeting',
  demo: 'visitKind.demo',
  other: 'visitKind.other',
};
const STATUSES: Record<string, MessageKey> = {
  completed: 'orders.status.completed',
  cancelled: 'orders.status.cancelled',
  returned: 'orders.status.returned',
};
const ROLES: Record<string, MessageKey> = {
  admin: 'role.admin',
  manager: 'role.manager',
  supervisor: 'role.supervisor',
  rep: 'role.rep',
  account_manager: 'role.account_manager',
  assistant: 'role.assistant',
};

const label = (table: Record<string, MessageKey>) => (code: string | null | undefined) => {
  if (!code) return '—';
  const key = table[code];
  return key ? t(key) : code;
};

export const tierLabel = label(TIERS);
export const visitTypeLabel = label(VISIT_TYPES);
export const statusLabel = label(STATUSES);
export const roleLabel = label(ROLES);

/** 'YYYY-MM-DDTHH:MM…' → the date as the UI writes it plus the time of day. */
export function dateTimeLabel(at: string, formatDate: (d: string) => string): string {
  const time = /T(\d{2}:\d{2})/.exec(at)?.[1];
  return time ? `${formatDate(at.slice(0, 10))} ${time}` : formatDate(at);
}
