import * as Y from 'yjs';
import type { Logger } from 'pino';
import { AppError } from '../errors';
import type { ClusterBus, RoomMessageKind } from '../cluster/bus';
import type { StoredDoc } from '../../db/repositories/doc-store.repository';
import type { RoomObserver } from '../metrics/metrics';
import type { DocStore } from './doc-store';
import { Room } from './room';

/** The rooms in memory: loaded on first use, evicted when the last holder lets go. */
export interface RoomRegistry {
  /** Load (or find) a room and hold it in memory until `release`. Throws `room_unavailable`. */
  acquire(name: string): Promise<Room>;
  release(room: Room): void;
  /** Hold a room for the length of `task`. */
  withRoom<T>(name: string, task: (room: Room) => Promise<T> | T): Promise<T>;
  /** Rooms in memory now, including those still being evicted (for tests and metrics). */
  loadedRooms(): string[];
  /**
   * With several processes: apply what others stored in this room's log since it was last read,
   * in case a publish never arrived (its process was killed between commit and publish). Call
   * inside the room's queue. Nothing to do with one process.
   */
  catchUp(room: Room): Promise<void>;
  /** Compact every room, close its peers and forget it. */
  closeAll(code: number, reason: string): Promise<void>;
  /** Close a room's peers and forget it without storing anything more (its session is being deleted). */
  discard(name: string): Promise<void>;
}

export interface RegistryOptions {
  store: DocStore;
  /** Other server processes (the local bus when there are none). */
  bus: ClusterBus;
  log: Logger;
  idleMs: number;
  compactAfterUpdates: number;
  /** Bytes a board's stored state may grow to (default BOARD_MAX_BYTES). */
  boardMaxBytes?: number;
  /** Told of each relayed write (metrics). */
  observer?: RoomObserver;
}

/** Create the app's room registry. One per app, never module-level. */
export function createRoomRegistry(options: RegistryOptions): RoomRegistry {
  const { store, bus, log, idleMs, compactAfterUpdates } = options;
  const rooms = new Map<string, Promise<Room>>();
  const evictions = new Map<string, Promise<void>>();
  const timers = new Map<Room, NodeJS.Timeout>();
  const compactions = new Map<Room, Promise<void>>();
  let compactionTurns: Promise<void> = Promise.resolve();

  /**
   * Compactions encode their documents one at a time, each after a pass of the event loop.
   * Rooms written at the same pace reach the threshold in the same commit; encoded in one go,
   * thirty rooms held the loop for the sum of their encodings (~8 ms each at 600 cards), and
   * every card and answer of every room waited behind them. Resolves with the turn's release.
   */
  function compactionTurn(): Promise<() => void> {
    let release!: () => void;
    const done = new Promise<void>((resolve) => (release = resolve));
    const ready = compactionTurns.then(() => new Promise<void>((resolve) => setImmediate(resolve)));
    compactionTurns = ready.then(() => done);
    return ready.then(() => release);
  }

  /**
   * Hand the room what is stored, as bytes: the snapshot and the log merged as encoded updates
   * (no Y.Doc), so a fresh peer is answered at once and the document is built only when first
   * needed (Room.doc). The log is parsed here; a lone snapshot, written by this server from a
   * document, is parsed through a moment after the room's first answer (LazyDoc.checkLater).
   * Data that does not load is refused, never replaced.
   */
  function restore(room: Room, stored: StoredDoc): void {
    if (!stored.snapshot && stored.updates.length === 0) {
      // Every board is created with content; nothing stored means the data is gone, and an
      // empty document must never silently take its place.
      throw new AppError('room_unavailable', `room ${room.name} has no stored data`);
    }
    const parts = stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates;
    try {
      if (parts.length === 1 && !stored.snapshot) Y.parseUpdateMeta(parts[0]);
      room.restoreCold(parts.length === 1 ? parts[0] : Y.mergeUpdates(parts));
    } catch (error) {
      log.error({ room: room.name, err: error }, 'stored room data does not load');
      throw new AppError('room_unavailable', `room ${room.name} could not be loaded`);
    }
    room.lastUpdateId = stored.lastUpdateId;
    room.readCursor = stored.lastUpdateId;
    room.updatesSinceSnapshot = stored.updates.length;
    room.storedBytes = (stored.snapshot?.byteLength ?? 0) + stored.updates.reduce((sum, update) => sum + update.byteLength, 0);
  }

  async function load(name: string): Promise<Room> {
    await evictions.get(name);
    // Listen to other processes before reading, so nothing they publish meanwhile is missed;
    // what arrives first is applied after the stored state (Yjs ignores what it already has).
    let ready: Room | null = null;
    const early: Array<[RoomMessageKind, Uint8Array]> = [];
    await bus.subscribeRoom(name, (kind, data) => {
      if (ready) void ready.run(() => ready?.applyRemote(kind, data));
      else early.push([kind, data]);
    });
    try {
      const room = new Room(
        name,
        store,
        log.child({ room: name }),
        (broken) => void evict(broken, false),
        (kind, data) => bus.publishRoom(name, kind, data),
        // Compact while the room is in use too, so a crash replays a short log, not a whole session.
        (stored) => {
          if (stored.updatesSinceSnapshot >= compactAfterUpdates) void compact(stored);
        },
        options.boardMaxBytes,
        options.observer,
      );
      restore(room, await store.load(name));
      for (const [kind, data] of early.splice(0)) room.applyRemote(kind, data);
      ready = room;
      return room;
    } catch (error) {
      await bus.unsubscribeRoom(name);
      throw error;
    }
  }

  async function acquire(name: string): Promise<Room> {
    let pending = rooms.get(name);
    if (!pending) {
      pending = load(name);
      rooms.set(name, pending);
      pending.catch(() => rooms.delete(name));
    }
    const room = await pending;
    if (room.broken) {
      await evictions.get(name);
      return acquire(name);
    }
    room.holds += 1;
    const timer = timers.get(room);
    if (timer) {
      clearTimeout(timer);
      timers.delete(room);
    }
    return room;
  }

  function release(room: Room): void {
    room.holds = Math.max(0, room.holds - 1);
    if (room.holds > 0 || room.broken) return;
    if (room.updatesSinceSnapshot >= compactAfterUpdates) void compact(room);
    const timer = setTimeout(() => {
      timers.delete(room);
      if (room.holds === 0) void evict(room, true);
    }, idleMs);
    timer.unref();
    timers.set(room, timer);
  }

  /**
   * Write the room's stored state as its snapshot and drop the log it covers. The state is taken
   * on the room's queue once every staged write is stored; the snapshot is written off the
   * queue, so the room goes on meanwhile. One compaction per room at a time.
   */
  function compact(room: Room): Promise<void> {
    const running = compactions.get(room);
    if (running) return running;
    const task = (async () => {
      const release = await compactionTurn();
      try {
        const taken = await room.read(() =>
          room.broken || room.updatesSinceSnapshot === 0
            ? null
            : { state: room.encodeState(), upTo: room.lastUpdateId, count: room.updatesSinceSnapshot, bytes: room.storedBytes },
        );
        // The next room may encode while this one's snapshot is being written.
        release();
        if (!taken) return;
        await store.compact(room.name, taken.state, taken.upTo, { foldLog: bus.processId !== 'local' });
        room.updatesSinceSnapshot = Math.max(0, room.updatesSinceSnapshot - taken.count);
        // The snapshot stands for the log it replaced; what was written meanwhile still counts.
        room.storedBytes = taken.state.byteLength + Math.max(0, room.storedBytes - taken.bytes);
      } catch (error) {
        // The log is still complete, so a failed compaction loses nothing; try again later.
        room.log.warn({ err: error }, 'compaction failed');
      } finally {
        release();
      }
    })();
    const tracked = task.finally(() => compactions.delete(room));
    compactions.set(room, tracked);
    return tracked;
  }

  function evict(room: Room, compactFirst: boolean): Promise<void> {
    const current = rooms.get(room.name);
    const eviction = (async () => {
      if (current && (await current.catch(() => null)) === room) rooms.delete(room.name);
      const timer = timers.get(room);
      if (timer) clearTimeout(timer);
      timers.delete(room);
      if (!compactFirst) room.closeAll(4500, 'room unavailable');
      if (compactFirst) {
        // Finish a compaction in progress, then store what came after it.
        await compactions.get(room);
        await compact(room);
      }
      room.dispose();
      await bus.unsubscribeRoom(room.name).catch((error: unknown) => log.warn({ err: error, room: room.name }, 'could not unsubscribe'));
    })();
    const tracked = eviction.finally(() => {
      if (evictions.get(room.name) === tracked) evictions.delete(room.name);
    });
    evictions.set(room.name, tracked);
    return tracked;
  }

  return {
    acquire,
    release,
    async withRoom(name, task) {
      const room = await acquire(name);
      try {
        return await task(room);
      } finally {
        release(room);
      }
    },
    async catchUp(room) {
      if (bus.processId === 'local') return;
      for (const row of await store.readAfter(room.name, room.readCursor)) {
        room.applyRemote('update', row.data);
        room.readCursor = row.id;
      }
    },
    // A room being evicted still counts until its last compaction is stored.
    loadedRooms: () => [...new Set([...rooms.keys(), ...evictions.keys()])],
    async discard(name) {
      const room = await rooms.get(name)?.catch(() => null);
      if (room) {
        // Broken: a hold released later (a socket closing after this) neither compacts nor evicts it again.
        room.broken = true;
        await compactions.get(room);
        await evict(room, false);
      }
      await evictions.get(name);
    },
    async closeAll(code, reason) {
      const all = await Promise.all([...rooms.values()].map((p) => p.catch(() => null)));
      for (const room of all) {
        if (!room) continue;
        room.closeAll(code, reason);
        await evict(room, true);
      }
      await Promise.all(evictions.values());
    },
  };
}
