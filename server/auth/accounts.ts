// Account management rules: admins create, link, re-role, reset and disable accounts; everyone
// changes their own password. Each change is audited; a reset or disable signs the user out.
import type { Database } from '../db/database.ts';
import { conflict, notFound, badRequest, AppError } from '../errors.ts';
import { audit } from './audit.ts';
import { hashPassword, verifyPassword } from './crypto.ts';
import type { SessionStore } from './sessions.ts';
import type { Role, SessionUser } from './types.ts';
import { countActiveAdmins, findUserById, findUserByUsername, insertUser, normaliseUsername, repExists, updateUser, type UserChanges, type UserRecord } from './users.ts';

export interface Actor {
  username: string;
  userId: string;
  ip: string | null;
}

export interface NewAccount {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  repId?: string | null | undefined;
}

export interface AccountPatch {
  displayName?: string | undefined;
  role?: Role | undefined;
  repId?: string | null | undefined;
  password?: string | undefined;
  active?: boolean | undefined;
}

async function checkRep(db: Database, repId: string | null | undefined): Promise<void> {
  if (repId && !(await repExists(db, repId))) {
    throw badRequest(`No rep ${repId} in the roster; import the roster first or check the id.`, [{ parameter: 'repId', message: `unknown rep "${repId}"` }]);
  }
}

function strip(user: UserRecord & { passwordHash?: string }): UserRecord {
  const { passwordHash: _hash, ...record } = user;
  return record;
}

export async function createAccount(db: Database, actor: Actor, input: NewAccount): Promise<UserRecord> {
  const username = normaliseUsername(input.username);
  if (await findUserByUsername(db, username)) throw conflict(`The username ${username} is taken.`);
  await checkRep(db, input.repId);
  const userId = await insertUser(db, {
    username,
    displayName: input.displayName.trim(),
    role: input.role,
    repId: input.repId ?? null,
    passwordHash: await hashPassword(input.password),
  }).catch((err: unknown) => {
    // Two admins creating the same name at once: the unique index decides.
    if (err instanceof Error && /duplicate key|unique constraint/i.test(err.message)) throw conflict(`The username ${username} is taken.`);
    throw err;
  });
  await audit(db, { username: actor.username, action: 'user_created', detail: { userId, username, role: input.role, repId: input.repId ?? null }, ip: actor.ip });
  const created = await findUserById(db, userId);
  if (!created) throw new Error('The new account could not be read back.');
  return strip(created);
}

export async function updateAccount(db: Database, sessions: SessionStore, actor: Actor, userId: string, patch: AccountPatch): Promise<UserRecord> {
  const user = await findUserById(db, userId);
  if (!user) throw notFound(`No account ${userId}.`);
  const losesAdmin = user.role === 'admin' && user.active && ((patch.role !== undefined && patch.role !== 'admin') || patch.active === false);
  if (losesAdmin && (await countActiveAdmins(db)) <= 1) {
    throw conflict('This is the last active admin account; make another account admin first.');
  }
  if (patch.repId !== undefined) await checkRep(db, patch.repId);

  const changes: UserChanges = {};
  if (patch.displayName !== undefined) changes.displayName = patch.displayName.trim();
  if (patch.role !== undefined) changes.role = patch.role;
  if (patch.repId !== undefined) changes.repId = patch.repId;
  if (patch.active !== undefined) changes.active = patch.active;
  if (patch.password !== undefined) changes.passwordHash = await hashPassword(patch.password);
  await updateUser(db, userId, changes);
  // A new password or a disabled account ends every session of that user.
  if (patch.password !== undefined || patch.active === false) await sessions.destroyForUser(userId);

  const changed = Object.keys(patch).filter((k) => patch[k as keyof AccountPatch] !== undefined && k !== 'password');
  const detail: Record<string, unknown> = { userId, username: user.username, changed, passwordReset: patch.password !== undefined };
  for (const k of changed) detail[k] = patch[k as keyof AccountPatch];
  await audit(db, { username: actor.username, action: 'user_updated', detail, ip: actor.ip });
  const updated = await findUserById(db, userId);
  if (!updated) throw notFound(`No account ${userId}.`);
  return strip(updated);
}

/** A user changes their own password (current one required); their other sessions end. */
export async function changeOwnPassword(
  db: Database,
  sessions: SessionStore,
  user: SessionUser,
  input: { currentPassword: string; newPassword: string; ip: string | null; keepSessionSecret: string | null },
): Promise<void> {
  const record = await findUserById(db, user.userId);
  if (!record || !(await verifyPassword(record.passwordHash, input.currentPassword))) {
    await audit(db, { username: user.username, action: 'password_change_failed', detail: { reason: 'wrong_current_password' }, ip: input.ip });
    throw new AppError(403, 'wrong_password', 'The current password is wrong.');
  }
  if (input.newPassword === input.currentPassword) throw badRequest('The new password must differ from the current one.', [{ parameter: 'newPassword', message: 'same as the current password' }]);
  await updateUser(db, user.userId, { passwordHash: await hashPassword(input.newPassword) });
  await sessions.destroyForUser(user.userId, input.keepSessionSecret);
  await audit(db, { username: user.username, action: 'password_changed', detail: { via: user.via }, ip: input.ip });
}
