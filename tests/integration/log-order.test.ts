import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openDatabase, type DbHandle } from '../../db/connect';
import { migrateToLatest } from '../../db/migrate';
import { appendUpdates, readLoggedUpdates, readStoredDoc, readUpdatesAfter, writeSnapshot } from '../../db/repositories/doc-store.repository';
import { createTestDatabase, TEST_POSTGRES_URL } from '../support/postgres';

/** One card's worth of update, with the text to find it by. */
function cardUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('cards').set(text, new Y.Map([['text', text]]));
  return Y.encodeStateAsUpdate(doc);
}

function texts(updates: Uint8Array[]): string[] {
  const doc = new Y.Doc();
  for (const u of updates) Y.applyUpdate(doc, u);
  return [...doc.getMap('cards').keys()].sort();
}

/**
 * Two server processes on one PostgreSQL database: a room's log ids must be committed in the order
 * they are taken, else a snapshot or a catch-up cursor can pass an id that commits later.
 */
describe.skipIf(!TEST_POSTGRES_URL)('the update log across processes (PostgreSQL)', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** Two connection pools on one fresh, migrated database: the two processes. */
  async function twoProcesses(): Promise<[DbHandle, DbHandle]> {
    const created = await createTestDatabase();
    cleanups.push(() => created.drop());
    const a = openDatabase({ dataDir: '', databaseUrl: created.url });
    const b = openDatabase({ dataDir: '', databaseUrl: created.url });
    cleanups.push(() => a.close(), () => b.close());
    await migrateToLatest(a.db);
    return [a, b];
  }

  /** Start a transaction that appends and stays open until `commit` is called. */
  function openAppend(handle: DbHandle, room: string, update: Uint8Array) {
    let commit!: () => void;
    const held = new Promise<void>((resolve) => (commit = resolve));
    let appended!: (id: number) => void;
    const id = new Promise<number>((resolve) => (appended = resolve));
    const done = handle.db.transaction().execute(async (trx) => {
      const [logId] = await appendUpdates(trx, [{ room, update }], new Date().toISOString());
      appended(logId);
      await held;
    });
    // A failed assertion must not leave the transaction open (it would hold the pool and the lock).
    cleanups.push(async () => {
      commit();
      await done.catch(() => undefined);
    });
    return { id, commit, done };
  }

  it('lets no later id of a room commit before an earlier one, so a catch-up cursor skips nothing', async () => {
    const [a, b] = await twoProcesses();
    const first = openAppend(a, 'r1', cardUpdate('A'));
    const firstId = await first.id;
    // The other process appends to the same room while the first has not committed.
    let secondId: number | null = null;
    const second = appendUpdates(b.db, [{ room: 'r1', update: cardUpdate('B') }], new Date().toISOString()).then(([id]) => (secondId = id));
    // Another room is not held up.
    await appendUpdates(b.db, [{ room: 'r2', update: cardUpdate('C') }], new Date().toISOString());
    expect(secondId).toBeNull();
    first.commit();
    await first.done;
    await second;
    expect(secondId).toBeGreaterThan(firstId);
    // Whoever read up to the second id has read the first.
    const read = await readUpdatesAfter(b.db, 'r1', 0);
    expect(read.map((r) => r.id)).toEqual([firstId, secondId]);
  });

  it('keeps an append another process has not committed when the room is folded into a snapshot', async () => {
    const [a, b] = await twoProcesses();
    const first = openAppend(a, 'r1', cardUpdate('A'));
    const firstId = await first.id;
    // Process B stores a later update of the room and folds the log up to it.
    let secondId = 0;
    let folded = false;
    const chain = b.db
      .transaction()
      .execute((trx) => appendUpdates(trx, [{ room: 'r1', update: cardUpdate('B') }], new Date().toISOString()))
      .then(([id]) => {
        secondId = id;
        return b.db.transaction().execute(async (trx) => {
          const logged = await readLoggedUpdates(trx, 'r1', id);
          await writeSnapshot(trx, 'r1', Y.mergeUpdates(logged), id, new Date().toISOString());
        });
      })
      .then(() => (folded = true));
    await appendUpdates(b.db, [{ room: 'r2', update: cardUpdate('C') }], new Date().toISOString());
    expect(folded).toBe(false);
    first.commit();
    await first.done;
    await chain;
    expect(secondId).toBeGreaterThan(firstId);
    // Loaded again, the room has both cards: A's update is in the snapshot, not stranded below its point.
    const stored = await readStoredDoc(a.db, 'r1');
    expect(texts([...(stored.snapshot ? [stored.snapshot] : []), ...stored.updates])).toEqual(['A', 'B']);
  });
});
