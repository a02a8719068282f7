// Admin data (administrators only): the accounts, the roster for the rep picker, one page of the
// audit log for the URL's filters, and whether demo data is loaded. Other roles load nothing.
// Awaited, so changing the audit filters or saving an account keeps the page in place until the
// new answers are in; a failure is returned for the page's error panel.
import { api } from '$lib/api';
import { auditFiltersOf, auditQuery } from '$lib/components/admin/admin-forms';
import type { AdminUser, AuditPage, RepOption } from '$lib/components/admin/types';
import type { PageLoad } from './$types';

export interface AdminView {
  users: AdminUser[];
  reps: RepOption[];
  auditPage: AuditPage;
}

export const load: PageLoad = async ({ fetch, parent, depends, url }) => {
  depends('app:admin');
  const { session, health } = await parent();
  if (session?.role !== 'admin') return { allowed: false as const };
  const audit = auditFiltersOf(url.searchParams);
  const view: AdminView | { error: unknown } = await Promise.all([
    api.get<{ rows: AdminUser[] }>('/api/users', { fetch }),
    // The picker still works without the roster (an empty list): links can be cleared, not chosen.
    api.get<{ rows: RepOption[] }>('/api/reps', { fetch }).catch(() => ({ rows: [] as RepOption[] })),
    api.get<AuditPage>('/api/audit', { fetch, query: auditQuery(audit) }),
  ]).then(
    ([users, reps, auditPage]) => ({ users: users.rows, reps: reps.rows, auditPage }),
    (error: unknown) => ({ error }),
  );
  return { allowed: true as const, demo: health?.demo === true, audit, view };
};
