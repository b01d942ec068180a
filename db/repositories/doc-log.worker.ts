/**
 * A worker thread owning a second SQLite connection that writes the board logs
 * (server/rooms/log-writer.ts starts it). An append message is one group commit: its rows in
 * one transaction, with synchronous=FULL, so the commit's fsync blocks this thread instead of
 * the server's event loop; the ids come back in the order of the rows. A snapshot message
 * replaces a room's snapshot and drops the rows it covers, in one transaction: with it on the
 * main connection, a compaction waited for this thread's lock by busy-waiting on the event loop.
 * Messages are handled in order, so a snapshot never passes an append posted before it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

interface AppendMessage {
  id: number;
  items: Array<{ room: string; update: Uint8Array }>;
  createdAt: string;
  /** The main connection's max_page_count (the database's size limit), mirrored on this one. */
  maxPageCount: number;
}

interface SnapshotMessage {
  id: number;
  snapshot: { room: string; data: Uint8Array; lastUpdateId: number; updatedAt: string };
  maxPageCount: number;
}

const db = new Database((workerData as { file: string }).file);
db.pragma('synchronous = FULL');
db.pragma('busy_timeout = 5000');
const insert = db.prepare<[string, Buffer, string], { id: number | bigint }>('insert into doc_updates (room, data, created_at) values (?, ?, ?) returning id');
const appendAll = db.transaction((items: AppendMessage['items'], createdAt: string) =>
  items.map((item) => Number(insert.get(item.room, toBuffer(item.update), createdAt)!.id)),
);
const upsertSnapshot = db.prepare<[string, Buffer, number, string]>(
  'insert into doc_snapshots (room, data, last_update_id, updated_at) values (?, ?, ?, ?) on conflict (room) do update set data = excluded.data, last_update_id = excluded.last_update_id, updated_at = excluded.updated_at',
);
const dropCovered = db.prepare<[string, number]>('delete from doc_updates where room = ? and id <= ?');
const writeSnapshot = db.transaction((s: SnapshotMessage['snapshot']) => {
  upsertSnapshot.run(s.room, toBuffer(s.data), s.lastUpdateId, s.updatedAt);
  dropCovered.run(s.room, s.lastUpdateId);
});
let maxPageCount: number | null = null;

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

parentPort!.on('message', (message: AppendMessage | SnapshotMessage | { close: true }) => {
  if ('close' in message) {
    db.close();
    parentPort!.close();
    return;
  }
  try {
    if (message.maxPageCount !== maxPageCount) {
      db.pragma(`max_page_count = ${Math.trunc(message.maxPageCount)}`);
      maxPageCount = message.maxPageCount;
    }
    if ('snapshot' in message) {
      writeSnapshot(message.snapshot);
      parentPort!.postMessage({ id: message.id, ids: [] });
      return;
    }
    parentPort!.postMessage({ id: message.id, ids: appendAll(message.items, message.createdAt) });
  } catch (error) {
    const { message: text, code } = error as { message?: string; code?: string };
    parentPort!.postMessage({ id: message.id, error: { message: String(text ?? error), code } });
  }
});
