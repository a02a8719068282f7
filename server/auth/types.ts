// Who is calling and what they may see: the contract between authentication, scope and every route.
export const ROLES = ['admin', 'manager', 'supervisor', 'rep', 'account_manager', 'assistant'] as const;
export type Role = (typeof ROLES)[number];

export interface SessionUser {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  repId: string | null;
  /** 'session' (cookie, needs the CSRF header on writes) or 'token' (Authorization: Bearer). */
  via: 'session' | 'token';
  csrfToken: string | null;
}

/**
 * The set of reps whose facts the caller may see. `all` for admin and manager; otherwise the
 * explicit rep ids (a supervisor's team via the roster, a rep's own id). Every KPI query takes one.
 */
export interface Scope {
  all: boolean;
  repIds: string[];
  /** A stable string for cache keys. */
  key: string;
}
