import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { Server, Socket } from 'socket.io';
import type { ZodType } from 'zod';
import type { Ack, ClientToServerEvents, ServerToClientEvents } from '../../../shared/protocol';
import type { TokenActor } from '../../auth/policy';
import { AppError, describeIssues, toAppError } from '../../errors';
import type { ServiceContext } from '../../services/context';

/** What the server keeps on each socket. */
export interface SocketData {
  actor: TokenActor;
}

export type IoServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type IoSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/**
 * Request budgets: one per socket and one per person across all their sockets, so a phone
 * replaying its outbox gets through while a flood from one person or tab does not. Keyed by
 * person, never by IP address: a venue's phones share one address.
 */
export interface RequestLimiter {
  /** Resolves true when the request may go ahead. */
  allow(socket: IoSocket): Promise<boolean>;
}

export function createRequestLimiter(): RequestLimiter {
  const perSocket = new RateLimiterMemory({ points: 40, duration: 10 });
  const perPerson = new RateLimiterMemory({ points: 60, duration: 10 });
  return {
    async allow(socket) {
      const { actor } = socket.data;
      try {
        await perSocket.consume(socket.id);
        await perPerson.consume(actor.participantId ?? `user:${actor.userId}:${actor.sessionId}`);
        return true;
      } catch {
        return false;
      }
    },
  };
}

/**
 * Wrap a request handler: validate the payload with zod, run the service, answer the ack
 * exactly once with `{ ok: true, ... }` or `{ ok: false, error }`. Never throws.
 */
export function handleRequest<P, R extends object>(
  ctx: ServiceContext,
  socket: IoSocket,
  limiter: RequestLimiter,
  schema: ZodType<P>,
  run: (payload: P) => Promise<R>,
) {
  return (payload: unknown, ack: unknown) => {
    const reply = typeof ack === 'function' ? (ack as (res: Ack<R>) => void) : () => undefined;
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      reply({ ok: false, error: new AppError('bad_request', describeIssues(parsed.error.issues)).toBody() });
      return;
    }
    limiter
      .allow(socket)
      .then((allowed) => {
        if (!allowed) throw new AppError('rate_limited', 'too many requests; slow down');
        return run(parsed.data);
      })
      .then(
      (result) => reply({ ok: true, ...result }),
      (error: unknown) => {
        const appError = toAppError(error);
        if (appError.code === 'internal') ctx.log.error({ err: error }, 'socket request failed');
        reply({ ok: false, error: appError.toBody() });
      },
    );
  };
}
