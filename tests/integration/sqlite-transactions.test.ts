import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openTempSqlite } from '../support/database';

describe('SQLite transactions beside the commit thread', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const fn of cleanups.splice(0).reverse()) await fn();
  });

  it('holds the write lock from the start, so another connection’s commit cannot break a read-then-write', async () => {
    const { handle, file } = await openTempSqlite((fn) => cleanups.push(fn));
    // The other connection stands for the commit thread; it does not wait for the lock.
    const other = new Database(file, { timeout: 0 });
    cleanups.push(() => other.close());
    const insert = (room: string) => other.prepare('insert into doc_updates (room, data, created_at) values (?, ?, ?)').run(room, Buffer.from([0, 0]), new Date().toISOString());
    let otherRefused: unknown = null;
    await handle.db.transaction().execute(async (trx) => {
      await trx.selectFrom('doc_updates').select('id').where('room', '=', 'r').execute();
      // A deferred transaction would let this commit go through, then fail its own write below
      // with SQLITE_BUSY (a stale snapshot) instead of waiting.
      try {
        insert('other');
      } catch (error) {
        otherRefused = error;
      }
      await trx.insertInto('doc_updates').values({ room: 'r', data: new Uint8Array([0, 0]), created_at: new Date().toISOString() }).execute();
    });
    expect(otherRefused).toMatchObject({ code: 'SQLITE_BUSY' });
    insert('other');
    const rooms = other.prepare('select room from doc_updates order by id').pluck().all();
    expect(rooms).toEqual(['r', 'other']);
  });
});
