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
  /** Resolves with the update's log id once it is committed (durable), never before. */
  append(room: string, update: Uint8Array): Promise<number>;
  /** Replace the snapshot with `state`, dropping the log up to `lastUpdateId`. */
  compact(room: string, state: Uint8Array, lastUpdateId: number): Promise<void>;
  countPending(room: string): Promise<number>;
}

interface PendingAppend {
  room: string;
  update: Uint8Array;
  resolve(id: number): void;
  reject(error: unknown): void;
}

/**
 * The DocStore over the app's Kysely database, with group commit: the appends of one event
 * loop turn (any rooms) go into one transaction, so one fsync makes all of them durable. Each
 * caller is still answered only after the commit. A failed commit fails every append in it.
 */
export function createDocStore(db: Kysely<Database>, now: () => Date = () => new Date()): DocStore {
  let pending: PendingAppend[] = [];
  let scheduled = false;

  const flush = async () => {
    scheduled = false;
    const batch = pending;
    pending = [];
    if (batch.length === 0) return;
    const createdAt = now().toISOString();
    try {
      const ids = await db.transaction().execute(async (trx) => {
        const out: number[] = [];
        for (const item of batch) out.push(await appendUpdate(trx, item.room, item.update, createdAt));
        return out;
      });
      batch.forEach((item, i) => item.resolve(ids[i]));
    } catch (error) {
      for (const item of batch) item.reject(error);
    }
  };

  return {
    // One transaction, so a compaction cannot slip between reading the snapshot and the log.
    load: (room) => db.transaction().execute((trx) => readStoredDoc(trx, room)),
    append: (room, update) =>
      new Promise<number>((resolve, reject) => {
        pending.push({ room, update, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(() => void flush());
        }
      }),
    compact: (room, state, lastUpdateId) =>
      db.transaction().execute((trx) => writeSnapshot(trx, room, state, lastUpdateId, now().toISOString())),
    countPending: (room) => countUpdatesAfterSnapshot(db, room),
  };
}
