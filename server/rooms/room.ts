import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { Logger } from 'pino';
import { BOARD_MAX_BYTES } from '../../shared/board/schema';
import type { DocStore } from './doc-store';
import type { RoomMessageKind } from '../cluster/bus';
import { NO_METRICS, type RoomObserver } from '../metrics/metrics';
import { LazyDoc, LOAD_ORIGIN } from './lazy-doc';
import { encodeAwareness, encodeSyncStep2FromUpdate, encodeSyncUpdate } from './messages';

/** What a room needs of a connection: send bytes, close with a code. Never `ws` itself. */
export interface Peer {
  send(data: Uint8Array): void;
  close(code: number, reason: string): void;
}

/** What the room knows about one connected peer. */
export interface PeerInfo {
  canWrite: boolean;
  /** The awareness client id this connection speaks for (the first one it used). */
  awarenessClientId: number | null;
}

/** Thrown when a write could not be stored; the room is then closed and evicted. */
export class StorageError extends Error {}

const SERVER_ORIGIN = Symbol('server change');
/** Changes that another server process stored and published: relay, never store or publish. */
const REMOTE_ORIGIN = Symbol('other process');

/**
 * Presence changes are relayed in one message per room at most this often. Every client renews
 * its presence every 15 s; relaying each renewal at once to every peer would cost n² sends and
 * delay cards, which are relayed at once and never wait for presence.
 */
export const AWARENESS_FLUSH_MS = 100;

/**
 * A renewal (the same state with a higher clock, which every client sends every 15 s so its
 * peers keep it) is relayed within this time instead, gathered with the room's other renewals:
 * in a hall it is most of the presence traffic, and a peer drops a state only after 30 s without
 * one. Across processes a renewal can wait here on both sides: 15 + 2 × 5 s stays under 30 s.
 */
export const AWARENESS_RENEWAL_MS = 5_000;

/**
 * One board in memory: its Y.Doc, awareness, connected peers, and a queue that runs every
 * read and write of the document one at a time.
 *
 * Writes are pipelined: a write is checked and applied in queue order and its append is handed
 * to the store at once, without holding the queue until the commit; the write is relayed (and
 * a command answered) only when the commit that holds it has returned, in the order the writes
 * were applied. So several writes of a room share one commit, presence and sync answers never
 * wait for a disk, and still nothing reaches a peer before it is stored. If a commit fails the
 * room is broken and evicted: its unstored writes were never relayed and are gone with it.
 */
export class Room {
  /** The document, built from the stored state when first needed (`doc`). */
  private readonly lazy: LazyDoc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly peers = new Map<Peer, PeerInfo>();
  holds = 0;
  broken = false;
  private queue: Promise<unknown> = Promise.resolve();
  /** Settles after every write staged so far is stored and relayed (rejects once one failed). */
  private relayed: Promise<void> = Promise.resolve();
  private staged = 0;
  private pendingServerUpdates: Uint8Array[] = [];
  /** The whole document as a sync step 2 message, until the next change. */
  private fullSync: Uint8Array | null = null;
  updatesSinceSnapshot = 0;
  lastUpdateId = 0;
  /**
   * Bytes of the room's stored state: the snapshot plus every update logged after it (an upper
   * bound of what a fresh reader downloads), measured at load and compaction, grown per write.
   */
  storedBytes = 0;
  /** The highest log id this room has read from the store (at load, or catching up with other processes). */
  readCursor = 0;
  private awarenessChanged = new Set<number>();
  /** Presence changes made here (not relayed from another process), to publish to the cluster. */
  private awarenessLocal = new Set<number>();
  private awarenessTimer: NodeJS.Timeout | null = null;
  /** When the pending presence flush runs (performance.now()). */
  private awarenessDue = Infinity;

  constructor(
    readonly name: string,
    private readonly store: DocStore,
    readonly log: Logger,
    private readonly onBroken: (room: Room) => void,
    private readonly publish: (kind: RoomMessageKind, data: Uint8Array) => void = () => undefined,
    /** Called after each stored write, when the room may want compacting. */
    private readonly onStored: (room: Room) => void = () => undefined,
    /** Bytes the stored state may grow to. */
    private readonly maxBytes: number = BOARD_MAX_BYTES,
    /** Told how long each write waited for its relay (metrics). */
    private readonly observer: RoomObserver = NO_METRICS,
  ) {
    this.lazy = new LazyDoc(name, log, () => {
      this.fullSync = null;
      if (this.broken) return;
      this.broken = true;
      this.onBroken(this);
    });
    this.awareness = new awarenessProtocol.Awareness(this.lazy.doc);
    this.awareness.setLocalState(null);
    // 'change' (a state added, altered or removed) comes before 'update' (which also has renewals).
    this.awareness.on('change', () => this.scheduleAwareness(AWARENESS_FLUSH_MS));
    this.awareness.on('update', ({ added, updated, removed }: Record<'added' | 'updated' | 'removed', number[]>, origin: unknown) => {
      for (const id of [...added, ...updated, ...removed]) {
        this.awarenessChanged.add(id);
        if (origin !== REMOTE_ORIGIN) this.awarenessLocal.add(id);
      }
      this.scheduleAwareness(AWARENESS_RENEWAL_MS);
    });
    this.lazy.doc.on('update', (update: Uint8Array, origin: unknown) => {
      // Building from the stored state changes nothing a peer has been sent.
      if (origin === LOAD_ORIGIN) return;
      this.fullSync = null;
      if (origin === SERVER_ORIGIN) this.pendingServerUpdates.push(update);
      // Stored by the process that published it: relay at once. Writes made here are relayed
      // by `stage` once stored.
      else if (origin === REMOTE_ORIGIN) this.broadcast(encodeSyncUpdate(update));
    });
  }

  /**
   * The room's Y.Doc, built from the stored state the first time it is needed (a write to
   * check, a sync from a peer that has something, a service reading the board). Throws
   * `room_unavailable`, and breaks the room, when the stored state does not build.
   */
  get doc(): Y.Doc {
    return this.lazy.built();
  }

  /** Whether the document is still only its stored bytes (not built yet). */
  get cold(): boolean {
    return this.lazy.cold;
  }

  /** After loading: `state` (one encoded update) is the whole stored document; built on first use. */
  restoreCold(state: Uint8Array): void {
    this.lazy.restore(state);
    this.fullSync = null;
  }

  /** The document's state vector, from the stored bytes while the room is cold. */
  stateVector(): Uint8Array {
    return this.lazy.stateVector();
  }

  /** The whole document as one update (for a snapshot), from the stored bytes while the room is cold. */
  encodeState(): Uint8Array {
    return this.lazy.encodeState();
  }

  /** Run a task after every task queued before it. */
  run<T>(task: () => Promise<T> | T): Promise<T> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Run a task on the queue once every write staged before it is stored: it sees only stored state. */
  read<T>(task: () => Promise<T> | T): Promise<T> {
    return this.run(async () => {
      await this.stored();
      return task();
    });
  }

  /**
   * Sync step 2 with the whole document, for a peer that has nothing yet: encoded once per
   * state of the document, so a hall of phones joining (or rejoining after a restart) at once
   * costs one encoding, not one each.
   */
  fullSyncStep2(): Uint8Array {
    this.fullSync ??= encodeSyncStep2FromUpdate(this.lazy.encodeState());
    this.lazy.checkLater((task) => this.run(task));
    return this.fullSync;
  }

  /**
   * Resolves once every write staged so far is stored and relayed; rejects with a
   * StorageError if one of them could not be stored.
   */
  stored(): Promise<void> {
    return this.relayed;
  }

  /** Run `send` after every write staged so far is stored (at once when none is pending). */
  afterStored(send: () => void): void {
    if (this.staged === 0) send();
    else this.relayed.then(send, () => undefined);
  }

  /**
   * Apply a checked client update and store it; it is relayed to the other peers (and other
   * processes) once stored. Call inside `run`; resolves when stored, rejects with StorageError.
   */
  applyClientUpdate(update: Uint8Array, from: Peer): Promise<void> {
    if (this.broken) return Promise.reject(new StorageError('room is closed'));
    Y.applyUpdate(this.doc, update, from);
    return this.stage(update, () => {
      this.broadcast(encodeSyncUpdate(update), from);
      this.publish('update', update);
    });
  }

  /** Apply what another server process stored and published, and relay it to the peers here. Call inside `run`. */
  applyRemote(kind: RoomMessageKind, data: Uint8Array): void {
    if (kind === 'update') {
      this.storedBytes += data.byteLength;
      Y.applyUpdate(this.doc, data, REMOTE_ORIGIN);
    }
    else awarenessProtocol.applyAwarenessUpdate(this.awareness, data, REMOTE_ORIGIN);
  }

  /**
   * Make a change on the server's authority (a participant's command): applied at once, stored,
   * and relayed only once stored. Call inside `run`; await `stored()` before answering whoever
   * asked (outside the queue, so the room goes on meanwhile). Throws StorageError when the room
   * is broken. Returns whether the change altered the document.
   */
  change(mutate: (doc: Y.Doc) => void): boolean {
    if (this.broken) throw new StorageError('room is closed');
    this.pendingServerUpdates = [];
    this.doc.transact(() => mutate(this.doc), SERVER_ORIGIN);
    const updates = this.pendingServerUpdates;
    this.pendingServerUpdates = [];
    if (updates.length === 0) return false;
    const update = updates.length === 1 ? updates[0] : Y.mergeUpdates(updates);
    void this.stage(update, () => {
      this.broadcast(encodeSyncUpdate(update));
      this.publish('update', update);
    }).catch(() => undefined);
    return true;
  }

  /** Whether the board may grow by `bytes` more (the board size cap, BOARD_MAX_BYTES unless configured). */
  hasRoomFor(bytes: number): boolean {
    return this.storedBytes + bytes <= this.maxBytes;
  }

  /** Encode a message for every peer but `except`. */
  broadcast(message: Uint8Array, except: unknown = null): void {
    for (const peer of this.peers.keys()) if (peer !== except) peer.send(message);
  }

  /** Flush presence within `delayMs`, or sooner if a flush is due sooner already. */
  private scheduleAwareness(delayMs: number): void {
    const due = performance.now() + delayMs;
    if (this.awarenessTimer && this.awarenessDue <= due) return;
    if (this.awarenessTimer) clearTimeout(this.awarenessTimer);
    this.awarenessDue = due;
    this.awarenessTimer = setTimeout(() => this.flushAwareness(), delayMs);
  }

  /** Relay every presence change and renewal since the last flush in one message. */
  flushAwareness(): void {
    if (this.awarenessTimer) clearTimeout(this.awarenessTimer);
    this.awarenessTimer = null;
    this.awarenessDue = Infinity;
    const changed = [...this.awarenessChanged];
    const local = [...this.awarenessLocal];
    this.awarenessChanged.clear();
    this.awarenessLocal.clear();
    if (changed.length > 0 && this.peers.size > 0) this.broadcast(encodeAwareness(this.awareness, changed));
    if (local.length > 0) this.publish('awareness', awarenessProtocol.encodeAwarenessUpdate(this.awareness, local));
  }

  /** Stop timers; called when the room leaves memory. */
  dispose(): void {
    if (this.awarenessTimer) clearTimeout(this.awarenessTimer);
    this.awarenessTimer = null;
    this.awareness.destroy();
    this.lazy.dispose();
  }

  /** Close every peer (the room is going away). */
  closeAll(code: number, reason: string): void {
    for (const peer of [...this.peers.keys()]) peer.close(code, reason);
    this.peers.clear();
  }

  /**
   * Hand an applied write to the store; `relay` runs once it and every write staged before it
   * are stored. Resolves then; rejects with StorageError if this or an earlier write failed.
   */
  private stage(update: Uint8Array, relay: () => void): Promise<void> {
    this.staged += 1;
    this.storedBytes += update.byteLength;
    const arrived = performance.now();
    const append = this.store.append(this.name, update).then(
      (id) => {
        this.lastUpdateId = Math.max(this.lastUpdateId, id);
        this.updatesSinceSnapshot += 1;
      },
      (error: unknown) => {
        if (!this.broken) {
          this.log.error({ err: error }, 'could not store update; closing room');
          this.broken = true;
          this.onBroken(this);
        }
        throw new StorageError('could not store update');
      },
    );
    const done = Promise.all([this.relayed, append]).then(() => {
      if (this.broken) throw new StorageError('room is closed');
      relay();
      this.observer.relayed((performance.now() - arrived) / 1000);
      this.onStored(this);
    });
    const settle = () => {
      this.staged -= 1;
    };
    done.then(settle, settle);
    this.relayed = done;
    return done;
  }
}
