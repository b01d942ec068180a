import { useEffect, useState } from 'react';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { boardParts, type Card, decodeCard, type Persona, readPersona, readStages, type Stage } from '../../../shared/board/model';
import { CloseCode, FATAL_CLOSE_CODES } from '../../../shared/protocol';

/** Where the board connection stands; `refused` means the server will not take this token. */
export type LinkStatus = 'connecting' | 'online' | 'offline' | 'refused';

/**
 * A card as the board holds it. `hidden` is set by a facilitator's direct write (moderation):
 * the server keeps the card, and participant and projector screens leave it out.
 */
export type BoardCard = Card & { hidden?: boolean };

/** Cards and stages a reader leaves out (not fitting the board schema) are reported in the console. */
const reportSkip = ({ entity, id, problem }: { entity: string; id: string; problem: string }) => console.warn(`board: skipped ${entity} ${id}: ${problem}`);

/** A live view of one board room. */
export interface BoardView {
  /**
   * Oldest first. A card whose Y.Map did not change keeps its object from one view to the next,
   * so memoised components skip it; the array itself is new whenever any card changed.
   */
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

// One collator for every comparison: `localeCompare` per comparison cost the most of a sort.
const ids = new Intl.Collator();

/** The order of `readCards`: by creation time (ISO 8601, so code-unit order is time order), then id. */
function compareCards(a: BoardCard, b: BoardCard): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return ids.compare(a.id, b.id);
}

/** Where `card` goes in the sorted `list`: after every card that sorts before it. */
function insertionIndex(list: BoardCard[], card: BoardCard): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compareCards(list[mid], card) <= 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * The board's cards as plain objects, kept in step with the `cards` Y.Map: only the cards a
 * transaction touched are read again, and the sorted list is patched rather than re-sorted.
 */
export function trackCards(cards: Y.Map<Y.Map<unknown>>) {
  const byId = new Map<string, BoardCard>();
  let list: BoardCard[] = [];

  /** Read these cards again and return the new list; null when it is unchanged (none of them was there before or is now). */
  const refresh = (changed: Iterable<string>): BoardCard[] | null => {
    const removed = new Set<BoardCard>();
    const added: BoardCard[] = [];
    for (const id of changed) {
      const old = byId.get(id);
      const value = cards.get(id);
      // A stored card that does not fit the board schema is left out, never rendered half-formed.
      const next = value === undefined ? undefined : decodeCard(value, id, reportSkip);
      if (old) removed.add(old);
      if (next) added.push(next);
      if (next) byId.set(id, next);
      else byId.delete(id);
    }
    if (removed.size === 0 && added.length === 0) return null;
    // A few changes are spliced into place; many (the first sync) are cheaper sorted at once.
    const kept = removed.size > 0 ? list.filter((card) => !removed.has(card)) : list.slice();
    if (added.length * 8 > kept.length) {
      list = kept.concat(added).sort(compareCards);
    } else {
      for (const card of added) kept.splice(insertionIndex(kept, card), 0, card);
      list = kept;
    }
    return list;
  };

  /** The ids of the cards these events touched: keys of `cards` itself, or the card a nested change is in. */
  const changedIds = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>): Set<string> => {
    const out = new Set<string>();
    for (const event of events) {
      if (event.target === cards) for (const key of event.keys.keys()) out.add(key);
      else if (typeof event.path[0] === 'string') out.add(event.path[0]);
    }
    return out;
  };

  return { refresh, changedIds };
}

/** The y-websocket endpoint of the page's own server (ws: or wss: to match http: or https:). */
function boardEndpoint(): string {
  return location.origin.replace(/^http/, 'ws') + '/yjs';
}

/** One board connection, shared by every view of that room on the page (see `useBoard`). */
interface SharedBoard {
  key: string;
  doc: Y.Doc;
  provider: WebsocketProvider;
  kept: IndexeddbPersistence | null;
  users: number;
  synced: boolean;
  status: LinkStatus;
  closeCode?: number;
  /** Told when `synced`, `status` or `closeCode` change. */
  listeners: Set<() => void>;
}

const openBoards = new Map<string, SharedBoard>();

/** The page's connection to a room, opened on first use. */
function acquireBoard(room: string, token: string, keepOnDevice: boolean): SharedBoard {
  const key = JSON.stringify([room, token, keepOnDevice]);
  const open = openBoards.get(key);
  if (open) {
    open.users += 1;
    return open;
  }
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(boardEndpoint(), room, doc, {
    params: { token },
    // A tab must never hand another tab's unsent state to the server as its own.
    disableBc: true,
    shouldReconnect: (event) => !FATAL_CLOSE_CODES.has(event.code),
    maxBackoffTime: 5000,
  });
  // A reader's copy of the board (only ever what the server sent) is kept in IndexedDB, so a
  // phone reloaded with no network still shows it. Never for writers: their unsent edits must
  // not come back from a stale copy.
  const kept = keepOnDevice ? new IndexeddbPersistence(`yoriai-board:${room}`, doc) : null;
  const entry: SharedBoard = { key, doc, provider, kept, users: 1, synced: false, status: 'connecting', listeners: new Set() };
  const changed = (next: Partial<Pick<SharedBoard, 'synced' | 'status' | 'closeCode'>>) => {
    Object.assign(entry, next);
    for (const listener of entry.listeners) listener();
  };
  const parts = boardParts(doc);
  kept?.on('synced', () => {
    if (parts.cards.size > 0 || parts.stages.length > 0) changed({ synced: true });
  });
  // `synced` stays true through a later disconnection: the last known board is still worth showing.
  provider.on('sync', (synced) => synced && changed({ synced: true }));
  provider.on('status', ({ status }) => changed({ status: linkStatusOf(status, entry.status) }));
  provider.on('closed', ({ code }) => {
    // The server took the kept copy for a write (it has what the server no longer has): drop it.
    if (code === CloseCode.forbidden) void kept?.clearData();
    changed({ status: 'refused', closeCode: code });
  });
  openBoards.set(key, entry);
  return entry;
}

/** Give the connection back; the last user closes it. */
function releaseBoard(entry: SharedBoard): void {
  entry.users -= 1;
  if (entry.users > 0) return;
  openBoards.delete(entry.key);
  entry.provider.destroy();
  void entry.kept?.destroy();
  entry.doc.destroy();
}

/**
 * Follow a board room over y-websocket and re-render on every change. Participants never write
 * the Y.Doc (the server closes a writer with 4403): their changes go through the socket.io
 * commands in `control.ts`. A scribe's connection is closed with 4100 when appointed and
 * reconnects at once with the new rights; that close is not an error.
 *
 * Views of the same room on one page (the facilitator's board, the tables overview, the
 * share-out, the consensus panel) share one connection and one document, so a laptop running
 * thirty tables holds thirty board sockets, not a hundred.
 *
 * Each part of the view is read again only when a transaction touched it, so the first sync
 * reads the board once and a new card costs one `toJSON`.
 */
export function useBoard(room: string | undefined, token: string | undefined, options: { keepOnDevice?: boolean } = {}): BoardView {
  const keepOnDevice = options.keepOnDevice ?? false;
  const [view, setView] = useState<BoardView>(EMPTY);

  useEffect(() => {
    if (!room || !token) return;
    const entry = acquireBoard(room, token, keepOnDevice);
    const { doc } = entry;
    const parts = boardParts(doc);
    const tracked = trackCards(parts.cards);
    const patch = (next: Partial<BoardView>) => setView((prev) => ({ ...prev, ...next }));
    const onCards = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => {
      const cards = tracked.refresh(tracked.changedIds(events));
      if (cards) patch({ cards });
    };
    const onStages = () => patch({ stages: readStages(doc, reportSkip) });
    const onPersona = () => patch({ persona: readPersona(doc) });
    const onLink = () => patch({ synced: entry.synced, status: entry.status, ...(entry.closeCode !== undefined ? { closeCode: entry.closeCode } : {}) });
    parts.cards.observeDeep(onCards);
    parts.stages.observeDeep(onStages);
    parts.persona.observeDeep(onPersona);
    entry.listeners.add(onLink);
    // What the shared document holds already (nothing on a new connection); the observers read the rest.
    const present = tracked.refresh(new Set(parts.cards.keys()));
    patch({ doc, cards: present ?? [], stages: readStages(doc, reportSkip), persona: readPersona(doc) });
    onLink();
    return () => {
      parts.cards.unobserveDeep(onCards);
      parts.stages.unobserveDeep(onStages);
      parts.persona.unobserveDeep(onPersona);
      entry.listeners.delete(onLink);
      releaseBoard(entry);
      setView(EMPTY);
    };
  }, [room, token, keepOnDevice]);

  return view;
}
