import { useEffect, useState } from 'react';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { type Card, readCards, readStages, type Stage } from '../../../shared/board/model';
import { FATAL_CLOSE_CODES } from '../../../shared/protocol';

/** Where the board connection stands; `refused` means the server will not take this token. */
export type LinkStatus = 'connecting' | 'online' | 'offline' | 'refused';

/** A live, read-only view of one board room. */
export interface BoardView {
  cards: Card[];
  stages: Stage[];
  /** True once the first full sync with the server is done. */
  synced: boolean;
  status: LinkStatus;
  /** The close code when the server refused the connection. */
  closeCode?: number;
}

/** One status for two links: online only when both are, refused when either is. */
export function combineStatus(a: LinkStatus, b: LinkStatus): LinkStatus {
  if (a === 'refused' || b === 'refused') return 'refused';
  if (a === 'online' && b === 'online') return 'online';
  if (a === 'offline' || b === 'offline') return 'offline';
  return 'connecting';
}

/** A provider's status event as a link status; before the first connection it is `connecting`. */
function linkStatusOf(status: 'connected' | 'disconnected' | 'connecting', previous: LinkStatus): LinkStatus {
  if (previous === 'refused') return previous;
  if (status === 'connected') return 'online';
  return status === 'connecting' && previous === 'connecting' ? 'connecting' : 'offline';
}

const EMPTY: BoardView = { cards: [], stages: [], synced: false, status: 'connecting' };

/** The y-websocket endpoint of the page's own server (ws: or wss: to match http: or https:). */
function boardEndpoint(): string {
  return location.origin.replace(/^http/, 'ws') + '/yjs';
}

/**
 * Follow a board room over y-websocket and re-render on every change. Nothing here writes the
 * Y.Doc: participants are read-only on this channel (the server closes a writer with 4403), so
 * every change goes through the socket.io commands in `control.ts`.
 */
export function useBoard(room: string | undefined, token: string | undefined): BoardView {
  const [view, setView] = useState<BoardView>(EMPTY);

  useEffect(() => {
    if (!room || !token) return;
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(boardEndpoint(), room, doc, {
      params: { token },
      // A tab must never hand another tab's unsent state to the server as its own.
      disableBc: true,
      shouldReconnect: (event) => !FATAL_CLOSE_CODES.has(event.code),
      maxBackoffTime: 5000,
    });
    const patch = (next: Partial<BoardView>) => setView((prev) => ({ ...prev, ...next }));
    const onUpdate = () => patch({ cards: readCards(doc), stages: readStages(doc) });
    doc.on('update', onUpdate);
    // `synced` stays true through a later disconnection: the last known board is still worth showing.
    provider.on('sync', (synced) => synced && patch({ synced: true, cards: readCards(doc), stages: readStages(doc) }));
    provider.on('status', ({ status }) => setView((prev) => ({ ...prev, status: linkStatusOf(status, prev.status) })));
    provider.on('closed', ({ code }) => patch({ status: 'refused', closeCode: code }));
    return () => {
      doc.off('update', onUpdate);
      provider.destroy();
      doc.destroy();
      setView(EMPTY);
    };
  }, [room, token]);

  return view;
}
