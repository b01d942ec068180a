import type { AckPayload, RequestPayload } from '../../../shared/protocol';
import type { ServiceContext } from '../../services/context';
import { changeControl, type ControlChange } from '../../services/control.service';
import { chooseTable, readRollup, setScribe } from '../../services/tables.service';
import type { RequestHandler, RequestHandlers } from './request';
import type { Broadcasts } from './server';

type ControlEvent = 'phase:set' | 'timer:start' | 'timer:pause' | 'timer:reset' | 'timer:add' | 'board:lock' | 'follow:set' | 'spotlight:set' | 'share:set' | 'projector:set' | 'timer:options';

/** The facilitator's control bar, and a participant choosing a table. */
export function controlHandlers(ctx: ServiceContext, broadcast: Broadcasts): Pick<RequestHandlers, ControlEvent | 'scribe:set' | 'table:choose' | 'board:rollup'> {
  const control =
    <E extends ControlEvent>(toChange: (p: RequestPayload<E>) => ControlChange): RequestHandler<E> =>
    async (actor, p) => {
      await changeControl(ctx, actor, toChange(p));
      // The new state goes out before the ack, so the sender's next click starts from it.
      await broadcast.state(actor.sessionId);
      return {} as AckPayload<E>;
    };
  return {
    'phase:set': control((p) => ({ type: 'phase', index: p.index })),
    'timer:start': control(() => ({ type: 'timer-start' })),
    'timer:pause': control(() => ({ type: 'timer-pause' })),
    'timer:reset': control(() => ({ type: 'timer-reset' })),
    'timer:add': control((p) => ({ type: 'timer-add', seconds: p.seconds })),
    'board:lock': control((p) => ({ type: 'lock', locked: p.locked })),
    'follow:set': control((p) => ({ type: 'follow', follow: p.room ? { room: p.room, stageId: p.stageId } : null })),
    'spotlight:set': control((p) => ({ type: 'spotlight', spotlight: p.room && p.cardId ? { room: p.room, cardId: p.cardId } : null })),
    'share:set': control((p) => ({ type: 'share', active: p.active, index: p.index })),
    'projector:set': control((p) => ({ type: 'projector', view: p.view, qr: p.qr })),
    'timer:options': control((p) => ({ type: 'timer-options', chime: p.chime, startWithPhase: p.startWithPhase })),
    'scribe:set': async (actor, p) => {
      await setScribe(ctx, actor, p.participantId, p.scribe);
      return {};
    },
    'table:choose': async (actor, p) => {
      await chooseTable(ctx, actor, p.room);
      return {};
    },
    'board:rollup': async (actor) => readRollup(ctx, actor, 'ja'),
  };
}
