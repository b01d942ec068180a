import { useEffect, useState } from 'react';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { type Card, type Persona, readCards, readPersona, readStages, type Stage } from '../../../shared/board/model';
import { FATAL_CLOSE_CODES } from '../../../shared/protocol';

/** Where the board connection stands; `refused` means the server will not take this token. */
export type LinkStatus = 'connecting' | 'online' | 'offline' | 'refused';

/**
 * A card as the board holds it. `hidden` is set by a facilitator's direct write (moderation):
 * the server keeps the card, and participant and projector screens leave it out.
 */
export type BoardCard = Card & { hidden?: boolean };

/** A live view of one board room. */
export interface BoardView {
  cards: BoardCard[];
  stages: Stage[];
  persona: Persona;
  /**
   * The document itself, for those the server lets write it directly (facilitators, a table's
   * scribe) through the helpers in `board-edit.ts`; null until connected.
   */
  doc: Y.Doc | null;
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

const NO_PERSONA: Persona = { name: '', age: '', summary: '', needs: '', pains: '', emoji: '' };
const EMPTY: BoardView = { cards: [], stages: [], persona: NO_PERSONA, doc: null, synced: false, status: 'connecting' };

function readView(doc: Y.Doc): Pick<BoardView, 'cards' | 'stages' | 'persona'> {
  return { cards: readCards(doc), stages: readStages(doc), persona: readPersona(doc) };
}

/** The y-websocket endpoint of the page's own server (ws: or wss: to match http: or https:). */
function boardEndpoint(): string {
  return location.origin.replace(/^http/, 'ws') + '/yjs';
}

/**
 * Follow a board room over y-websocket and re-render on every change. Participants never write
 * the Y.Doc (the server closes a writer with 4403): their changes go through the socket.io
 * commands in `control.ts`. A scribe's connection is closed with 4100 when appointed and
 * reconnects at once with the new rights; that close is not an error.
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
    const onUpdate = () => patch(readView(doc));
    doc.on('update', onUpdate);
    patch({ doc });
    // `synced` stays true through a later disconnection: the last known board is still worth showing.
    provider.on('sync', (synced) => synced && patch({ synced: true, ...readView(doc) }));
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
