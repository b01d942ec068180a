import { cardAddSchema, cardDeleteSchema, cardEditSchema, cardMoveSchema } from '../../../shared/schemas/cards';
import { addCard, deleteCard, editCard, moveCard } from '../../services/cards.service';
import type { ServiceContext } from '../../services/context';
import { handleRequest, type IoSocket } from './request';

/** Participant card commands: each acked only after the card is stored. */
export function registerCardHandlers(ctx: ServiceContext, socket: IoSocket): void {
  const { actor } = socket.data;
  socket.on('card:add', handleRequest(ctx, cardAddSchema, (p) => addCard(ctx, actor, p)));
  socket.on('card:edit', handleRequest(ctx, cardEditSchema, (p) => editCard(ctx, actor, p)));
  socket.on('card:delete', handleRequest(ctx, cardDeleteSchema, (p) => deleteCard(ctx, actor, p)));
  socket.on('card:move', handleRequest(ctx, cardMoveSchema, (p) => moveCard(ctx, actor, p)));
}
