import { readCard } from '../../shared/board/model';
import type { ReactionState, ReactionToggle } from '../../shared/schemas/cards';
import { countReactionsByCard, deleteReaction, insertReaction, listReactedCards } from '../../db/repositories/reactions.repository';
import type { TokenActor } from '../auth/policy';
import { AppError } from '../errors';
import { authorizeRoom } from './access.service';
import { authorIdOf } from './cards.service';
import type { ServiceContext } from './context';
import { writePermissions } from './control.service';

/*
 * 共感 (+1) on cards: kept in `card_reactions`, not in the board document, so the count is the
 * server's (one per person and card) and nobody can mark for someone else. Anyone of the session
 * who may read a board may mark its cards (at the share-out, another table's too), while the
 * session is open and the board not locked.
 */

/** Mark or unmark a card. The same state sent again (a replay) changes nothing. Returns the card's count. */
export async function toggleReaction(ctx: ServiceContext, actor: TokenActor, input: ReactionToggle): Promise<ReactionState> {
  const access = await authorizeRoom(ctx, actor, input.room);
  if (access.session.status !== 'open') throw new AppError('not_open', 'the session is closed');
  if (actor.role === 'observer') throw new AppError('forbidden', 'observers only watch');
  if (actor.role !== 'facilitator' && writePermissions(ctx, access.session).locked) {
    throw new AppError('board_locked', 'the facilitator has locked the board');
  }
  const card = await ctx.rooms.withRoom(input.room, (room) => readCard(room.doc, input.cardId));
  if (!card) throw new AppError('not_found', 'no such card');
  const authorId = authorIdOf(actor);
  if (input.on) {
    await insertReaction(ctx.db, { room: input.room, cardId: input.cardId, authorId, sessionId: access.session.id, createdAt: ctx.now().toISOString() });
  } else {
    await deleteReaction(ctx.db, input.room, input.cardId, authorId);
  }
  return reactionState(ctx, input.room, input.cardId);
}

/** One card's count, as broadcast after a change. */
export async function reactionState(ctx: ServiceContext, room: string, cardId: string): Promise<ReactionState> {
  const counts = await countReactionsByCard(ctx.db, room);
  return { room, cardId, count: counts.get(cardId) ?? 0 };
}

/** Every card's count on a board (cards nobody marked are left out) and the caller's own marks. */
export async function readReactions(ctx: ServiceContext, actor: TokenActor, room: string): Promise<{ counts: Record<string, number>; mine: string[] }> {
  await authorizeRoom(ctx, actor, room);
  const counts = await countReactionsByCard(ctx.db, room);
  return { counts: Object.fromEntries(counts), mine: await listReactedCards(ctx.db, room, authorIdOf(actor)) };
}
