import type { ZodType } from 'zod';
import { cardAddSchema, cardDeleteSchema, cardEditSchema, cardMoveSchema } from '../../../shared/schemas/cards';
import { addCard, deleteCard, editCard, moveCard } from '../../services/cards.service';
import type { ServiceContext } from '../../services/context';
import { handleRequest, type IoSocket, type RequestLimiter } from './request';

/** Participant card commands: each acked only after the card is stored. */
export function registerCardHandlers(ctx: ServiceContext, socket: IoSocket, limiter: RequestLimiter): void {
  const { actor } = socket.data;
  const on = <P, R extends object>(schema: ZodType<P>, run: (p: P) => Promise<R>) =>
    handleRequest(ctx, socket, limiter, schema, run);
  socket.on('card:add', on(cardAddSchema, (p) => addCard(ctx, actor, p)));
  socket.on('card:edit', on(cardEditSchema, (p) => editCard(ctx, actor, p)));
  socket.on('card:delete', on(cardDeleteSchema, (p) => deleteCard(ctx, actor, p)));
  socket.on('card:move', on(cardMoveSchema, (p) => moveCard(ctx, actor, p)));
}
