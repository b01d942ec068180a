import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, PasswordLinksTable, UsersTable } from '../schema';

type Db = Kysely<Database> | Transaction<Database>;
export type UserRow = Selectable<UsersTable>;

export async function countUsers(db: Db): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertUser(db: Db, row: Omit<UserRow, 'disabled_at' | 'last_login_at'>): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

export async function updateUserPassword(db: Db, id: string, passwordHash: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', id).execute();
}

export async function listUsers(db: Db): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().orderBy('created_at').execute();
}

export async function insertAuthSession(
  db: Db,
  row: { token_hash: string; user_id: string; created_at: string; expires_at: string },
): Promise<void> {
  await db.insertInto('auth_sessions').values(row).execute();
}

/** The user behind a cookie's token, if the login has not expired. */
export async function findUserByAuthSession(db: Db, tokenHash: string, now: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('auth_sessions')
    .innerJoin('users', 'users.id', 'auth_sessions.user_id')
    .selectAll('users')
    .where('auth_sessions.token_hash', '=', tokenHash)
    .where('auth_sessions.expires_at', '>', now)
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
}

export async function deleteAuthSession(db: Db, tokenHash: string): Promise<void> {
  await db.deleteFrom('auth_sessions').where('token_hash', '=', tokenHash).execute();
}

/** Disable (a time) or enable (null) an account. */
export async function setUserDisabled(db: Db, id: string, disabledAt: string | null): Promise<void> {
  await db.updateTable('users').set({ disabled_at: disabledAt }).where('id', '=', id).execute();
}

export async function setUserLastLogin(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('users').set({ last_login_at: at }).where('id', '=', id).execute();
}

/** End every login of an account but one (the caller's own, when changing their password). */
export async function deleteAuthSessionsOfUser(db: Db, userId: string, exceptTokenHash?: string): Promise<void> {
  let query = db.deleteFrom('auth_sessions').where('user_id', '=', userId);
  if (exceptTokenHash) query = query.where('token_hash', '!=', exceptTokenHash);
  await query.execute();
}

/** Revoke every session token issued to an account (facilitator tokens), returning what was revoked. */
export async function revokeTokensOfUser(db: Db, userId: string, now: string): Promise<Array<{ token_hash: string; session_id: string }>> {
  return db
    .updateTable('access_tokens')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .returning(['token_hash', 'session_id'])
    .execute();
}

export type PasswordLinkRow = Selectable<PasswordLinksTable>;

/** Store a new set-password link; earlier unused links of the account stop working. */
export async function insertPasswordLink(db: Db, row: PasswordLinkRow): Promise<void> {
  await db.updateTable('password_links').set({ used_at: row.created_at }).where('user_id', '=', row.user_id).where('used_at', 'is', null).execute();
  await db.insertInto('password_links').values(row).execute();
}

export async function findPasswordLink(db: Db, tokenHash: string): Promise<PasswordLinkRow | undefined> {
  return db.selectFrom('password_links').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** Mark a link used; false if it was already (so a link works once even when two use it at once). */
export async function usePasswordLink(db: Db, tokenHash: string, now: string): Promise<boolean> {
  const result = await db.updateTable('password_links').set({ used_at: now }).where('token_hash', '=', tokenHash).where('used_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
