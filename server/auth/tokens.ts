// API tokens: a secret shown once at creation, stored as its sha256. A token acts as its user,
// with that user's current role and scope; revoked tokens and disabled users stop working at once.
import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database.ts';
import { one, rows, run } from '../db/query.ts';
import { sqlTime, type Clock } from './clock.ts';
import { randomSecret, sha256Hex } from './crypto.ts';
import { AUTH_MEMO_MAX, AUTH_MEMO_MS, TOUCH_INTERVAL_MS } from './policy.ts';
import type { Role, SessionUser } from './types.ts';

export const TOKEN_PREFIX = 'attain_';

export interface TokenInfo {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface CreatedToken extends TokenInfo {
  secret: string;
}

const INFO_COLUMNS = `token_id AS id, name, prefix, strftime(created_at, '%Y-%m-%dT%H:%M:%SZ') AS "createdAt",
  strftime(last_used_at, '%Y-%m-%dT%H:%M:%SZ') AS "lastUsedAt"`;

export async function createToken(db: Database, clock: Clock, userId: string, name: string): Promise<CreatedToken> {
  const id = randomUUID();
  const secret = TOKEN_PREFIX + randomSecret(32);
  const prefix = secret.slice(0, TOKEN_PREFIX.length + 6);
  const now = clock.now();
  await db.write((conn) =>
    run(
      conn,
      `INSERT INTO api_tokens (token_id, user_id, name, token_hash, prefix, created_at)
       VALUES ($id, $userId, $name, $hash, $prefix, CAST($now AS TIMESTAMP))`,
      { id, userId, name, hash: sha256Hex(secret), prefix, now: sqlTime(now) },
    ),
  );
  return { id, name, prefix, createdAt: new Date(Math.floor(now / 1000) * 1000).toISOString().replace('.000Z', 'Z'), lastUsedAt: null, secret };
}

/** The caller's tokens that still work, newest first. */
export function listTokens(db: Database, userId: string): Promise<TokenInfo[]> {
  return db.read((conn) =>
    rows<TokenInfo & Record<string, unknown>>(
      conn,
      `SELECT ${INFO_COLUMNS} FROM api_tokens WHERE user_id = $userId AND revoked_at IS NULL ORDER BY created_at DESC, name`,
      { userId },
    ),
  );
}

/** Revokes one of the user's tokens; null when they have no such live token. */
export async function revokeToken(db: Database, clock: Clock, userId: string, tokenId: string): Promise<TokenInfo | null> {
  return db.write(async (conn) => {
    const found = await one<TokenInfo & Record<string, unknown>>(
      conn,
      `SELECT ${INFO_COLUMNS} FROM api_tokens WHERE token_id = $tokenId AND user_id = $userId AND revoked_at IS NULL`,
      { tokenId, userId },
    );
    if (!found) return null;
    await run(conn, 'UPDATE api_tokens SET revoked_at = CAST($now AS TIMESTAMP) WHERE token_id = $tokenId', { tokenId, now: sqlTime(clock.now()) });
    return found;
  });
}

interface TokenRow extends Record<string, unknown> {
  tokenId: string;
  lastUsed: number | null;
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  repId: string | null;
}

/** Resolves Bearer secrets; remembers when each token was last used (written at most once a minute). */
export class TokenResolver {
  private readonly written = new Map<string, number>();
  /** Looked-up rows per token hash, so scripted clients skip the database; dropped on any revoke or account change. */
  private readonly known = new Map<string, { row: TokenRow; at: number }>();
  /** Bumped by forget(): a lookup that started before it does not store its row. */
  private generation = 0;

  constructor(
    private readonly db: Database,
    private readonly clock: () => Clock,
    private readonly onBackgroundError: (err: unknown) => void,
  ) {}

  async resolve(secret: string): Promise<SessionUser | null> {
    if (!secret.startsWith(TOKEN_PREFIX) || secret.length > 200) return null;
    const row = await this.lookup(sha256Hex(secret));
    if (!row) return null;
    this.noteUse(row.tokenId, row.lastUsed);
    return { userId: row.userId, username: row.username, displayName: row.displayName, role: row.role, repId: row.repId, via: 'token', csrfToken: null };
  }

  /** Drops every remembered lookup (a token revoked, any change to users). */
  forget(): void {
    this.generation++;
    this.known.clear();
  }

  private async lookup(hash: string): Promise<TokenRow | null> {
    const now = Date.now();
    const hit = this.known.get(hash);
    if (hit && now - hit.at < AUTH_MEMO_MS) return hit.row;
    const generation = this.generation;
    const row = await this.db.read((conn) =>
      one<TokenRow>(
        conn,
        `SELECT t.token_id AS "tokenId", epoch_ms(t.last_used_at)::DOUBLE AS "lastUsed", u.user_id AS "userId",
                u.username, u.display_name AS "displayName", u.role, u.rep_id AS "repId"
         FROM api_tokens t JOIN users u ON u.user_id = t.user_id
         WHERE t.token_hash = $hash AND t.revoked_at IS NULL AND u.active`,
        { hash },
      ),
    );
    if (row && generation === this.generation) {
      if (this.known.size >= AUTH_MEMO_MAX) this.known.clear();
      this.known.set(hash, { row, at: now });
    }
    return row ?? null;
  }

  private noteUse(tokenId: string, lastUsed: number | null): void {
    const now = this.clock().now();
    const known = Math.max(lastUsed ?? 0, this.written.get(tokenId) ?? 0);
    if (now - known < TOUCH_INTERVAL_MS) return;
    this.written.set(tokenId, now);
    if (this.written.size > 10_000) this.written.clear();
    try {
      this.db
        .write((conn) => run(conn, 'UPDATE api_tokens SET last_used_at = CAST($now AS TIMESTAMP) WHERE token_id = $tokenId', { tokenId, now: sqlTime(now) }))
        .catch((err) => this.onBackgroundError(err));
    } catch (err) {
      this.onBackgroundError(err);
    }
  }
}
