import type { Kysely, Selectable, Transaction } from 'kysely';
import type { AccessTokensTable, Database } from '../schema';

type Db = Kysely<Database> | Transaction<Database>;
export type AccessTokenRow = Selectable<AccessTokensTable>;

export async function insertAccessToken(db: Db, row: AccessTokenRow): Promise<void> {
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
