// Demo accounts, one per roster role, linked to sample reps and flagged is_demo. They exist only
// while demo data does (meta 'demo' = 'true') and are removed together with it.
import { listValue } from '@duckdb/node-api';
import type { Database, DuckDBConnection } from '../db/database.ts';
import { one, rows, run } from '../db/query.ts';
import { audit } from './audit.ts';
import { hashPassword } from './crypto.ts';
import type { Role } from './types.ts';
import { insertUser } from './users.ts';

export const DEMO_PASSWORD = 'demo';

/** The roles demo accounts cover, in the order the login page lists them. */
export const DEMO_ROLES = ['manager', 'supervisor', 'rep', 'account_manager', 'assistant'] as const satisfies readonly Role[];
type DemoRole = (typeof DEMO_ROLES)[number];

export function demoUsername(role: DemoRole): string {
  return `demo.${role}`;
}

export interface DemoAccount {
  username: string;
  role: Role;
  displayName: string;
  passwordHint: string;
}

export async function isDemoData(conn: DuckDBConnection): Promise<boolean> {
  return (await one(conn, "SELECT value FROM meta WHERE key = 'demo'"))?.value === 'true';
}

// Each rep's current roster row, then the first match: same team as the chosen supervisor first,
// people still employed first, then by rep id.
const PICK_SQL = `
  WITH cur AS (SELECT * FROM reps QUALIFY row_number() OVER (PARTITION BY rep_id ORDER BY valid_from DESC) = 1),
  staffed AS (SELECT team, count(*) FILTER (WHERE role = 'rep') AS reps FROM cur GROUP BY team)
  SELECT c.rep_id AS "repId", c.name, c.team FROM cur c LEFT JOIN staffed s ON s.team = c.team
  WHERE c.role = $role
  ORDER BY coalesce(c.team = $team, false) DESC, (c.leave_date IS NULL) DESC, coalesce(s.reps, 0) > 0 DESC, c.rep_id
  LIMIT 1`;

interface Pick extends Record<string, unknown> {
  repId: string;
  name: string;
  team: string | null;
}

/** Creates the missing demo accounts when demo data is present; answers the usernames created. */
export async function ensureDemoAccounts(db: Database): Promise<string[]> {
  const plan = await db.read(async (conn) => {
    if (!(await isDemoData(conn))) return [];
    const existing = new Set((await rows<{ username: string }>(conn, 'SELECT username FROM users')).map((r) => r.username));
    const picks: { role: DemoRole; pick: Pick }[] = [];
    let team: string | null = null;
    for (const role of DEMO_ROLES) {
      const pick: Pick | undefined = await one<Pick>(conn, PICK_SQL, { role, team });
      if (!pick) continue;
      if (role === 'supervisor') team = pick.team;
      if (!existing.has(demoUsername(role))) picks.push({ role, pick });
    }
    return picks;
  });
  if (plan.length === 0) return [];
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const { role, pick } of plan) {
    await insertUser(db, { username: demoUsername(role), displayName: pick.name, role, repId: pick.repId, passwordHash, isDemo: true });
  }
  const created = plan.map((p) => demoUsername(p.role));
  await audit(db, { username: null, action: 'demo_accounts_created', detail: { usernames: created } });
  return created;
}

/** Deletes demo accounts with their sessions and tokens, on a connection holding the write queue. */
export async function deleteDemoAccountsWith(conn: DuckDBConnection): Promise<number> {
  const demo = 'SELECT user_id FROM users WHERE is_demo';
  await run(conn, `DELETE FROM sessions WHERE user_id IN (${demo})`);
  await run(conn, `DELETE FROM api_tokens WHERE user_id IN (${demo})`);
  const n = Number((await one(conn, `SELECT count(*) AS n FROM users WHERE is_demo`))?.n ?? 0);
  await run(conn, 'DELETE FROM users WHERE is_demo');
  return n;
}

/** Removes every demo account (with sessions and tokens); answers how many were removed. */
export function removeDemoAccounts(db: Database): Promise<number> {
  return db.write((conn) => deleteDemoAccountsWith(conn));
}

/** The demo accounts for the login page while demo data exists, else none. */
export function listDemoAccounts(db: Database): Promise<DemoAccount[]> {
  return db.read(async (conn) => {
    if (!(await isDemoData(conn))) return [];
    const found = await rows<{ username: string; role: Role; displayName: string }>(
      conn,
      `SELECT username, role, display_name AS "displayName" FROM users WHERE is_demo AND active
       ORDER BY list_position($roles::VARCHAR[], role), username`,
      { roles: listValue([...DEMO_ROLES]) },
    );
    return found.map((r) => ({ ...r, passwordHint: DEMO_PASSWORD }));
  });
}
