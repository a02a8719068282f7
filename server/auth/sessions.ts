// Browser sessions: the cookie carries a random secret, the database only its sha256. Sessions end
// after SESSION_IDLE_MS without a request; activity is remembered in memory at once and written
// at most once a minute, off the request path, so a long import never stalls a page load.
import type { Database } from '../db/database.ts';
import { one, run } from '../db/query.ts';
import { sqlTime, type Clock } from './clock.ts';
import { randomSecret, sha256Hex } from './crypto.ts';
import { AUTH_MEMO_MAX, AUTH_MEMO_MS, SESSION_IDLE_MS, TOUCH_INTERVAL_MS } from './policy.ts';
import type { Role, SessionUser } from './types.ts';

interface SessionRow extends Record<string, unknown> {
  csrfToken: string;
  lastSeen: number;
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  repId: string | null;
}

export interface NewSession {
  secret: string;
  csrfToken: string;
}

export class SessionStore {
  /** Last activity per session hash, ahead of what has been written. */
  private readonly seen = new Map<string, number>();
  private readonly pending = new Set<string>();
  /** Looked-up rows per session hash, so a page's requests skip the database; dropped on any sign-out or account change. */
  private readonly known = new Map<string, { row: SessionRow; at: number }>();
  /** Bumped by forget(): a lookup that started before it does not store its row. */
  private generation = 0;

  constructor(
    private readonly db: Database,
    private readonly clock: () => Clock,
    private readonly onBackgroundError: (err: unknown) => void,
  ) {}

  async create(userId: string, meta: { ip: string | null; userAgent: string | null }): Promise<NewSession> {
    const secret = randomSecret();
    const csrfToken = randomSecret();
    const now = this.clock().now();
    await this.db.write(async (conn) => {
      // Sessions idle past their limit (plus the unwritten last minute of activity) are gone for good.
      await run(conn, 'DELETE FROM sessions WHERE expires_at < CAST($cutoff AS TIMESTAMP)', { cutoff: sqlTime(now - TOUCH_INTERVAL_MS) });
      await run(
        conn,
        `INSERT INTO sessions (session_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, ip, user_agent)
         VALUES ($hash, $userId, $csrf, CAST($now AS TIMESTAMP), CAST($now AS TIMESTAMP), CAST($expires AS TIMESTAMP), $ip, $ua)`,
        {
          hash: sha256Hex(secret),
          userId,
          csrf: csrfToken,
          now: sqlTime(now),
          expires: sqlTime(now + SESSION_IDLE_MS),
          ip: meta.ip,
          ua: meta.userAgent?.slice(0, 300) ?? null,
        },
      );
    });
    return { secret, csrfToken };
  }

  /** The signed-in user of a cookie secret, or null when unknown, expired or disabled. */
  async resolve(secret: string): Promise<SessionUser | null> {
    const hash = sha256Hex(secret);
    const row = await this.lookup(hash);
    if (!row) return null;
    const now = this.clock().now();
    const lastSeen = Math.max(row.lastSeen, this.seen.get(hash) ?? 0);
    if (now - lastSeen > SESSION_IDLE_MS) {
      this.seen.delete(hash);
      this.known.delete(hash);
      this.background((conn) => run(conn, 'DELETE FROM sessions WHERE session_hash = $hash', { hash }));
      return null;
    }
    this.touch(hash, row, now);
    return {
      userId: row.userId,
      username: row.username,
      displayName: row.displayName,
      role: row.role,
      repId: row.repId,
      via: 'session',
      csrfToken: row.csrfToken,
    };
  }

  /** Drops every remembered lookup (sign-out, password change, any change to users). */
  forget(): void {
    this.generation++;
    this.known.clear();
  }

  private async lookup(hash: string): Promise<SessionRow | null> {
    const now = Date.now();
    const hit = this.known.get(hash);
    if (hit && now - hit.at < AUTH_MEMO_MS) return hit.row;
    const generation = this.generation;
    const row = await this.db.read((conn) =>
      one<SessionRow>(
        conn,
        `SELECT s.csrf_token AS "csrfToken", epoch_ms(s.last_seen_at)::DOUBLE AS "lastSeen", u.user_id AS "userId",
                u.username, u.display_name AS "displayName", u.role, u.rep_id AS "repId"
         FROM sessions s JOIN users u ON u.user_id = s.user_id
         WHERE s.session_hash = $hash AND u.active`,
        { hash },
      ),
    );
    if (row && generation === this.generation) {
      if (this.known.size >= AUTH_MEMO_MAX) this.known.clear();
      this.known.set(hash, { row, at: now });
    }
    return row ?? null;
  }

  async destroy(secret: string): Promise<void> {
    const hash = sha256Hex(secret);
    this.seen.delete(hash);
    this.forget();
    await this.db.write((conn) => run(conn, 'DELETE FROM sessions WHERE session_hash = $hash', { hash }));
    this.forget();
  }

  /** Signs a user out everywhere (password reset, disabled account), except the given session. */
  async destroyForUser(userId: string, keepSecret: string | null = null): Promise<void> {
    const keep = keepSecret ? sha256Hex(keepSecret) : '';
    this.forget();
    await this.db.write((conn) => run(conn, 'DELETE FROM sessions WHERE user_id = $userId AND session_hash <> $keep', { userId, keep }));
    this.forget();
  }

  private touch(hash: string, row: SessionRow, now: number): void {
    this.seen.set(hash, now);
    if (this.seen.size > 10_000) this.prune(now);
    if (now - row.lastSeen < TOUCH_INTERVAL_MS || this.pending.has(hash)) return;
    this.pending.add(hash);
    // The remembered row now carries what is being written, so the next requests do not write again.
    row.lastSeen = now;
    this.background((conn) =>
      run(conn, 'UPDATE sessions SET last_seen_at = CAST($seen AS TIMESTAMP), expires_at = CAST($expires AS TIMESTAMP) WHERE session_hash = $hash', {
        hash,
        seen: sqlTime(now),
        expires: sqlTime(now + SESSION_IDLE_MS),
      }),
    ).finally(() => this.pending.delete(hash));
  }

  private prune(now: number): void {
    for (const [hash, at] of this.seen) if (now - at > SESSION_IDLE_MS) this.seen.delete(hash);
  }

  private background(fn: Parameters<Database['write']>[0]): Promise<void> {
    try {
      return this.db.write(fn).then(
        () => undefined,
        (err) => this.onBackgroundError(err),
      );
    } catch (err) {
      // The database closed under a late request: nothing left to record.
      this.onBackgroundError(err);
      return Promise.resolve();
    }
  }
}
