// The audit log (table audit_log): sign-ins, account and token changes here; imports, undos,
// exports and settings changes call audit() from their own routes.
import type { Database, DuckDBConnection } from '../db/database.ts';
import { one, rows, run } from '../db/query.ts';
import { sqlTime } from './clock.ts';

export interface AuditEntry {
  username: string | null;
  action: string;
  detail?: unknown;
  ip?: string | null;
}

export interface AuditRow {
  loggedAt: string;
  username: string | null;
  action: string;
  detail: unknown;
  ip: string | null;
}

/** Records an entry through the write queue. Inside a db.write/db.transaction use auditWith(conn, …). */
export function audit(db: Database, entry: AuditEntry): Promise<void> {
  return db.write((conn) => auditWith(conn, entry));
}

/** Records an entry on a connection that already holds the write queue (same transaction). */
export async function auditWith(conn: DuckDBConnection, entry: AuditEntry, at = Date.now()): Promise<void> {
  await run(conn, 'INSERT INTO audit_log (logged_at, username, action, detail, ip) VALUES (CAST($at AS TIMESTAMP), $username, $action, CAST($detail AS JSON), $ip)', {
    at: sqlTime(at),
    username: entry.username,
    action: entry.action,
    detail: entry.detail === undefined ? null : JSON.stringify(entry.detail),
    ip: entry.ip ?? null,
  });
}

export interface AuditQuery {
  limit: number;
  offset: number;
  action?: string | undefined;
  username?: string | undefined;
}

/** Entries newest first (insertion order breaks ties within the same millisecond). */
export function listAudit(db: Database, q: AuditQuery): Promise<{ total: number; rows: AuditRow[] }> {
  const where = ['($action IS NULL OR action = $action)', '($username IS NULL OR username = $username)'].join(' AND ');
  const params = { action: q.action ?? null, username: q.username ?? null };
  return db.read(async (conn) => {
    const total = Number((await one(conn, `SELECT count(*) AS n FROM audit_log WHERE ${where}`, params))?.n ?? 0);
    const found = await rows<{ loggedAt: string; username: string | null; action: string; detail: string | null; ip: string | null }>(
      conn,
      `SELECT strftime(logged_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS "loggedAt", username, action, CAST(detail AS VARCHAR) AS detail, ip
       FROM audit_log WHERE ${where}
       ORDER BY logged_at DESC, rowid DESC LIMIT ${Math.trunc(q.limit)} OFFSET ${Math.trunc(q.offset)}`,
      params,
    );
    return { total, rows: found.map((r) => ({ ...r, detail: r.detail === null ? null : (JSON.parse(r.detail) as unknown) })) };
  });
}
