import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { Server } from 'socket.io';
import { hashToken } from '../../auth/tokens';
import type { RedisClients } from '../../cluster/redis-bus';
import { type ConnectRefusal, SUPPORTED_PROTOCOL_VERSIONS } from '../../../shared/protocol';
import { LIMITS } from '../../../shared/limits';
import type { ReactionState } from '../../../shared/schemas/cards';
import { resolveAccessToken } from '../../services/access.service';
import type { ServiceContext } from '../../services/context';
import { readControlState } from '../../services/control.service';
import { readOutcome } from '../../services/outcomes.service';
import { pollState, sessionPollStates } from '../../services/polls.service';
import { sessionVoteStates, voteState } from '../../services/votes.service';
import { CONNECTIONS_PER_TOKEN, createConnectionCounter } from '../connection-caps';
import { cardHandlers } from './cards.handlers';
import { sessionChannel } from './channels';
import { consensusHandlers } from './consensus.handlers';
import { controlHandlers } from './control.handlers';
import { createRequestLimiter, type IoServer, type IoSocket, registerRequests, type RequestHandlers } from './request';
import { createRosterBroadcasts } from './roster';
import { createInOrder } from './in-order';

/** Why a handshake is refused, if it is: a version this server does not speak. A client that names none is served. */
function protocolRefusal(auth: Record<string, unknown>): ConnectRefusal | null {
  if (auth.protocol === undefined) return null;
  return typeof auth.protocol === 'number' && SUPPORTED_PROTOCOL_VERSIONS.includes(auth.protocol) ? null : 'protocol_mismatch';
}

const refuse = (message: ConnectRefusal, data?: object) => Object.assign(new Error(message), data ? { data } : {});

/** Create the socket.io server: handshake (version, token, connection cap), then every request of the protocol table. */
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

  const connections = createConnectionCounter(CONNECTIONS_PER_TOKEN.control);
  io.use((socket, next) => {
    const auth = (socket.handshake.auth ?? {}) as Record<string, unknown>;
    const mismatch = protocolRefusal(auth);
    if (mismatch) return next(refuse(mismatch, { supported: SUPPORTED_PROTOCOL_VERSIONS }));
    const token = typeof auth.token === 'string' ? auth.token : '';
    resolveAccessToken(ctx, token)
      .then((actor) => {
        if (!actor) return next(refuse('unauthorized'));
        const release = connections.acquire(token);
        if (!release) return next(refuse('too_many_connections', { max: CONNECTIONS_PER_TOKEN.control }));
        // Released when the socket leaves, or when its connection drops before it joined.
        socket.once('disconnect', release);
        socket.conn.once('close', release);
        socket.data.actor = actor;
        next();
      })
      .catch(() => next(refuse('internal')));
  });

  const limiter = createRequestLimiter();
  const broadcast = createBroadcasts(ctx, io);
  const roster = createRosterBroadcasts(ctx, io);
  httpServer.once('close', () => roster.stop());
  ctx.events.on('session:changed', ({ sessionId }) => {
    void broadcast.state(sessionId);
    roster.schedule(sessionId);
  });
  ctx.events.on('outcome:changed', ({ sessionId }) => broadcast.outcome(sessionId));
  ctx.events.on('participant:changed', ({ sessionId }) => roster.schedule(sessionId));
  ctx.events.on('participant:removed', ({ sessionId, participantId }) => {
    // Their dots and answers went with them: everyone's tallies (voters, respondents) change.
    void Promise.all([sessionVoteStates(ctx, sessionId), sessionPollStates(ctx, sessionId)]).then(([votes, polls]) => {
      for (const state of votes) io.to(sessionChannel(sessionId)).emit('vote:state', state);
      for (const state of polls) io.to(sessionChannel(sessionId)).emit('poll:state', state);
    }, (error: unknown) => ctx.log.warn({ err: error, sessionId }, 'could not broadcast tallies after a removal'));
    // socket.io's adapter reaches every process's sockets, so this runs in the emitting process only.
    void io
      .in(sessionChannel(sessionId))
      .fetchSockets()
      .then((sockets) => {
        for (const s of sockets) {
          if (s.data.actor.participantId !== participantId) continue;
          s.emit('session:revoked', { reason: 'removed' });
          s.disconnect(true);
        }
      })
      // With several processes fetchSockets asks the others and can time out: never an unhandled rejection.
      .catch((error: unknown) => ctx.log.warn({ err: error, sessionId }, 'could not cut a removed participant\'s sockets'));
  });
  ctx.events.on('access:revoked', ({ sessionIds, tokenHashes }) => {
    const revoked = new Set(tokenHashes);
    for (const sessionId of sessionIds) {
      void io
        .in(sessionChannel(sessionId))
        .fetchSockets()
        .then((sockets) => {
          for (const s of sockets) {
            const token = (s.handshake.auth as { token?: unknown }).token;
            if (typeof token !== 'string' || !revoked.has(hashToken(token))) continue;
            s.emit('session:revoked', { reason: 'revoked' });
            s.disconnect(true);
          }
        })
        .catch((error: unknown) => ctx.log.warn({ err: error, sessionId }, 'could not cut revoked sockets'));
    }
  });

  const handlers: RequestHandlers = { ...cardHandlers(ctx, broadcast), ...controlHandlers(ctx, broadcast), ...consensusHandlers(ctx, broadcast) };
  io.on('connection', (socket) => {
    const { actor } = socket.data;
    void socket.join(sessionChannel(actor.sessionId));
    sendInitialState(ctx, socket).catch((error: unknown) => ctx.log.warn({ err: error }, 'could not send initial state'));
    roster.schedule(actor.sessionId);
    socket.on('disconnect', (reason) => {
      if (reason !== 'server shutting down') roster.schedule(actor.sessionId);
    });
    registerRequests(ctx, socket, limiter, handlers);
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

/**
 * Broadcasts to every socket of a session. Each resolves once the new state is sent and never
 * rejects, so a request can be answered after it, and a change already stored is never answered
 * as failed because its broadcast was.
 */
export interface Broadcasts {
  state(sessionId: string): Promise<void>;
  outcome(sessionId: string): Promise<void>;
  vote(sessionId: string, voteId: string): Promise<void>;
  poll(sessionId: string, pollId: string): Promise<void>;
  /** A card's new 共感 count (already read: nothing to fail). */
  reaction(sessionId: string, state: ReactionState): void;
}

function createBroadcasts(ctx: ServiceContext, io: IoServer): Broadcasts {
  const to = (sessionId: string) => io.to(sessionChannel(sessionId));
  const warn = (what: string, sessionId: string) => (error: unknown) => ctx.log.warn({ err: error, sessionId }, `could not broadcast ${what}`);
  // Each state is read and sent after the previous broadcast of the same state has been sent.
  const inOrder = createInOrder();
  return {
    state: (sessionId) =>
      inOrder(`state:${sessionId}`, () => readControlState(ctx, sessionId).then((state) => void to(sessionId).emit('session:state', state), warn('control state', sessionId))),
    outcome: (sessionId) =>
      inOrder(`outcome:${sessionId}`, () => readOutcome(ctx, sessionId).then((state) => void to(sessionId).emit('outcome:state', state), warn('outcome', sessionId))),
    vote: (sessionId, voteId) => inOrder(`vote:${voteId}`, () => voteState(ctx, voteId).then((state) => void to(sessionId).emit('vote:state', state), warn('vote', sessionId))),
    poll: (sessionId, pollId) => inOrder(`poll:${pollId}`, () => pollState(ctx, pollId).then((state) => void to(sessionId).emit('poll:state', state), warn('poll', sessionId))),
    reaction: (sessionId, state) => void to(sessionId).emit('reaction:state', state),
  };
}
