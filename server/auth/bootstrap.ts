// The first admin account (username admin): created on first start with ATTAIN_ADMIN_PASSWORD,
// or with a generated password that start-up prints once.
import type { Database } from '../db/database.ts';
import { audit } from './audit.ts';
import { generatePassword, hashPassword } from './crypto.ts';
import { findUserByUsername, insertUser } from './users.ts';

export const FIRST_ADMIN_USERNAME = 'admin';

export async function ensureFirstAdmin(db: Database, password: string | null): Promise<{ created: boolean; generatedPassword: string | null }> {
  const admins = await db.read(async (conn) => {
    const reader = await conn.runAndReadAll("SELECT count(*)::INTEGER AS n FROM users WHERE role = 'admin'");
    return Number(reader.getRowObjectsJS()[0]?.n ?? 0);
  });
  if (admins > 0 || (await findUserByUsername(db, FIRST_ADMIN_USERNAME))) return { created: false, generatedPassword: null };
  const generatedPassword = password ? null : generatePassword();
  const chosen = password ?? generatedPassword!;
  await insertUser(db, { username: FIRST_ADMIN_USERNAME, displayName: 'Administrator', role: 'admin', repId: null, passwordHash: await hashPassword(chosen) });
  await audit(db, { username: null, action: 'user_created', detail: { username: FIRST_ADMIN_USERNAME, role: 'admin', firstAdmin: true, passwordGenerated: generatedPassword !== null } });
  return { created: true, generatedPassword };
}
