import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { Logger } from 'pino';
import type { DocStore } from './doc-store';
import type { RoomMessageKind } from '../cluster/bus';
import { encodeAwareness, encodeSyncUpdate } from './messages';

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
 * One board in memory: its Y.Doc, awareness, connected peers, and a queue that runs every
 * read and write of the document one at a time, so that what is stored, applied and relayed
 * happens in one order even though storage is asynchronous.
 */
export class Room {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly peers = new Map<Peer, PeerInfo>();
  holds = 0;
  broken = false;
  private queue: Promise<unknown> = Promise.resolve();
  private pendingServerUpdates: Uint8Array[] = [];
  updatesSinceSnapshot = 0;
  lastUpdateId = 0;
  private awarenessChanged = new Set<number>();
  /** Presence changes made here (not relayed from another process), to publish to the cluster. */
  private awarenessLocal = new Set<number>();
  private awarenessTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly name: string,
    private readonly store: DocStore,
    readonly log: Logger,
    private readonly onBroken: (room: Room) => void,
    private readonly publish: (kind: RoomMessageKind, data: Uint8Array) => void = () => undefined,
  ) {
    this.awareness.setLocalState(null);
    this.awareness.on('update', ({ added, updated, removed }: Record<'added' | 'updated' | 'removed', number[]>, origin: unknown) => {
      for (const id of [...added, ...updated, ...removed]) {
        this.awarenessChanged.add(id);
        if (origin !== REMOTE_ORIGIN) this.awarenessLocal.add(id);
      }
      this.awarenessTimer ??= setTimeout(() => this.flushAwareness(), AWARENESS_FLUSH_MS);
    });
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === SERVER_ORIGIN) this.pendingServerUpdates.push(update);
      else this.broadcastUpdate(update, origin);
    });
  }

  /** Run a task after every task queued before it. */
  run<T>(task: () => Promise<T> | T): Promise<T> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /**
   * Store a checked client update, then apply and relay it (store before relay: a crash
   * loses nothing a peer has seen). Call inside `run`.
   */
  async applyClientUpdate(update: Uint8Array, from: Peer): Promise<void> {
    await this.persist(update);
    Y.applyUpdate(this.doc, update, from);
    this.publish('update', update);
  }

  /** Apply what another server process stored and published, and relay it to the peers here. Call inside `run`. */
  applyRemote(kind: RoomMessageKind, data: Uint8Array): void {
    if (kind === 'update') Y.applyUpdate(this.doc, data, REMOTE_ORIGIN);
    else awarenessProtocol.applyAwarenessUpdate(this.awareness, data, REMOTE_ORIGIN);
  }

  /**
   * Make a change on the server's authority (a participant's command). The change is applied,
   * stored, and only then relayed; if storing fails the room is broken and evicted, so the
   * unstored change is never seen and the next load starts from what was stored.
   * Call inside `run`. Returns whether the change altered the document.
   */
  async change(mutate: (doc: Y.Doc) => void): Promise<boolean> {
    this.pendingServerUpdates = [];
    this.doc.transact(() => mutate(this.doc), SERVER_ORIGIN);
    const updates = this.pendingServerUpdates;
    this.pendingServerUpdates = [];
    if (updates.length === 0) return false;
    const update = updates.length === 1 ? updates[0] : Y.mergeUpdates(updates);
    await this.persist(update);
    this.broadcastUpdate(update, null);
    this.publish('update', update);
    return true;
  }

  /** Encode a message for every peer but `except`. */
  broadcast(message: Uint8Array, except: unknown = null): void {
    for (const peer of this.peers.keys()) if (peer !== except) peer.send(message);
  }

  /** Relay every presence change since the last flush in one message. */
  flushAwareness(): void {
    if (this.awarenessTimer) clearTimeout(this.awarenessTimer);
    this.awarenessTimer = null;
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
    this.doc.destroy();
  }

  /** Close every peer (the room is going away). */
  closeAll(code: number, reason: string): void {
    for (const peer of [...this.peers.keys()]) peer.close(code, reason);
    this.peers.clear();
  }

  private broadcastUpdate(update: Uint8Array, origin: unknown): void {
    this.broadcast(encodeSyncUpdate(update), origin);
  }

  private async persist(update: Uint8Array): Promise<void> {
    try {
      this.lastUpdateId = await this.store.append(this.name, update);
      this.updatesSinceSnapshot += 1;
    } catch (error) {
      this.log.error({ err: error }, 'could not store update; closing room');
      this.broken = true;
      this.onBroken(this);
      throw new StorageError('could not store update');
    }
  }
}

