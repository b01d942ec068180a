import { io, type Socket } from 'socket.io-client';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { Ack, ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol';

export type ControlSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** The stock socket.io client, as a phone would open it. */
export function connectControl(url: string, token: string): ControlSocket {
  return io(url, { auth: { token }, transports: ['websocket'], forceNew: true, reconnection: false });
}

/** Wait for a socket.io connection (or its refusal). */
export function whenConnected(socket: ControlSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.connected) return resolve();
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });
}

/** Emit a request and wait for its ack. */
export function request<T extends object = { id: string }>(socket: ControlSocket, event: keyof ClientToServerEvents, payload: unknown): Promise<Ack<T>> {
  return new Promise((resolve) => {
    (socket.emit as (e: string, p: unknown, ack: (res: Ack<T>) => void) => void)(event, payload, resolve);
  });
}

/** A stock y-websocket provider with its own Y.Doc. */
export function connectBoard(url: string, room: string, token: string, options: { connect?: boolean } = {}) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(url.replace(/^http/, 'ws') + '/yjs', room, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    connect: options.connect ?? true,
    disableBc: true,
    maxBackoffTime: 200,
  });
  return {
    doc,
    provider,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Resolve once the provider has synced with the server. */
export function whenSynced(provider: WebsocketProvider): Promise<void> {
  return new Promise((resolve) => {
    if (provider.synced) return resolve();
    const onSync = (synced: boolean) => {
      if (synced) {
        provider.off('sync', onSync);
        resolve();
      }
    };
    provider.on('sync', onSync);
  });
}
