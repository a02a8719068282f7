// Shapes of the account, token and audit answers the admin and account pages read
// (server/auth/schemas.ts, server/routes/audit.ts, server/routes/admin-demo.ts).
import type { Role } from '$lib/types';

export interface AdminUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  repId: string | null;
  active: boolean;
  isDemo: boolean;
  createdAt: string;
  updatedAt: string;
}

/** A roster row offered in the rep picker (GET /api/reps). */
export interface RepOption {
  repId: string;
  name: string;
  role: string;
  team: string | null;
  active: boolean;
}

export interface AuditRow {
  loggedAt: string;
  username: string | null;
  action: string;
  detail: unknown;
  ip: string | null;
}

export interface AuditPage {
  total: number;
  limit: number;
  offset: number;
  rows: AuditRow[];
}

export interface TokenInfo {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface CreatedToken extends TokenInfo {
  /** Shown once, right after creation. */
  secret: string;
}

export interface DemoRemoval {
  removed: true;
  batches: number;
  rows: number;
  accounts: number;
}
