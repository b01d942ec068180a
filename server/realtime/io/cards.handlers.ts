import { addCard, addComment, deleteCard, editCard, moveCard } from '../../services/cards.service';
import { readReactions, toggleReaction } from '../../services/reactions.service';
import type { ServiceContext } from '../../services/context';
import type { RequestHandlers } from './request';
import type { Broadcasts } from './server';

/** Participant card commands: each acked only after the card is stored. */
export function cardHandlers(
  ctx: ServiceContext,
  broadcast: Broadcasts,
): Pick<RequestHandlers, 'card:add' | 'card:edit' | 'card:delete' | 'card:move' | 'reaction:toggle' | 'reaction:get' | 'comment:add'> {
  return {
    'card:add': (actor, p) => addCard(ctx, actor, p),
    'card:edit': (actor, p) => editCard(ctx, actor, p),
    'card:delete': (actor, p) => deleteCard(ctx, actor, p),
    'card:move': (actor, p) => moveCard(ctx, actor, p),
    'reaction:toggle': async (actor, p) => {
      const state = await toggleReaction(ctx, actor, p);
      broadcast.reaction(actor.sessionId, state);
      return state;
    },
    'reaction:get': (actor, p) => readReactions(ctx, actor, p.room),
    'comment:add': (actor, p) => addComment(ctx, actor, p),
  };
}
