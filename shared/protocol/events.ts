import type { Ack } from './errors';
import type { CardAdd, CardDelete, CardEdit, CardMove } from '../schemas/cards';

/** Role an access token carries on the realtime channels. */
export type TokenRole = 'participant' | 'facilitator' | 'observer';

/** Presence of one person in a session, as the server counts it. */
export interface RosterEntry {
  participantId: string | null;
  displayName: string;
  organizationType: string | null;
  role: TokenRole;
  connections: number;
}

/** Events a client sends over socket.io, with the acknowledgement each receives. */
export interface ClientToServerEvents {
  'card:add': (payload: CardAdd, ack: (res: Ack<{ id: string }>) => void) => void;
  'card:edit': (payload: CardEdit, ack: (res: Ack<{ id: string }>) => void) => void;
  'card:delete': (payload: CardDelete, ack: (res: Ack<{ id: string }>) => void) => void;
  'card:move': (payload: CardMove, ack: (res: Ack<{ id: string }>) => void) => void;
}

/** Events the server broadcasts to the clients of a session. */
export interface ServerToClientEvents {
  'roster:state': (state: { sessionId: string; people: RosterEntry[] }) => void;
  'session:revoked': (info: { reason: string }) => void;
}
