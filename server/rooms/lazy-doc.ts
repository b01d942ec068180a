import * as Y from 'yjs';
import type { Logger } from 'pino';
import { AppError } from '../errors';

/** The stored state applied when the document is built: already stored, nothing to relay. */
export const LOAD_ORIGIN = Symbol('stored state');

/**
 * How long after a cold room's first answer its stored bytes are parsed through (for the state
 * vector, and to find data that does not load): later than the answer's own send, which a pass
 * over megabytes on the event loop would hold up.
 */
export const COLD_CHECK_MS = 250;

/**
 * A room's Y.Doc and, until it is first needed, the stored state it is built from (one encoded
 * update: the snapshot and the log merged). A fresh peer is answered from those bytes, so a cold
 * room answers without building its document (~10 structs per card, most of a cold answer's
 * time before). Data that does not load breaks the room through `onFail`, never replaced.
 */
export class LazyDoc {
  readonly doc = new Y.Doc({ gc: true });
  private bytes: Uint8Array | null = null;
  /** The cold bytes' state vector, computed once. */
  private vector: Uint8Array | null = null;
  private error: AppError | null = null;
  private check: NodeJS.Timeout | null = null;

  constructor(
    private readonly name: string,
    private readonly log: Logger,
    private readonly onFail: () => void,
  ) {}

  /** Whether the document is still only its stored bytes. */
  get cold(): boolean {
    return this.bytes !== null;
  }

  /** After loading: `state` is the whole stored document, built on first use. */
  restore(state: Uint8Array): void {
    this.bytes = state;
    this.vector = null;
  }

  /** The document, built from the stored bytes if it is not yet. Throws `room_unavailable` when they do not load. */
  built(): Y.Doc {
    if (this.error) throw this.error;
    if (!this.bytes) return this.doc;
    const state = this.bytes;
    this.bytes = null;
    this.vector = null;
    try {
      Y.applyUpdate(this.doc, state, LOAD_ORIGIN);
      if (!this.doc.store.pendingStructs && !this.doc.store.pendingDs) return this.doc;
      this.log.error('stored room data has missing pieces');
    } catch (error) {
      this.log.error({ err: error }, 'stored room data does not load');
    }
    throw this.fail();
  }

  /** The document's state vector, from the stored bytes while cold. */
  stateVector(): Uint8Array {
    if (!this.bytes) return Y.encodeStateVector(this.built());
    try {
      this.vector ??= Y.encodeStateVectorFromUpdate(this.bytes);
    } catch (error) {
      this.log.error({ err: error }, 'stored room data does not parse');
      throw this.fail();
    }
    return this.vector;
  }

  /** The whole document as one update: the stored bytes themselves while cold. */
  encodeState(): Uint8Array {
    if (this.error) throw this.error;
    return this.bytes ?? Y.encodeStateAsUpdate(this.doc);
  }

  /** Once, COLD_CHECK_MS after a first answer from the cold bytes: parse them through on `run` (a failure breaks the room). */
  checkLater(run: (task: () => void) => Promise<void>): void {
    if (!this.bytes || this.vector || this.check) return;
    this.check = setTimeout(() => {
      void run(() => {
        if (this.bytes && !this.error) this.stateVector();
      }).catch(() => undefined);
    }, COLD_CHECK_MS);
    this.check.unref();
  }

  dispose(): void {
    if (this.check) clearTimeout(this.check);
    this.bytes = null;
    this.doc.destroy();
  }

  private fail(): AppError {
    this.bytes = null;
    if (!this.error) {
      this.error = new AppError('room_unavailable', `room ${this.name} could not be loaded`);
      this.onFail();
    }
    return this.error;
  }
}
