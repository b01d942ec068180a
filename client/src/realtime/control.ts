import { useEffect, useMemo, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { Ack, ClientToServerEvents, RosterEntry, ServerToClientEvents } from '../../../shared/protocol';
import type { LinkStatus } from './board';

type ControlSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** The card commands a token holder may send. */
export type CardCommand = 'card:add' | 'card:edit' | 'card:delete' | 'card:move';
/** The payload of one card command. */
export type CommandPayload<E extends CardCommand> = Parameters<ClientToServerEvents[E]>[0];
/** What every card command is answered with. */
export type CommandAck = Ack<{ id: string }>;

/** The socket.io control channel of one session, as the UI uses it. */
export interface ControlChannel {
  /** Send a command; resolves with the server's ack (socket.io holds it while offline). */
  send<E extends CardCommand>(event: E, payload: CommandPayload<E>): Promise<CommandAck>;
  /** Call `listener` on every (re)connection; returns the unsubscribe function. */
  onConnect(listener: () => void): () => void;
  isConnected(): boolean;
}

/** The live state of the control channel. */
export interface ControlState {
  channel: ControlChannel | null;
  status: LinkStatus;
  /** True when the server said the session withdrew this token. */
  revoked: boolean;
  roster: RosterEntry[];
}

function openChannel(socket: ControlSocket): ControlChannel {
  return {
    send(event, payload) {
      return new Promise<CommandAck>((resolve) => {
        // The event map types each command separately; the union needs one cast here.
        (socket.emit as (e: string, p: unknown, ack: (res: CommandAck) => void) => void)(event, payload, resolve);
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
export function useControl(token: string | undefined): ControlState {
  const [socket, setSocket] = useState<ControlSocket | null>(null);
  const [status, setStatus] = useState<LinkStatus>('connecting');
  const [revoked, setRevoked] = useState(false);
  const [roster, setRoster] = useState<RosterEntry[]>([]);

  useEffect(() => {
    if (!token) return;
    const next: ControlSocket = io({ auth: { token } });
    next.on('connect', () => setStatus('online'));
    next.on('disconnect', () => setStatus('offline'));
    next.on('connect_error', (error) => setStatus(error.message === 'unauthorized' ? 'refused' : 'offline'));
    next.on('roster:state', (state) => setRoster(state.people));
    next.on('session:revoked', () => {
      setRevoked(true);
      next.disconnect();
    });
    setSocket(next);
    return () => {
      next.disconnect();
      setSocket(null);
      setStatus('connecting');
      setRoster([]);
    };
  }, [token]);

  const channel = useMemo(() => (socket ? openChannel(socket) : null), [socket]);
  return { channel, status, revoked, roster };
}
