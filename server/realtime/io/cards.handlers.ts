import { addCard, deleteCard, editCard, moveCard } from '../../services/cards.service';
import type { ServiceContext } from '../../services/context';
import type { RequestHandlers } from './request';

/** Participant card commands: each acked only after the card is stored. */
export function cardHandlers(ctx: ServiceContext): Pick<RequestHandlers, 'card:add' | 'card:edit' | 'card:delete' | 'card:move'> {
  return {
    'card:add': (actor, p) => addCard(ctx, actor, p),
    'card:edit': (actor, p) => editCard(ctx, actor, p),
    'card:delete': (actor, p) => deleteCard(ctx, actor, p),
    'card:move': (actor, p) => moveCard(ctx, actor, p),
  };
}
