// Who may export what: CAN.exportData roles export within their scope; a rep or account manager
// only their own evaluation pack (rep=<own id>). A rep or team filter outside the caller's scope
// is refused (403), one that does not exist at all is a 404.
import { canSeeRep } from '../auth/scope.ts';
import { CAN } from '../auth/roles.ts';
import type { Role, Scope } from '../auth/types.ts';
import type { Database } from '../db/database.ts';
import { rows } from '../db/query.ts';
import { forbidden, notFound } from '../errors.ts';
import { repExists } from '../queries/evaluation.ts';
import type { DimensionFilters } from '../queries/filters.ts';

const OWN_PACK_ROLES: readonly Role[] = ['rep', 'account_manager'];

export function mayExportData(role: Role): boolean {
  return (CAN.exportData as readonly Role[]).includes(role);
}

/** Throws 403 unless the caller may ask for this pack at all (scope is checked separately). */
export function assertMayExportPack(user: { role: Role; repId: string | null }, filter: { rep?: string[] | undefined; team?: string[] | undefined }): void {
  if (mayExportData(user.role)) return;
  if (OWN_PACK_ROLES.includes(user.role)) {
    const own = user.repId !== null && filter.rep?.length === 1 && filter.rep[0] === user.repId && !filter.team?.length;
    if (own) return;
    throw forbidden(`You may export only your own evaluation pack (rep=${user.repId ?? 'your rep id'}).`);
  }
  throw forbidden('Your role may not export data.');
}

/** Reps ever on a team's roster (any validity period). */
async function teamMembers(db: Database, team: string): Promise<string[]> {
  const found = await db.read((c) => rows<{ rep_id: string }>(c, 'SELECT DISTINCT rep_id FROM reps WHERE trim(team) = trim($team)', { team }));
  return found.map((r) => r.rep_id);
}

/** Each rep and team asked for exists, and each team has someone the caller may see. */
export async function assertPackSubjects(db: Database, scope: Scope, dims: DimensionFilters): Promise<void> {
  for (const repId of dims.reps) {
    if (!(await db.read((c) => repExists(c, repId)))) throw notFound(`No rep ${repId}.`);
  }
  for (const team of dims.teams) {
    const members = await teamMembers(db, team);
    if (members.length === 0) throw notFound(`No team ${team}.`);
    if (!members.some((r) => canSeeRep(scope, r))) throw forbidden(`Team ${team} is outside what your role may see.`);
  }
}
