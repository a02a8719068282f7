// Which roles may do what, beyond the data scope: one table for every route's requireRole(...).
import type { Role } from './types.ts';

/** Roles whose data scope comes from their roster row; without a rep link they see nothing. */
export const REP_LINKED_ROLES: readonly Role[] = ['supervisor', 'rep', 'account_manager', 'assistant'];

export const CAN = {
  /** Accounts, the audit log, removing demo data, backups. */
  administer: ['admin'],
  /** Import files and preview them (assistants enter and upload the data). */
  importData: ['admin', 'manager', 'assistant'],
  /** Undo an import. */
  undoImport: ['admin', 'manager', 'assistant'],
  /** Evaluation weights, holidays, fiscal year, currency. */
  editSettings: ['admin', 'manager'],
  /** Review packs and table exports (always within the caller's scope). */
  exportData: ['admin', 'manager', 'supervisor'],
  /** Comment on and rate a rep's evaluation. */
  reviewReps: ['admin', 'manager', 'supervisor'],
  /** Evaluation pages (/api/reps/:id/evaluation): everyone except assistants. */
  seeEvaluations: ['admin', 'manager', 'supervisor', 'rep', 'account_manager'],
} as const satisfies Record<string, readonly Role[]>;

export function needsRepLink(role: Role): boolean {
  return REP_LINKED_ROLES.includes(role);
}
