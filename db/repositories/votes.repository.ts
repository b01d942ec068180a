import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { Database, PollsTable, VotesTable } from '../schema';

type Db = Kysely<Database> | Transaction<Database>;
export type VoteRow = Selectable<VotesTable>;
export type PollRow = Selectable<PollsTable>;

export async function insertVote(db: Db, row: Insertable<VotesTable>): Promise<void> {
  await db.insertInto('votes').values(row).execute();
}

export async function findVoteById(db: Db, id: string): Promise<VoteRow | undefined> {
  return db.selectFrom('votes').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateVote(db: Db, id: string, patch: Updateable<VotesTable>): Promise<void> {
  await db.updateTable('votes').set(patch).where('id', '=', id).execute();
}

export async function listVotes(db: Db, sessionId: string): Promise<VoteRow[]> {
  return db.selectFrom('votes').selectAll().where('session_id', '=', sessionId).orderBy('created_at').execute();
}

/** One participant's dots in a vote, item by item. */
export async function listDotsOf(db: Db, voteId: string, participantId: string): Promise<Array<{ item_id: string; dots: number }>> {
  return db.selectFrom('vote_dots').select(['item_id', 'dots']).where('vote_id', '=', voteId).where('participant_id', '=', participantId).execute();
}

/** Set a participant's dots on one item (0 removes the row). */
export async function setDots(db: Db, voteId: string, participantId: string, itemId: string, dots: number): Promise<void> {
  if (dots === 0) {
    await db.deleteFrom('vote_dots').where('vote_id', '=', voteId).where('participant_id', '=', participantId).where('item_id', '=', itemId).execute();
    return;
  }
  await db
    .insertInto('vote_dots')
    .values({ vote_id: voteId, participant_id: participantId, item_id: itemId, dots })
    .onConflict((oc) => oc.columns(['vote_id', 'participant_id', 'item_id']).doUpdateSet({ dots }))
    .execute();
}

/** How many people have at least one dot in a vote. */
export async function countVoters(db: Db, voteId: string): Promise<number> {
  const row = await db
    .selectFrom('vote_dots')
    .select((eb) => eb.fn.count<number>('participant_id').distinct().as('n'))
    .where('vote_id', '=', voteId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Every dot of a vote with who gave it (for results after reveal). */
export async function listAllDots(db: Db, voteId: string): Promise<Array<{ participant_id: string; item_id: string; dots: number }>> {
  return db.selectFrom('vote_dots').select(['participant_id', 'item_id', 'dots']).where('vote_id', '=', voteId).execute();
}

export async function insertPoll(db: Db, row: Insertable<PollsTable>): Promise<void> {
  await db.insertInto('polls').values(row).execute();
}

export async function findPollById(db: Db, id: string): Promise<PollRow | undefined> {
  return db.selectFrom('polls').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updatePoll(db: Db, id: string, patch: Updateable<PollsTable>): Promise<void> {
  await db.updateTable('polls').set(patch).where('id', '=', id).execute();
}

export async function listPolls(db: Db, sessionId: string): Promise<PollRow[]> {
  return db.selectFrom('polls').selectAll().where('session_id', '=', sessionId).orderBy('created_at').execute();
}

/** Record (or replace) a participant's answer on one item. */
export async function upsertAnswer(db: Db, row: { poll_id: string; participant_id: string; item_id: string; choice: string; reason: string; answered_at: string }): Promise<void> {
  await db
    .insertInto('poll_answers')
    .values(row)
    .onConflict((oc) => oc.columns(['poll_id', 'participant_id', 'item_id']).doUpdateSet({ choice: row.choice, reason: row.reason, answered_at: row.answered_at }))
    .execute();
}

export async function countRespondents(db: Db, pollId: string): Promise<number> {
  const row = await db
    .selectFrom('poll_answers')
    .select((eb) => eb.fn.count<number>('participant_id').distinct().as('n'))
    .where('poll_id', '=', pollId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Every answer of a poll with the respondent's organisation type. */
export async function listAnswersWithSector(
  db: Db,
  pollId: string,
): Promise<Array<{ participant_id: string; item_id: string; choice: string; reason: string; organization_type: string }>> {
  return db
    .selectFrom('poll_answers')
    .innerJoin('participants', 'participants.id', 'poll_answers.participant_id')
    .select(['poll_answers.participant_id', 'poll_answers.item_id', 'poll_answers.choice', 'poll_answers.reason', 'participants.organization_type'])
    .where('poll_answers.poll_id', '=', pollId)
    .execute();
}

export async function listAnswersOf(db: Db, pollId: string, participantId: string): Promise<Array<{ item_id: string; choice: string; reason: string }>> {
  return db.selectFrom('poll_answers').select(['item_id', 'choice', 'reason']).where('poll_id', '=', pollId).where('participant_id', '=', participantId).execute();
}
