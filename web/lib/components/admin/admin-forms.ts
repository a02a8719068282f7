// Pure rules of the admin and account forms: drafts of an account, what is wrong with them (as the
// server would refuse it, said before sending), the body or patch to send, and the audit log's
// URL filters and paging.
import type { MessageKey } from '$lib/i18n/en';
import type { Role } from '$lib/types';
import type { AdminUser } from './types';

/** Every role, in the order the role picker lists them. */
export const ROLE_OPTIONS: readonly Role[] = ['admin', 'manager', 'supervisor', 'rep', 'account_manager', 'assistant'];

/** Roles whose data comes from their roster row (server/auth/roles.ts REP_LINKED_ROLES): without a rep link they see nothing. */
const REP_LINKED: readonly Role[] = ['supervisor', 'rep', 'account_manager', 'assistant'];

export function needsRepLink(role: Role): boolean {
  return REP_LINKED.includes(role);
}

/** Password length limits (server/auth/policy.ts). */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;
const USERNAME_PATTERN = /^[A-Za-z0-9._@-]{2,64}$/;

export interface UserDraft {
  username: string;
  displayName: string;
  role: Role;
  /** '' = no rep link. */
  repId: string;
  password: string;
}

export type DraftField = 'username' | 'displayName' | 'password';
export type Problems = Partial<Record<DraftField, MessageKey>>;

export function emptyDraft(): UserDraft {
  return { username: '', displayName: '', role: 'rep', repId: '', password: '' };
}

export function draftOf(user: AdminUser): UserDraft {
  return { username: user.username, displayName: user.displayName, role: user.role, repId: user.repId ?? '', password: '' };
}

/** Why a password would be refused, or null. */
export function passwordProblem(password: string): MessageKey | null {
  if (password.length < PASSWORD_MIN) return 'admin.problem.passwordShort';
  if (password.length > PASSWORD_MAX) return 'admin.problem.passwordLong';
  return null;
}

/** What is wrong with a draft: a new account needs every field; an edit never changes username or password. */
export function problemsOf(draft: UserDraft, mode: 'create' | 'edit'): Problems {
  const problems: Problems = {};
  if (mode === 'create' && !USERNAME_PATTERN.test(draft.username.trim())) problems.username = 'admin.problem.username';
  const name = draft.displayName.trim();
  if (name.length === 0 || name.length > 100) problems.displayName = 'admin.problem.displayName';
  if (mode === 'create') {
    const pw = passwordProblem(draft.password);
    if (pw) problems.password = pw;
  }
  return problems;
}

export function hasProblems(problems: Problems): boolean {
  return Object.keys(problems).length > 0;
}

/** POST /api/users body. */
export function createBody(draft: UserDraft): { username: string; displayName: string; password: string; role: Role; repId: string | null } {
  return { username: draft.username.trim(), displayName: draft.displayName.trim(), password: draft.password, role: draft.role, repId: draft.repId || null };
}

/** PATCH /api/users/:id body: only what changed (empty when nothing did). */
export function patchOf(user: AdminUser, draft: UserDraft): { displayName?: string; role?: Role; repId?: string | null } {
  const patch: { displayName?: string; role?: Role; repId?: string | null } = {};
  const name = draft.displayName.trim();
  if (name !== user.displayName) patch.displayName = name;
  if (draft.role !== user.role) patch.role = draft.role;
  const repId = draft.repId || null;
  if (repId !== user.repId) patch.repId = repId;
  return patch;
}

/** The actions the server records (server/auth, server/routes), offered in the audit filter. */
export const AUDIT_ACTIONS = [
  'login',
  'login_failed',
  'login_refused',
  'logout',
  'password_changed',
  'password_change_failed',
  'user_created',
  'user_updated',
  'token_created',
  'token_revoked',
  'import_committed',
  'import_refused',
  'import_no_op',
  'import_undone',
  'import_undo_refused',
  'export.review_pack',
  'export.table',
  'review.save',
  'settings_changed',
  'demo_accounts_created',
  'demo_removed',
  'backup_written',
] as const;

export const AUDIT_PAGE_SIZE = 50;

/** The audit log's view, kept in the admin page's URL: ?action=&user=&page= (1-based). */
export interface AuditFilters {
  action: string;
  user: string;
  page: number;
}

export function auditFiltersOf(params: URLSearchParams): AuditFilters {
  const page = Number(params.get('page'));
  return {
    action: (params.get('action') ?? '').trim().slice(0, 64),
    user: (params.get('user') ?? '').trim().toLowerCase().slice(0, 64),
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

/** GET /api/audit query for the view. */
export function auditQuery(f: AuditFilters, pageSize = AUDIT_PAGE_SIZE): { limit: number; offset: number; action?: string; username?: string } {
  return {
    limit: pageSize,
    offset: (f.page - 1) * pageSize,
    ...(f.action ? { action: f.action } : {}),
    ...(f.user ? { username: f.user } : {}),
  };
}

/** The search string of a view (defaults left out), for goto(). */
export function auditSearch(f: AuditFilters): string {
  const params = new URLSearchParams();
  if (f.action) params.set('action', f.action);
  if (f.user) params.set('user', f.user);
  if (f.page > 1) params.set('page', String(f.page));
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function pageCount(total: number, pageSize = AUDIT_PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** An audit entry's detail as one short line of key=value pairs. */
export function detailText(detail: unknown): string {
  if (detail === null || detail === undefined) return '';
  if (typeof detail !== 'object') return String(detail);
  return Object.entries(detail as Record<string, unknown>)
    .map(([k, v]) => `${k}=${typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`)
    .join(' · ');
}
