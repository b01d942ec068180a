import { useEffect, useMemo, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import { type Ack, type AckPayload, type ClientToServerEvents, type ConnectRefusal, type ControlState, PROTOCOL_VERSION, type RequestInput, type RosterEntry, type ServerToClientEvents } from '../../../shared/protocol';
import type { LinkStatus } from './board';
import { clockOffsetOf } from './clock';
import { type ConsensusStore, watchConsensus } from './consensus';

type ControlSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A request a client may send over socket.io. */
export type ControlRequest = keyof ClientToServerEvents;
/** The card commands a token holder may send. */
export type CardCommand = 'card:add' | 'card:edit' | 'card:delete' | 'card:move';
/** The payload of one request (from the protocol table). */
export type CommandPayload<E extends ControlRequest> = RequestInput<E>;
/** The ack of one request (from the protocol table). */
export type AckOf<E extends ControlRequest> = Ack<AckPayload<E>>;
/** What every card command is answered with. */
export type CommandAck = Ack<{ id: string }>;

/** The socket.io control channel of one session, as the UI uses it. */
export interface ControlChannel {
  /** Send a request; resolves with the server's ack (socket.io holds it while offline). */
  send<E extends ControlRequest>(event: E, payload: CommandPayload<E>): Promise<AckOf<E>>;
  /** Call `listener` on every (re)connection; returns the unsubscribe function. */
  onConnect(listener: () => void): () => void;
  isConnected(): boolean;
}

/** The live state of the control channel. */
export interface ControlView {
  channel: ControlChannel | null;
  status: LinkStatus;
  /** True when the server said the session withdrew this token. */
  revoked: boolean;
  roster: RosterEntry[];
  /** Phase, lock and the rest of what the server decides; null until the first broadcast. */
  session: ControlState | null;
  /** The server's clock minus this device's, in ms (measured on each state). */
  clockOffset: number;
  /** Votes, polls and decisions as the server broadcasts them (read with `useConsensus`). */
  consensus: ConsensusStore | null;
}

function openChannel(socket: ControlSocket): ControlChannel {
  return {
    send(event, payload) {
      return new Promise((resolve) => {
        // The event map types each request separately; sending any of them needs one cast here.
        (socket.emit as (e: string, p: unknown, ack: (res: never) => void) => void)(event, payload, resolve);
      });
    },
    onConnect(listener) {
      socket.on('connect', listener);
      return () => void socket.off('connect', listener);
    },
    isConnected: () => socket.connected,
  };
}

/** Open the session's socket.io channel with an access token, for as long as the component lives. */
export function useControl(token: string | undefined): ControlView {
  const [socket, setSocket] = useState<ControlSocket | null>(null);
  const [status, setStatus] = useState<LinkStatus>('connecting');
  const [revoked, setRevoked] = useState(false);
  const [roster, setRoster] = useState<RosterEntry[]>([]);
  const [session, setSession] = useState<ControlState | null>(null);
  const [clockOffset, setClockOffset] = useState(0);
  const [consensus, setConsensus] = useState<ConsensusStore | null>(null);

  useEffect(() => {
    if (!token) return;
    // WebSocket only, like the board: no long-polling fallback that would need sticky sessions
    // behind a load balancer of several server processes.
    // The protocol version lets a server refuse a page older than it speaks (`protocol_mismatch`).
    const next: ControlSocket = io({ auth: { token, protocol: PROTOCOL_VERSION }, transports: ['websocket'] });
    next.on('connect', () => setStatus('online'));
    next.on('disconnect', () => setStatus('offline'));
    // A withdrawn token, or a page the server no longer speaks to (reload), will not get better by retrying.
    const refusals: readonly ConnectRefusal[] = ['unauthorized', 'protocol_mismatch'];
    next.on('connect_error', (error) => setStatus(refusals.includes(error.message as ConnectRefusal) ? 'refused' : 'offline'));
    next.on('roster:state', (state) => setRoster(state.people));
    next.on('session:state', (state) => {
      setClockOffset(clockOffsetOf(state));
      setSession(state);
    });
    next.on('session:revoked', () => {
      setRevoked(true);
      next.disconnect();
    });
    setConsensus(watchConsensus(next));
    setSocket(next);
    return () => {
      next.disconnect();
      setSocket(null);
      setStatus('connecting');
      setRoster([]);
      setSession(null);
      setConsensus(null);
    };
  }, [token]);

  const channel = useMemo(() => (socket ? openChannel(socket) : null), [socket]);
  return { channel, status, revoked, roster, session, clockOffset, consensus };
}
