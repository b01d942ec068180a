import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { openTempSqlite } from '../support/database';
import { createLocalBus } from '../../server/cluster/bus';
import { createDocStore } from '../../server/rooms/doc-store';
import { createRoomRegistry } from '../../server/rooms/registry';
import { Room } from '../../server/rooms/room';

describe('compaction', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    vi.restoreAllMocks();
    for (const fn of cleanups.splice(0).reverse()) await fn();
  });

  it('encodes rooms that reach the threshold in one commit one per turn of the event loop', async () => {
    const { handle } = await openTempSqlite((fn) => cleanups.push(fn));
    const store = createDocStore(handle.db);
    const names = ['room-a', 'room-b', 'room-c'];
    for (const name of names) {
      const doc = new Y.Doc();
      doc.getMap('meta').set('title', name);
      await store.append(name, Y.encodeStateAsUpdate(doc));
    }
    const registry = createRoomRegistry({ store, bus: createLocalBus(), log: pino({ level: 'silent' }), idleMs: 60_000, compactAfterUpdates: 2 });
    cleanups.push(() => registry.closeAll(1001, 'test over'));
    const rooms = await Promise.all(names.map((name) => registry.acquire(name)));

    // Count the turns of the event loop, and note in which one each room is encoded.
    let turn = 0;
    let ticking = true;
    const tick = () => {
      turn += 1;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    cleanups.push(() => (ticking = false));
    const encodedIn = new Map<string, number>();
    const encode = Room.prototype.encodeState;
    vi.spyOn(Room.prototype, 'encodeState').mockImplementation(function (this: Room) {
      encodedIn.set(this.name, turn);
      return encode.call(this);
    });

    // One write each, in the same tick: they share a commit and reach the threshold together.
    await Promise.all(rooms.map((room) => room.run(() => room.change((doc) => doc.getMap('meta').set('theme', 'こども食堂')))));
    await Promise.all(rooms.map((room) => room.stored()));
    await vi.waitFor(async () => {
      for (const name of names) expect((await store.load(name)).snapshot).not.toBeNull();
    });
    expect(new Set(encodedIn.values()).size).toBe(names.length);
    for (const room of rooms) registry.release(room);
  });
});
