import { type Kysely, sql, type Transaction } from 'kysely';
import { dialectOf } from '../dialect';
import type { Database } from '../schema';

type Db = Kysely<Database> | Transaction<Database>;

/** What is stored for one room: the latest snapshot (if any) and the updates after it. */
export interface StoredDoc {
  snapshot: Uint8Array | null;
  updates: Uint8Array[];
  lastUpdateId: number;
}

/** Append one Yjs update to a room's log. Returns its log id. */
export async function appendUpdate(db: Db, room: string, data: Uint8Array, createdAt: string): Promise<number> {
  const row = await db
    .insertInto('doc_updates')
    .values({ room, data, created_at: createdAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/**
 * PostgreSQL only (SQLite has one writer at a time): hold these rooms' log locks until the
 * transaction ends. Without them, with several server processes, one process could take log id
 * 100 from the sequence, another take 101, commit, and fold the log up to 101 into a snapshot
 * (dropping the rows it covers) before 100 commits: 100 would then sit below the snapshot's
 * point and never be read again, and a catch-up cursor past 101 would skip it. Under the lock
 * a room's ids are committed in the order they are taken. Locks are taken in one statement, in
 * order of their keys, so two batches sharing rooms cannot deadlock.
 */
async function lockRoomLogs(db: Db, rooms: Iterable<string>): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  const keys = [...new Set(rooms)].map((room) => `doc-log:${room}`);
  if (keys.length === 0) return;
  await sql`select pg_advisory_xact_lock(h) from (select distinct hashtext(k) as h from unnest(${keys}::text[]) as k order by h) as locks`.execute(db);
}

/**
 * Append many updates (of any rooms) in the order given. Returns their log ids in that order.
 * Call inside a transaction (on PostgreSQL it holds the rooms' log locks until it ends). One
 * multi-row insert per chunk: ids come back in insert order.
 */
export async function appendUpdates(db: Db, items: ReadonlyArray<{ room: string; update: Uint8Array }>, createdAt: string): Promise<number[]> {
  await lockRoomLogs(db, items.map((item) => item.room));
  const ids: number[] = [];
  for (let i = 0; i < items.length; i += APPEND_CHUNK) {
    const chunk = items.slice(i, i + APPEND_CHUNK);
    if (chunk.length === 1) {
      ids.push(await appendUpdate(db, chunk[0].room, chunk[0].update, createdAt));
      continue;
    }
    const rows = await db
      .insertInto('doc_updates')
      .values(chunk.map((item) => ({ room: item.room, data: item.update, created_at: createdAt })))
      .returning('id')
      .execute();
    const chunkIds = rows.map((r) => Number(r.id)).sort((a, b) => a - b);
    if (chunkIds.length !== chunk.length) throw new Error('append returned a wrong number of ids');
    ids.push(...chunkIds);
  }
  return ids;
}

/** Rows per insert statement: SQLite allows 32,766 bound values, PostgreSQL 65,535; three per row. */
const APPEND_CHUNK = 500;

/** Read a room's snapshot and every update logged after it, in order. */
export async function readStoredDoc(db: Db, room: string): Promise<StoredDoc> {
  const snap = await db
    .selectFrom('doc_snapshots')
    .select(['data', 'last_update_id'])
    .where('room', '=', room)
    .executeTakeFirst();
  const after = snap ? Number(snap.last_update_id) : 0;
  const rows = await db
    .selectFrom('doc_updates')
    .select(['id', 'data'])
    .where('room', '=', room)
    .where('id', '>', after)
    .orderBy('id')
    .execute();
  return {
    snapshot: snap ? toBytes(snap.data) : null,
    updates: rows.map((r) => toBytes(r.data)),
    lastUpdateId: rows.length > 0 ? Number(rows[rows.length - 1].id) : after,
  };
}

/**
 * The updates logged for a room after its snapshot, up to and including `upTo`, in order. Every
 * id of the room up to a committed one is committed too (see `lockRoomLogs`), so a fold up to
 * an id this process has seen leaves nothing behind.
 */
export async function readLoggedUpdates(db: Db, room: string, upTo: number): Promise<Uint8Array[]> {
  const snap = await db.selectFrom('doc_snapshots').select('last_update_id').where('room', '=', room).executeTakeFirst();
  const rows = await db
    .selectFrom('doc_updates')
    .select('data')
    .where('room', '=', room)
    .where('id', '>', snap ? Number(snap.last_update_id) : 0)
    .where('id', '<=', upTo)
    .orderBy('id')
    .execute();
  return rows.map((r) => toBytes(r.data));
}

/** The updates logged for a room with a log id above `afterId`, in order, with their ids. */
export async function readUpdatesAfter(db: Db, room: string, afterId: number): Promise<Array<{ id: number; data: Uint8Array }>> {
  const rows = await db.selectFrom('doc_updates').select(['id', 'data']).where('room', '=', room).where('id', '>', afterId).orderBy('id').execute();
  return rows.map((r) => ({ id: Number(r.id), data: toBytes(r.data) }));
}

/** How many updates are logged for a room after its snapshot. */
export async function countUpdatesAfterSnapshot(db: Db, room: string): Promise<number> {
  const snap = await db.selectFrom('doc_snapshots').select('last_update_id').where('room', '=', room).executeTakeFirst();
  const row = await db
    .selectFrom('doc_updates')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('room', '=', room)
    .where('id', '>', snap ? Number(snap.last_update_id) : 0)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Replace a room's snapshot and drop the updates it covers. Call inside a transaction. */
export async function writeSnapshot(
  db: Db,
  room: string,
  data: Uint8Array,
  lastUpdateId: number,
  updatedAt: string,
): Promise<void> {
  await db
    .insertInto('doc_snapshots')
    .values({ room, data, last_update_id: lastUpdateId, updated_at: updatedAt })
    .onConflict((oc) => oc.column('room').doUpdateSet({ data, last_update_id: lastUpdateId, updated_at: updatedAt }))
    .execute();
  await db.deleteFrom('doc_updates').where('room', '=', room).where('id', '<=', lastUpdateId).execute();
}

function toBytes(value: Uint8Array): Uint8Array {
  // better-sqlite3 returns Buffers; Yjs wants plain Uint8Array views.
  return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}
