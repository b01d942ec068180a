import { createStore, del, get, set, type UseStore } from 'idb-keyval';
import type { ErrorBody } from '../../../shared/protocol';
import type { CommandPayload } from './control';

/** An unsent (or refused) card as kept on the device between page loads. */
export interface StoredCard {
  payload: CommandPayload<'card:add'>;
  state: 'sending' | 'failed';
  error?: ErrorBody;
}

let store: UseStore | null | undefined;

/** The IndexedDB store, or null where the browser refuses IndexedDB (some private modes). */
function outboxStore(): UseStore | null {
  if (store === undefined) {
    try {
      store = typeof indexedDB === 'undefined' ? null : createStore('yoriai-outbox', 'cards');
    } catch {
      store = null;
    }
  }
  return store;
}

/**
 * An edit or withdrawal of one's own card, a 共感 mark or a comment, not yet confirmed by the
 * server, as kept on the device.
 */
export type StoredChange =
  | { event: 'card:edit'; payload: CommandPayload<'card:edit'>; state: 'sending' | 'failed'; error?: ErrorBody }
  | { event: 'card:delete'; payload: CommandPayload<'card:delete'>; state: 'sending' | 'failed'; error?: ErrorBody }
  | { event: 'reaction:toggle'; payload: CommandPayload<'reaction:toggle'>; state: 'sending' | 'failed'; error?: ErrorBody }
  | { event: 'comment:add'; payload: CommandPayload<'comment:add'>; state: 'sending' | 'failed'; error?: ErrorBody };

/**
 * What a kept change replaces: one change per card of one's own (a later edit replaces an
 * earlier one, a withdrawal an edit), one 共感 state per card, and each comment by its id.
 */
export function changeKey(change: StoredChange): string {
  switch (change.event) {
    case 'card:edit':
    case 'card:delete':
      return `card:${change.payload.id}`;
    case 'reaction:toggle':
      return `reaction:${change.payload.room}:${change.payload.cardId}`;
    case 'comment:add':
      return `comment:${change.payload.id}`;
  }
}

async function loadList<T>(key: string): Promise<T[]> {
  const s = outboxStore();
  if (!s) return [];
  try {
    const value: unknown = await get(key, s);
    return Array.isArray(value) ? (value as T[]) : [];
  } catch {
    return [];
  }
}

async function storeList<T>(key: string, list: T[]): Promise<boolean> {
  const s = outboxStore();
  if (!s) return false;
  try {
    if (list.length === 0) await del(key, s);
    else await set(key, list, s);
    return true;
  } catch {
    return false;
  }
}

/** The cards kept for one person in one session (`key`), oldest first; [] when none or no storage. */
export function loadStoredCards(key: string): Promise<StoredCard[]> {
  return loadList<StoredCard>(key);
}

/** Replace what is kept for `key`; false when the device could not store it. */
export function storeCards(key: string, cards: StoredCard[]): Promise<boolean> {
  return storeList(key, cards);
}

/** The edits and withdrawals kept for one person in one session, oldest first. */
export function loadStoredChanges(key: string): Promise<StoredChange[]> {
  return loadList<StoredChange>(`${key}:changes`);
}

/** Replace the edits and withdrawals kept for `key`; false when the device could not store them. */
export function storeChanges(key: string, changes: StoredChange[]): Promise<boolean> {
  return storeList(`${key}:changes`, changes);
}
