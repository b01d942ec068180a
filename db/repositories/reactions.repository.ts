import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../schema';

type Db = Kysely<Database> | Transaction<Database>;

/** Mark a card; marking it again changes nothing (one row per person and card). */
export async function insertReaction(db: Db, row: { room: string; cardId: string; authorId: string; sessionId: string; createdAt: string }): Promise<void> {
  await db
    .insertInto('card_reactions')
    .values({ room: row.room, card_id: row.cardId, author_id: row.authorId, session_id: row.sessionId, created_at: row.createdAt })
    .onConflict((oc) => oc.columns(['room', 'card_id', 'author_id']).doNothing())
    .execute();
}

/** Take one's mark off a card (nothing when there is none). */
export async function deleteReaction(db: Db, room: string, cardId: string, authorId: string): Promise<void> {
  await db.deleteFrom('card_reactions').where('room', '=', room).where('card_id', '=', cardId).where('author_id', '=', authorId).execute();
}

/** How many people marked each card of a board. */
export async function countReactionsByCard(db: Db, room: string): Promise<Map<string, number>> {
  const rows = await db.selectFrom('card_reactions').select(['card_id', (eb) => eb.fn.countAll<number>().as('n')]).where('room', '=', room).groupBy('card_id').execute();
  return new Map(rows.map((r) => [r.card_id, Number(r.n)]));
}

/** How many people marked each card of a session, by room and card. */
export async function countSessionReactions(db: Db, sessionId: string): Promise<Array<{ room: string; cardId: string; count: number }>> {
  const rows = await db
    .selectFrom('card_reactions')
    .select(['room', 'card_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('session_id', '=', sessionId)
    .groupBy(['room', 'card_id'])
    .execute();
  return rows.map((r) => ({ room: r.room, cardId: r.card_id, count: Number(r.n) }));
}

/** The cards of a board one person marked. */
export async function listReactedCards(db: Db, room: string, authorId: string): Promise<string[]> {
  const rows = await db.selectFrom('card_reactions').select('card_id').where('room', '=', room).where('author_id', '=', authorId).execute();
  return rows.map((r) => r.card_id);
}
