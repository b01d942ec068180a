import type { z } from 'zod';
import type { Ack } from './errors';
import type { boardInfoSchema, controlStateSchema, rosterEntrySchema, timerStateSchema, tokenRoleSchema } from '../schemas/control';
import type { outcomeViewSchema } from '../schemas/consensus';
import type { BROADCASTS, REQUESTS } from './table';

/**
 * The socket.io event maps, derived from the protocol table in `./table` (types only: this file
 * loads no zod, so the phone's code can use it).
 */

/**
 * The protocol version a client names in its handshake (`auth: { token, protocol }`). Raised
 * only when a change would break clients of the previous version; a client that names none is
 * taken as speaking the current one.
 */
export const PROTOCOL_VERSION = 1;
/** The versions this server speaks. Any other named version is refused with `protocol_mismatch`. */
export const SUPPORTED_PROTOCOL_VERSIONS: readonly number[] = [1];

/** The `connect_error` messages the server may refuse a socket.io connection with. */
export type ConnectRefusal = 'unauthorized' | 'protocol_mismatch' | 'too_many_connections' | 'internal';

/** Role an access token carries on the realtime channels. */
export type TokenRole = z.infer<typeof tokenRoleSchema>;
/** Presence of one person in a session, as the server counts it. */
export type RosterEntry = z.infer<typeof rosterEntrySchema>;
/** The session timer. While running, the time left is `endsAt - serverNow` on the server's clock. */
export type TimerState = z.infer<typeof timerStateSchema>;
/** A board of the session, as the control state lists it. */
export type BoardInfo = z.infer<typeof boardInfoSchema>;
/** Everything the server decides about a running session (`session:state`). */
export type ControlState = z.infer<typeof controlStateSchema>;
/** A session's decisions and follow-up actions, as broadcast in `outcome:state`. */
export type OutcomeState = z.infer<typeof outcomeViewSchema>;

type Requests = typeof REQUESTS;
type Broadcasts = typeof BROADCASTS;

/** The name of a request a client may send. */
export type RequestName = keyof Requests;
/** What a client sends with a request (defaults not yet applied). */
export type RequestInput<E extends RequestName> = z.input<Requests[E]['input']>;
/** A request's payload as its handler receives it, parsed (defaults applied). */
export type RequestPayload<E extends RequestName> = z.output<Requests[E]['input']>;
/** What a request's acknowledgement carries beside `ok: true`. */
export type AckPayload<E extends RequestName> = z.output<Requests[E]['ack']>;
/** The name of a broadcast the server sends. */
export type BroadcastName = keyof Broadcasts;
/** The payload of a broadcast. */
export type BroadcastPayload<E extends BroadcastName> = z.output<Broadcasts[E]['payload']>;

/** Events a client sends over socket.io, with the acknowledgement each receives. */
export type ClientToServerEvents = {
  [E in RequestName]: (payload: RequestInput<E>, ack: (res: Ack<AckPayload<E>>) => void) => void;
};

/** Events the server broadcasts to the clients of a session. */
export type ServerToClientEvents = {
  [E in BroadcastName]: (state: BroadcastPayload<E>) => void;
};
