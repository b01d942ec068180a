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

/** The cards kept for one person in one session (`key`), oldest first; [] when none or no storage. */
export async function loadStoredCards(key: string): Promise<StoredCard[]> {
  const s = outboxStore();
  if (!s) return [];
  try {
    const value: unknown = await get(key, s);
    return Array.isArray(value) ? (value as StoredCard[]) : [];
  } catch {
    return [];
  }
}

/** Replace what is kept for `key`; false when the device could not store it. */
export async function storeCards(key: string, cards: StoredCard[]): Promise<boolean> {
  const s = outboxStore();
  if (!s) return false;
  try {
    if (cards.length === 0) await del(key, s);
    else await set(key, cards, s);
    return true;
  } catch {
    return false;
  }
}
