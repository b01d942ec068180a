import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { AccessTokensTable, Database } from '../schema';

type Db = Kysely<Database> | Transaction<Database>;
export type AccessTokenRow = Selectable<AccessTokensTable>;

export async function insertAccessToken(db: Db, row: Insertable<AccessTokensTable>): Promise<void> {
  await db.insertInto('access_tokens').values(row).execute();
}

/** A token that is neither expired nor revoked. */
export async function findLiveAccessToken(db: Db, tokenHash: string, now: string): Promise<AccessTokenRow | undefined> {
  return db
    .selectFrom('access_tokens')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('expires_at', '>', now)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

/** Revoke every token of a participant (the facilitator removed them). */
export async function revokeParticipantTokens(db: Db, participantId: string, now: string): Promise<number> {
  const result = await db
    .updateTable('access_tokens')
    .set({ revoked_at: now })
    .where('participant_id', '=', participantId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The tokens of one role in a session, newest first (observer links for their list). */
export async function listSessionTokens(db: Db, sessionId: string, role: AccessTokenRow['role']): Promise<AccessTokenRow[]> {
  return db
    .selectFrom('access_tokens')
    .selectAll()
    .where('session_id', '=', sessionId)
    .where('role', '=', role)
    .orderBy('created_at', 'desc')
    .execute();
}

/** Revoke one token of a session by its public id; returns the revoked rows' hashes. */
export async function revokeTokenByLinkId(db: Db, sessionId: string, linkId: string, now: string): Promise<string[]> {
  const rows = await db
    .updateTable('access_tokens')
    .set({ revoked_at: now })
    .where('session_id', '=', sessionId)
    .where('link_id', '=', linkId)
    .where('revoked_at', 'is', null)
    .returning(['token_hash', 'session_id'])
    .execute();
  return rows.map((r) => r.token_hash);
}

/**
 * Revoke the facilitator tokens issued under a login, and the user's facilitator tokens from
 * before tokens recorded their login. Returns what was revoked, so live sockets can be cut.
 */
export async function revokeLoginTokens(db: Db, loginHash: string, userId: string, now: string): Promise<Array<{ token_hash: string; session_id: string }>> {
  return db
    .updateTable('access_tokens')
    .set({ revoked_at: now })
    .where('role', '=', 'facilitator')
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('login_hash', '=', loginHash), eb.and([eb('login_hash', 'is', null), eb('user_id', '=', userId)])]))
    .returning(['token_hash', 'session_id'])
    .execute();
}
