// Data access for accounts (table users): lookups, list, insert and update of non-key columns.
import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database.ts';
import { one, rows, run } from '../db/query.ts';
import { sqlTime } from './clock.ts';
import type { Role } from './types.ts';

export interface UserRecord {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  repId: string | null;
  active: boolean;
  isDemo: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface UserWithHash extends UserRecord {
  passwordHash: string;
}

const COLUMNS = `user_id AS "userId", username, display_name AS "displayName", role, rep_id AS "repId",
  active, is_demo AS "isDemo", strftime(created_at, '%Y-%m-%dT%H:%M:%SZ') AS "createdAt",
  strftime(updated_at, '%Y-%m-%dT%H:%M:%SZ') AS "updatedAt"`;

/** Usernames compare case-insensitively: they are stored lower-cased. */
export function normaliseUsername(username: string): string {
  return username.trim().toLowerCase();
}

export function findUserByUsername(db: Database, username: string): Promise<UserWithHash | undefined> {
  return db.read((conn) =>
    one<UserWithHash & Record<string, unknown>>(conn, `SELECT ${COLUMNS}, password_hash AS "passwordHash" FROM users WHERE username = $username`, {
      username: normaliseUsername(username),
    }),
  );
}

export function findUserById(db: Database, userId: string): Promise<UserWithHash | undefined> {
  return db.read((conn) =>
    one<UserWithHash & Record<string, unknown>>(conn, `SELECT ${COLUMNS}, password_hash AS "passwordHash" FROM users WHERE user_id = $userId`, { userId }),
  );
}

export function listUsers(db: Database): Promise<UserRecord[]> {
  return db.read((conn) => rows<UserRecord & Record<string, unknown>>(conn, `SELECT ${COLUMNS} FROM users ORDER BY username`));
}

export function countActiveAdmins(db: Database): Promise<number> {
  return db.read(async (conn) => Number((await one(conn, "SELECT count(*) AS n FROM users WHERE role = 'admin' AND active"))?.n ?? 0));
}

export interface NewUserRow {
  username: string;
  displayName: string;
  role: Role;
  repId: string | null;
  passwordHash: string;
  isDemo?: boolean;
}

/** Inserts an account (the caller has hashed the password) and returns its id. */
export async function insertUser(db: Database, user: NewUserRow): Promise<string> {
  const userId = randomUUID();
  const now = sqlTime(Date.now());
  await db.write((conn) =>
    run(
      conn,
      `INSERT INTO users (user_id, username, display_name, password_hash, role, rep_id, active, is_demo, created_at, updated_at)
       VALUES ($userId, $username, $displayName, $passwordHash, $role, $repId, true, $isDemo, CAST($now AS TIMESTAMP), CAST($now AS TIMESTAMP))`,
      {
        userId,
        username: normaliseUsername(user.username),
        displayName: user.displayName,
        passwordHash: user.passwordHash,
        role: user.role,
        repId: user.repId,
        isDemo: user.isDemo ?? false,
        now,
      },
    ),
  );
  return userId;
}

export interface UserChanges {
  displayName?: string;
  role?: Role;
  repId?: string | null;
  passwordHash?: string;
  active?: boolean;
}

const CHANGE_COLUMNS: Record<keyof UserChanges, string> = {
  displayName: 'display_name',
  role: 'role',
  repId: 'rep_id',
  passwordHash: 'password_hash',
  active: 'active',
};

/** Updates non-key columns only (DuckDB rewrites key columns as delete + insert). */
export async function updateUser(db: Database, userId: string, changes: UserChanges): Promise<void> {
  const sets: string[] = ['updated_at = CAST($now AS TIMESTAMP)'];
  const params: Record<string, string | boolean | null> = { userId, now: sqlTime(Date.now()) };
  for (const key of Object.keys(CHANGE_COLUMNS) as (keyof UserChanges)[]) {
    if (changes[key] === undefined) continue;
    sets.push(`${CHANGE_COLUMNS[key]} = $${key}`);
    params[key] = changes[key] ?? null;
  }
  await db.write((conn) => run(conn, `UPDATE users SET ${sets.join(', ')} WHERE user_id = $userId`, params));
}

/** True when the roster has a row for this rep id. */
export function repExists(db: Database, repId: string): Promise<boolean> {
  return db.read(async (conn) => (await one(conn, 'SELECT 1 AS x FROM reps WHERE rep_id = $repId LIMIT 1', { repId })) !== undefined);
}
