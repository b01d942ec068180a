/**
 * A worker thread owning a second SQLite connection that appends board updates to `doc_updates`
 * (server/rooms/log-writer.ts starts it). Each message is one group commit: its rows in one
 * transaction, with synchronous=FULL, so the commit's fsync blocks this thread instead of the
 * server's event loop. The ids come back in the order of the rows.
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

const db = new Database((workerData as { file: string }).file);
db.pragma('synchronous = FULL');
db.pragma('busy_timeout = 5000');
const insert = db.prepare<[string, Buffer, string], { id: number | bigint }>('insert into doc_updates (room, data, created_at) values (?, ?, ?) returning id');
const appendAll = db.transaction((items: AppendMessage['items'], createdAt: string) =>
  items.map((item) => Number(insert.get(item.room, Buffer.from(item.update.buffer, item.update.byteOffset, item.update.byteLength), createdAt)!.id)),
);
let maxPageCount: number | null = null;

parentPort!.on('message', (message: AppendMessage | { close: true }) => {
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
    parentPort!.postMessage({ id: message.id, ids: appendAll(message.items, message.createdAt) });
  } catch (error) {
    const { message: text, code } = error as { message?: string; code?: string };
    parentPort!.postMessage({ id: message.id, error: { message: String(text ?? error), code } });
  }
});
