import * as Y from 'yjs';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { NO_METRICS, type StoreObserver } from '../metrics/metrics';
import type { LogWriter } from './log-writer';
import {
  appendUpdates,
  countUpdatesAfterSnapshot,
  readLoggedUpdates,
  readStoredDoc,
  readUpdatesAfter,
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
  /**
   * Replace the snapshot with `state`, dropping the log up to `lastUpdateId`. With `foldLog`
   * (several processes write the room), the logged updates up to that id are merged into the
   * snapshot first, in case one from another process has not reached this one yet.
   */
  compact(room: string, state: Uint8Array, lastUpdateId: number, options?: { foldLog?: boolean }): Promise<void>;
  countPending(room: string): Promise<number>;
  /** The updates logged after log id `afterId`, in order (what other processes stored meanwhile). */
  readAfter(room: string, afterId: number): Promise<Array<{ id: number; data: Uint8Array }>>;
  /** Stop the log writer, if any (after the last append has been answered). */
  close(): Promise<void>;
}

interface PendingAppend {
  room: string;
  update: Uint8Array;
  resolve(id: number): void;
  reject(error: unknown): void;
}

/**
 * The DocStore over the app's Kysely database, with group commit: the appends that arrive
 * while the previous commit is running, or within one event-loop turn (any rooms, and several
 * of one room, which does not wait for its last commit before taking the next write), go into
 * one transaction, so one fsync makes all of them durable. Each caller is still answered only
 * after the commit. A failed commit fails every append in it. With a `logWriter` the commit
 * (and its fsync) runs on another thread while this one takes the next batch.
 */
export function createDocStore(
  db: Kysely<Database>,
  now: () => Date = () => new Date(),
  observer: StoreObserver = NO_METRICS,
  /** Commits appends off the event loop (SQLite: a worker thread with its own connection); else through `db`. */
  logWriter: LogWriter | null = null,
): DocStore {
  let pending: PendingAppend[] = [];
  let scheduled = false;
  let committing = false;

  const schedule = () => {
    if (scheduled || committing || pending.length === 0) return;
    scheduled = true;
    setImmediate(() => void flush());
  };

  const flush = async () => {
    scheduled = false;
    const batch = pending;
    pending = [];
    if (batch.length === 0) return;
    committing = true;
    const createdAt = now().toISOString();
    const started = performance.now();
    try {
      const ids = logWriter ? await logWriter.append(batch, createdAt) : await db.transaction().execute((trx) => appendUpdates(trx, batch, createdAt));
      observer.committed((performance.now() - started) / 1000, batch.length);
      batch.forEach((item, i) => item.resolve(ids[i]));
    } catch (error) {
      for (const item of batch) item.reject(error);
    } finally {
      committing = false;
      schedule();
    }
  };

  return {
    // One transaction, so a compaction cannot slip between reading the snapshot and the log.
    load: (room) => db.transaction().execute((trx) => readStoredDoc(trx, room)),
    append: (room, update) =>
      new Promise<number>((resolve, reject) => {
        pending.push({ room, update, resolve, reject });
        schedule();
      }),
    compact: (room, state, lastUpdateId, options) => {
      // One process writes the room: its snapshot goes through the log writer too, off the event
      // loop. Folding another process's rows in needs a read in the same transaction: here.
      if (logWriter && !options?.foldLog) return logWriter.snapshot(room, state, lastUpdateId, now().toISOString());
      return db.transaction().execute(async (trx) => {
        let snapshot = state;
        if (options?.foldLog) {
          const logged = await readLoggedUpdates(trx, room, lastUpdateId);
          if (logged.length > 0) snapshot = Y.mergeUpdates([state, ...logged]);
        }
        await writeSnapshot(trx, room, snapshot, lastUpdateId, now().toISOString());
      });
    },
    countPending: (room) => countUpdatesAfterSnapshot(db, room),
    readAfter: (room, afterId) => readUpdatesAfter(db, room, afterId),
    close: async () => logWriter?.close(),
  };
}
