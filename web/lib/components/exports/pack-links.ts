// Links to the review pack (GET /api/exports/review-pack) for the current filters, and who may use them.
export const PACK_FORMATS = ['pdf', 'xlsx', 'zip'] as const;
export type PackFormat = (typeof PACK_FORMATS)[number];

/** Roles that export team or department packs (server: CAN.exportData). */
const TEAM_EXPORTERS = new Set(['admin', 'manager', 'supervisor']);

/** Whether the viewer may export: team exporters always, a rep only their own evaluation pack. */
export function mayExportPack(session: { role?: string; repId?: string | null } | null | undefined, rep?: string): boolean {
  if (!session?.role) return false;
  if (TEAM_EXPORTERS.has(session.role)) return true;
  return (session.role === 'rep' || session.role === 'account_manager') && rep !== undefined && rep === session.repId;
}

/** The pack URL: the page's filter query plus format and language; `rep` narrows it to one rep. */
export function packHref(filterQuery: string, format: PackFormat, lang: string, rep?: string): string {
  const params = new URLSearchParams(filterQuery.replace(/^\?/, ''));
  if (rep !== undefined) {
    params.delete('rep');
    params.set('rep', rep);
  }
  params.set('format', format);
  params.set('lang', lang);
  return `/api/exports/review-pack?${params.toString()}`;
}
