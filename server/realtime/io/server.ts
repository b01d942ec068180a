import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { Server } from 'socket.io';
import type { RedisClients } from '../../cluster/redis-bus';
import type { ClientToServerEvents, RosterEntry, ServerToClientEvents } from '../../../shared/protocol';
import { LIMITS } from '../../../shared/limits';
import { listParticipants } from '../../../db/repositories/sessions.repository';
import { resolveAccessToken } from '../../services/access.service';
import type { ServiceContext } from '../../services/context';
import { readControlState } from '../../services/control.service';
import { registerCardHandlers } from './cards.handlers';
import { sessionChannel } from './channels';
import { registerConsensusHandlers } from './consensus.handlers';
import { readOutcome } from '../../services/outcomes.service';
import { sessionPollStates } from '../../services/polls.service';
import { sessionVoteStates } from '../../services/votes.service';
import { registerControlHandlers } from './control.handlers';
import { createRequestLimiter, type IoServer, type IoSocket } from './request';


/** Create the socket.io server: token auth on connect, then the handlers of each area. */
export function createIoServer(
  ctx: ServiceContext,
  httpServer: HttpServer,
  isAllowedOrigin: (origin: string | undefined, host: string | undefined) => boolean,
  redis: RedisClients | null,
): IoServer {
  const io: IoServer = new Server(httpServer, {
    maxHttpBufferSize: LIMITS.socketMessageBytes,
    serveClient: false,
    // Our own upgrade handler takes /yjs; socket.io must not end sockets it does not own.
    destroyUpgrade: false,
    allowRequest: (req, callback) => callback(null, isAllowedOrigin(req.headers.origin, req.headers.host)),
  });
  // Several processes: broadcasts and fetchSockets reach every process's sockets.
  if (redis) io.adapter(createAdapter(redis.adapterPub, redis.adapterSub));

  io.use((socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    resolveAccessToken(ctx, typeof token === 'string' ? token : '')
      .then((actor) => {
        if (!actor) return next(new Error('unauthorized'));
        socket.data.actor = actor;
        next();
      })
      .catch(() => next(new Error('internal')));
  });

  const limiter = createRequestLimiter();
  const broadcast = createBroadcasts(ctx, io);
  ctx.events.on('session:changed', (sessionId: string) => {
    void broadcast.state(sessionId);
    broadcast.roster(sessionId);
  });
  ctx.events.on('outcome:changed', (sessionId: string) => broadcast.outcome(sessionId));
  ctx.events.on('participant:changed', ({ sessionId }: { sessionId: string }) => broadcast.roster(sessionId));
  ctx.events.on('participant:removed', ({ sessionId, participantId }: { sessionId: string; participantId: string }) => {
    void io
      .in(sessionChannel(sessionId))
      .fetchSockets()
      .then((sockets) => {
        for (const s of sockets) {
          if (s.data.actor.participantId !== participantId) continue;
          s.emit('session:revoked', { reason: 'removed' });
          s.disconnect(true);
        }
      });
  });

  io.on('connection', (socket) => {
    const { actor } = socket.data;
    void socket.join(sessionChannel(actor.sessionId));
    sendInitialState(ctx, socket).catch((error: unknown) => ctx.log.warn({ err: error }, 'could not send initial state'));
    broadcast.roster(actor.sessionId);
    socket.on('disconnect', () => broadcast.roster(actor.sessionId));
    registerCardHandlers(ctx, socket, limiter);
    registerControlHandlers(ctx, socket, limiter, broadcast);
    registerConsensusHandlers(ctx, socket, limiter);
  });
  return io;
}

/** What a socket gets on connect: the control state, every vote's and poll's public state, the outcome. */
async function sendInitialState(ctx: ServiceContext, socket: IoSocket): Promise<void> {
  const { sessionId } = socket.data.actor;
  socket.emit('session:state', await readControlState(ctx, sessionId));
  for (const state of await sessionVoteStates(ctx, sessionId)) socket.emit('vote:state', state);
  for (const state of await sessionPollStates(ctx, sessionId)) socket.emit('poll:state', state);
  socket.emit('outcome:state', await readOutcome(ctx, sessionId));
}

/** Broadcasts to every socket of a session. */
export interface Broadcasts {
  /** Resolves once the new state is sent (never rejects), so a request can be answered after it. */
  state(sessionId: string): Promise<void>;
  roster(sessionId: string): void;
  outcome(sessionId: string): void;
}

function createBroadcasts(ctx: ServiceContext, io: IoServer): Broadcasts {
  return {
    state(sessionId) {
      return readControlState(ctx, sessionId).then(
        (state) => {
          io.to(sessionChannel(sessionId)).emit('session:state', state);
        },
        (error: unknown) => ctx.log.warn({ err: error, sessionId }, 'could not broadcast control state'),
      );
    },
    outcome(sessionId) {
      readOutcome(ctx, sessionId).then(
        (state) => io.to(sessionChannel(sessionId)).emit('outcome:state', state),
        (error: unknown) => ctx.log.warn({ err: error, sessionId }, 'could not broadcast outcome'),
      );
    },
    roster(sessionId) {
      buildRoster(ctx, io, sessionId).then(
        (people) => io.to(sessionChannel(sessionId)).emit('roster:state', { sessionId, people }),
        (error: unknown) => ctx.log.warn({ err: error, sessionId }, 'could not broadcast roster'),
      );
    },
  };
}

/** Who is connected now, one entry per person however many sockets they hold. */
async function buildRoster(ctx: ServiceContext, io: IoServer, sessionId: string): Promise<RosterEntry[]> {
  const [sockets, participants] = await Promise.all([io.in(sessionChannel(sessionId)).fetchSockets(), listParticipants(ctx.db, sessionId)]);
  const byId = new Map(participants.map((p) => [p.id, p]));
  const people = new Map<string, RosterEntry>();
  for (const s of sockets) {
    const a = s.data.actor;
    const key = a.participantId ?? `user:${a.userId}:${a.role}`;
    const entry = people.get(key);
    if (entry) {
      entry.connections += 1;
      continue;
    }
    const p = a.participantId ? byId.get(a.participantId) : undefined;
    people.set(key, {
      participantId: a.participantId,
      displayName: p?.display_name ?? a.displayName,
      organizationType: p?.organization_type ?? a.organizationType,
      role: a.role,
      connections: 1,
      room: p?.room ?? null,
      scribe: p?.scribe === 1,
    });
  }
  return [...people.values()];
}
