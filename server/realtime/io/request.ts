import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { Server, Socket } from 'socket.io';
import type { AckPayload, ClientToServerEvents, RequestName, RequestPayload, ServerToClientEvents, TokenRole } from '../../../shared/protocol';
import { REQUESTS } from '../../../shared/protocol/table';
import type { TokenActor } from '../../auth/policy';
import { AppError, describeIssues, toAppError } from '../../errors';
import type { ServiceContext } from '../../services/context';

/** What the server keeps on each socket. */
export interface SocketData {
  actor: TokenActor;
}

export type IoServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type IoSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** The handler of one request: the parsed payload in, the ack's success payload out (errors are thrown as `AppError`). */
export type RequestHandler<E extends RequestName> = (actor: TokenActor, input: RequestPayload<E>) => Promise<AckPayload<E>>;
/** A handler for every request of the protocol table; a missing one is a type error. */
export type RequestHandlers = { [E in RequestName]: RequestHandler<E> };

/**
 * Request budgets: one per socket and one per person across all their sockets, so a phone
 * replaying its outbox gets through while a flood from one person or tab does not. Keyed by
 * person and role, never by IP address (a venue's phones share one address), and never shared
 * between a facilitator and the projector link they handed out.
 */
export interface RequestLimiter {
  /** Resolves true when the request may go ahead. */
  allow(socket: IoSocket): Promise<boolean>;
}

/**
 * Whose budget a request spends: a participant's own, or an account's in this session for this
 * role — the facilitator's tabs share one, their observer (projector) links another.
 */
export function budgetKeyOf(actor: TokenActor): string {
  return actor.participantId ? `participant:${actor.participantId}` : `user:${actor.userId}:${actor.sessionId}:${actor.role}`;
}

export function createRequestLimiter(): RequestLimiter {
  const perSocket = new RateLimiterMemory({ points: 40, duration: 10 });
  const perPerson = new RateLimiterMemory({ points: 60, duration: 10 });
  return {
    async allow(socket) {
      try {
        await perSocket.consume(socket.id);
        await perPerson.consume(budgetKeyOf(socket.data.actor));
        return true;
      } catch {
        return false;
      }
    },
  };
}

const mayCall = (who: readonly TokenRole[], role: TokenRole) => who.includes(role);

/**
 * Listen to every request of the protocol table on a socket. Each request is answered exactly
 * once through its ack, in this order: role (`forbidden`), payload schema (`bad_request`, the
 * field at fault), budget (`rate_limited`), then the handler (`{ ok: true, ...result }`, or its
 * error's code). Never throws.
 */
export function registerRequests(ctx: ServiceContext, socket: IoSocket, limiter: RequestLimiter, handlers: RequestHandlers): void {
  const { actor } = socket.data;
  for (const name of Object.keys(REQUESTS) as RequestName[]) {
    const spec = REQUESTS[name];
    // The table pairs each event's schema with its handler; TypeScript cannot follow one name through the loop.
    const run = handlers[name] as (actor: TokenActor, input: unknown) => Promise<object>;
    const listener = (payload: unknown, ack: unknown) => {
      const reply = typeof ack === 'function' ? (ack as (res: unknown) => void) : () => undefined;
      const fail = (error: AppError) => reply({ ok: false, error: error.toBody() });
      if (!mayCall(spec.who, actor.role)) return fail(new AppError('forbidden', `${actor.role} may not send ${name}`));
      const parsed = spec.input.safeParse(payload);
      if (!parsed.success) return fail(new AppError('bad_request', describeIssues(parsed.error.issues)));
      limiter
        .allow(socket)
        .then((allowed) => {
          if (!allowed) throw new AppError('rate_limited', 'too many requests; slow down');
          return run(actor, parsed.data);
        })
        .then(
          (result) => reply({ ok: true, ...result }),
          (error: unknown) => {
            const appError = toAppError(error);
            if (appError.code === 'internal') ctx.log.error({ err: error, event: name }, 'socket request failed');
            fail(appError);
          },
        );
    };
    socket.on(name, listener as never);
  }
}
