import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../schema';

type Db = Kysely<Database> | Transaction<Database>;

/** How many identities a session has (people who joined and those entered for them). */
export async function countSessionParticipants(db: Db, sessionId: string): Promise<number> {
  const row = await db
    .selectFrom('participants')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('session_id', '=', sessionId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** When each participant of a session joined at or after `since`, oldest first. */
export async function listJoinTimes(db: Db, sessionId: string, since: string): Promise<string[]> {
  const rows = await db
    .selectFrom('participants')
    .select('created_at')
    .where('session_id', '=', sessionId)
    .where('created_at', '>=', since)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => r.created_at);
}

/**
 * Delete an identity and everything it cast: dots, poll answers, the closing survey, its tokens.
 * Its cards stay on the board, which is the facilitator's to tidy.
 */
export async function deleteParticipantFootprint(db: Db, participantId: string): Promise<void> {
  await db.deleteFrom('vote_dots').where('participant_id', '=', participantId).execute();
  await db.deleteFrom('poll_answers').where('participant_id', '=', participantId).execute();
  await db.deleteFrom('survey_responses').where('participant_id', '=', participantId).execute();
  await db.deleteFrom('access_tokens').where('participant_id', '=', participantId).execute();
  await db.deleteFrom('participants').where('id', '=', participantId).execute();
}
