import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import {
  appendUpdate,
  countUpdatesAfterSnapshot,
  readStoredDoc,
  writeSnapshot,
  type StoredDoc,
} from '../../db/repositories/doc-store.repository';

/**
 * Where rooms keep their documents: an append-only update log and a snapshot per room.
 * Rooms see only this interface, so another database can stand behind it.
 */
export interface DocStore {
  load(room: string): Promise<StoredDoc>;
  append(room: string, update: Uint8Array): Promise<number>;
  /** Replace the snapshot with `state`, dropping the log up to `lastUpdateId`. */
  compact(room: string, state: Uint8Array, lastUpdateId: number): Promise<void>;
  countPending(room: string): Promise<number>;
}

/** The DocStore over the app's Kysely database. */
export function createDocStore(db: Kysely<Database>, now: () => Date = () => new Date()): DocStore {
  return {
    // One transaction, so a compaction cannot slip between reading the snapshot and the log.
    load: (room) => db.transaction().execute((trx) => readStoredDoc(trx, room)),
    append: (room, update) => appendUpdate(db, room, update, now().toISOString()),
    compact: (room, state, lastUpdateId) =>
      db.transaction().execute((trx) => writeSnapshot(trx, room, state, lastUpdateId, now().toISOString())),
    countPending: (room) => countUpdatesAfterSnapshot(db, room),
  };
}
