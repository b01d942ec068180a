import type { ZodType } from 'zod';
import {
  emptySchema,
  followSchema,
  lockSchema,
  phaseSetSchema,
  scribeSchema,
  shareSchema,
  spotlightSchema,
  tableChooseSchema,
  timerAddSchema,
} from '../../../shared/schemas/control';
import type { ServiceContext } from '../../services/context';
import { changeControl, type ControlChange } from '../../services/control.service';
import { chooseTable, setScribe } from '../../services/tables.service';
import { handleRequest, type IoSocket, type RequestLimiter } from './request';
import type { Broadcasts } from './server';

/** The facilitator's control bar, and a participant choosing a table. */
export function registerControlHandlers(ctx: ServiceContext, socket: IoSocket, limiter: RequestLimiter, broadcast: Broadcasts): void {
  const { actor } = socket.data;
  const on = <P, R extends object>(schema: ZodType<P>, run: (p: P) => Promise<R>) => handleRequest(ctx, socket, limiter, schema, run);
  const control = <P>(schema: ZodType<P>, toChange: (p: P) => ControlChange) =>
    on(schema, async (p) => {
      await changeControl(ctx, actor, toChange(p));
      // The new state goes out before the ack, so the sender's next click starts from it.
      await broadcast.state(actor.sessionId);
      return {};
    });

  socket.on('phase:set', control(phaseSetSchema, (p) => ({ type: 'phase', index: p.index })));
  socket.on('timer:start', control(emptySchema, () => ({ type: 'timer-start' })));
  socket.on('timer:pause', control(emptySchema, () => ({ type: 'timer-pause' })));
  socket.on('timer:reset', control(emptySchema, () => ({ type: 'timer-reset' })));
  socket.on('timer:add', control(timerAddSchema, (p) => ({ type: 'timer-add', seconds: p.seconds })));
  socket.on('board:lock', control(lockSchema, (p) => ({ type: 'lock', locked: p.locked })));
  socket.on('follow:set', control(followSchema, (p) => ({ type: 'follow', follow: p.room ? { room: p.room, stageId: p.stageId } : null })));
  socket.on('spotlight:set', control(spotlightSchema, (p) => ({ type: 'spotlight', spotlight: p.room && p.cardId ? { room: p.room, cardId: p.cardId } : null })));
  socket.on('share:set', control(shareSchema, (p) => ({ type: 'share', active: p.active, index: p.index })));
  socket.on('scribe:set', on(scribeSchema, async (p) => {
    await setScribe(ctx, actor, p.participantId, p.scribe);
    return {};
  }));
  socket.on('table:choose', on(tableChooseSchema, async (p) => {
    await chooseTable(ctx, actor, p.room);
    return {};
  }));
}
