// Failed sign-ins per account and per address: ACCOUNT_FAILURE_LIMIT failures within LOCKOUT_MS
// lock the account for LOCKOUT_MS after the last of them (ADDRESS_FAILURE_LIMIT for an address).
// Attempts refused while locked are not counted, so a lock cannot be extended by hammering it.
import type { DuckDBConnection } from '../db/database.ts';
import type { Database } from '../db/database.ts';
import { rows, run } from '../db/query.ts';
import { sqlTime } from './clock.ts';
import { ACCOUNT_FAILURE_LIMIT, ADDRESS_FAILURE_LIMIT, LOCKOUT_MS } from './policy.ts';

export type LockKind = 'account' | 'address';

export interface Lock {
  kind: LockKind;
  /** When the lock ends (ms since the epoch). */
  until: number;
}

const LIMITS: Record<LockKind, number> = { account: ACCOUNT_FAILURE_LIMIT, address: ADDRESS_FAILURE_LIMIT };

async function lockOf(conn: DuckDBConnection, kind: LockKind, subject: string, now: number): Promise<Lock | null> {
  const limit = LIMITS[kind];
  const recent = await rows<{ ms: number }>(
    conn,
    `SELECT epoch_ms(failed_at)::DOUBLE AS ms FROM login_failures WHERE kind = $kind AND subject = $subject ORDER BY failed_at DESC LIMIT ${limit}`,
    { kind, subject },
  );
  const newest = recent[0]?.ms;
  const oldest = recent[limit - 1]?.ms;
  if (newest === undefined || oldest === undefined) return null;
  const until = newest + LOCKOUT_MS;
  return newest - oldest < LOCKOUT_MS && now < until ? { kind, until } : null;
}

/** The lock that refuses this attempt, if any (the address first: it covers every account). */
export function activeLock(db: Database, account: string, address: string, now: number): Promise<Lock | null> {
  return db.read(async (conn) => (await lockOf(conn, 'address', address, now)) ?? (await lockOf(conn, 'account', account, now)));
}

/** Records one failure for the account and the address; answers the lock it caused, if any. */
export async function recordFailure(conn: DuckDBConnection, account: string, address: string, now: number): Promise<Lock | null> {
  // Failures older than a day can no longer lock anything.
  await run(conn, 'DELETE FROM login_failures WHERE failed_at < CAST($cutoff AS TIMESTAMP)', { cutoff: sqlTime(now - 24 * 3600 * 1000) });
  await run(
    conn,
    `INSERT INTO login_failures VALUES ('account', $account, CAST($now AS TIMESTAMP)), ('address', $address, CAST($now AS TIMESTAMP))`,
    { account, address, now: sqlTime(now) },
  );
  return (await lockOf(conn, 'address', address, now)) ?? (await lockOf(conn, 'account', account, now));
}

/** A successful sign-in starts the account's count afresh. */
export async function clearAccountFailures(conn: DuckDBConnection, account: string): Promise<void> {
  await run(conn, "DELETE FROM login_failures WHERE kind = 'account' AND subject = $account", { account });
}
