import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { ClientToServerEvents, RosterEntry, ServerToClientEvents } from '../../../shared/protocol';
import { LIMITS } from '../../../shared/limits';
import { createRequestLimiter, type IoServer } from './request';
import type { ServiceContext } from '../../services/context';
import { resolveAccessToken } from '../../services/sessions.service';
import { registerCardHandlers } from './cards.handlers';


/** The socket.io room that holds every socket of a session. */
export const sessionChannel = (sessionId: string) => `session:${sessionId}`;

/** Create the socket.io server: token auth on connect, then the handlers of each area. */
export function createIoServer(ctx: ServiceContext, httpServer: HttpServer, isAllowedOrigin: (origin: string | undefined, host: string | undefined) => boolean): IoServer {
  const io: IoServer = new Server(httpServer, {
    maxHttpBufferSize: LIMITS.socketMessageBytes,
    serveClient: false,
    // Our own upgrade handler takes /yjs; socket.io must not end sockets it does not own.
    destroyUpgrade: false,
    allowRequest: (req, callback) => callback(null, isAllowedOrigin(req.headers.origin, req.headers.host)),
  });

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
    void broadcastRoster(io, actor.sessionId);
    socket.on('disconnect', () => void broadcastRoster(io, actor.sessionId));
    registerCardHandlers(ctx, socket, limiter);
  });
  return io;
}

/** Who is connected to a session now, one entry per person however many sockets they hold. */
async function broadcastRoster(io: IoServer, sessionId: string): Promise<void> {
  const sockets = await io.in(sessionChannel(sessionId)).fetchSockets();
  const people = new Map<string, RosterEntry>();
  for (const s of sockets) {
    const a = s.data.actor;
    const key = a.participantId ?? `user:${a.userId}`;
    const entry = people.get(key);
    if (entry) entry.connections += 1;
    else {
      people.set(key, {
        participantId: a.participantId,
        displayName: a.displayName,
        organizationType: a.organizationType,
        role: a.role,
        connections: 1,
      });
    }
  }
  io.to(sessionChannel(sessionId)).emit('roster:state', { sessionId, people: [...people.values()] });
}

