import * as awarenessProtocol from 'y-protocols/awareness';
import { CloseCode } from '../../shared/protocol';
import { AppError } from '../errors';
import { LIMITS } from '../../shared/limits';
import {
  decodeMessage,
  encodeAwareness,
  encodeAwarenessEntries,
  encodeSyncStep1,
  encodeSyncStep2,
  isEmptyStateVector,
  isEmptyUpdate,
  type InboundMessage,
} from './messages';
import { type Peer, type PeerInfo, type Room, StorageError } from './room';
import { checkUpdate } from './update-check';

/** How many awareness updates per second one connection may send; more are dropped. */
const AWARENESS_PER_SECOND = 20;

/** A peer's session in a room: feed it frames, tell it when the socket closed. */
export interface PeerSession {
  onMessage(data: Uint8Array): void;
  onClose(): void;
}

/**
 * Join a peer to a room and speak the y-websocket protocol with it: sync step 1 and the
 * current awareness go out at once; every inbound frame is decoded in full, checked against
 * the peer's role, and run on the room's queue.
 */
export function joinRoom(room: Room, peer: Peer, canWrite: boolean): PeerSession {
  const info: PeerInfo = { canWrite, awarenessClientId: null };
  room.peers.set(peer, info);
  let closed = false;
  let bucket = { windowStart: Date.now(), count: 0 };
  const maxBytes = canWrite ? LIMITS.writerMessageBytes : LIMITS.readerMessageBytes;

  const refuse = (code: number, reason: string) => {
    if (closed) return;
    room.log.info({ code, reason }, 'closing peer');
    peer.close(code, fitCloseReason(reason));
  };

  // The server's step 1 (its state vector) asks the peer for what the room lacks. A cold room
  // holds it back until the peer's first message is handled: a peer whose own step 1 is empty
  // has nothing to give and is never asked (its answer came from the stored bytes, and taking
  // the vector from them would be a pass over all of them); any other is asked on a later turn.
  let step1: 'unsent' | 'scheduled' | 'sent' | 'needless' = 'unsent';
  const sendStep1 = () => {
    if (closed || step1 === 'sent' || step1 === 'needless') return;
    step1 = 'sent';
    peer.send(encodeSyncStep1(room.stateVector()));
  };
  const sendStep1Later = () => {
    if (step1 !== 'unsent') return;
    step1 = 'scheduled';
    setImmediate(() => room.run(sendStep1).catch(() => refuse(CloseCode.roomUnavailable, 'room unavailable')));
  };
  void room.run(() => {
    if (closed) return;
    if (!room.cold) sendStep1();
    const states = [...room.awareness.getStates().keys()];
    if (states.length > 0) peer.send(encodeAwareness(room.awareness, states));
  });

  const handle = async (message: InboundMessage) => {
    switch (message.type) {
      case 'sync-step1': {
        // Encoded now, in queue order; sent once what it holds is stored.
        const fresh = isEmptyStateVector(message.stateVector);
        if (fresh && step1 === 'unsent') step1 = 'needless';
        const answer = fresh ? room.fullSyncStep2() : encodeSyncStep2(room.doc, message.stateVector);
        room.afterStored(() => peer.send(answer));
        return;
      }
      case 'sync-update':
        return handleUpdate(message.update);
      case 'awareness':
        return handleAwareness(message);
      case 'query-awareness':
        peer.send(encodeAwareness(room.awareness, [...room.awareness.getStates().keys()]));
        return;
    }
  };

  const handleUpdate = (update: Uint8Array) => {
    // Nothing to check or store (checkUpdate would call it a no-op), and no reason to build a cold room's document.
    if (isEmptyUpdate(update)) return;
    const check = checkUpdate(room.doc, update, { maxContentChars: LIMITS.cardText * 20 });
    if (!check.ok) {
      const code = check.reason === 'malformed' ? CloseCode.badMessage : check.reason === 'too_large' ? CloseCode.tooLarge : CloseCode.forbidden;
      room.log.info({ reason: check.reason, detail: check.detail }, 'direct write refused');
      return refuse(code, `update refused: ${check.reason}: ${check.detail}`);
    }
    if (check.noop) return;
    // Participants and observers write through commands; a direct write is an attack or a bug.
    if (!info.canWrite) return refuse(CloseCode.forbidden, 'read-only connection');
    if (!room.hasRoomFor(update.byteLength)) return refuse(CloseCode.tooLarge, 'update refused: the board is full');
    // Not awaited: the room takes the next message while this one is being stored.
    room.applyClientUpdate(update, peer).catch((error: unknown) => {
      if (!(error instanceof StorageError)) room.log.warn({ err: error }, 'update failed');
    });
  };

  // A connection speaks for one awareness client id: the first one it sends that no other
  // connection in the room holds. Stock clients echo the states of others; those entries are
  // dropped, so nobody can overwrite or remove another's presence.
  const handleAwareness = (message: Extract<InboundMessage, { type: 'awareness' }>) => {
    if (info.awarenessClientId === null) {
      const held = new Set([...room.peers.values()].map((p) => p.awarenessClientId));
      const own = message.entries.find((e) => !held.has(e.clientId) && !room.awareness.getStates().has(e.clientId));
      if (own) info.awarenessClientId = own.clientId;
    }
    const mine = message.entries.filter((e) => e.clientId === info.awarenessClientId);
    if (mine.length === 0) return;
    if (mine.some((e) => e.stateBytes > LIMITS.awarenessStateBytes)) return refuse(CloseCode.tooLarge, 'awareness state too large');
    const now = Date.now();
    if (now - bucket.windowStart >= 1000) bucket = { windowStart: now, count: 0 };
    if (++bucket.count > AWARENESS_PER_SECOND) return;
    awarenessProtocol.applyAwarenessUpdate(room.awareness, encodeAwarenessEntries(mine), peer);
  };

  return {
    onMessage(data) {
      if (closed) return;
      if (data.byteLength > maxBytes) return refuse(CloseCode.tooLarge, 'message too large');
      let message: InboundMessage;
      try {
        message = decodeMessage(data);
      } catch {
        return refuse(CloseCode.badMessage, 'malformed message');
      }
      room.run(async () => {
        if (closed) return;
        await handle(message);
        sendStep1Later();
      }).catch((error: unknown) => {
        // The stored state did not build: the room is broken, not the message.
        if (error instanceof AppError && error.code === 'room_unavailable') return refuse(CloseCode.roomUnavailable, 'room unavailable');
        room.log.warn({ err: error }, 'message failed');
        refuse(CloseCode.badMessage, 'message failed');
      });
    },
    onClose() {
      if (closed) return;
      closed = true;
      room.peers.delete(peer);
      if (info.awarenessClientId !== null) {
        awarenessProtocol.removeAwarenessStates(room.awareness, [info.awarenessClientId], null);
      }
    },
  };
}


/** A close reason within the 123 bytes of UTF-8 a websocket close frame holds (ws throws beyond). */
export function fitCloseReason(reason: string): string {
  const encoder = new TextEncoder();
  if (encoder.encode(reason).byteLength <= 123) return reason;
  let out = '';
  for (const char of reason) {
    if (encoder.encode(out + char).byteLength > 120) break;
    out += char;
  }
  return `${out}…`;
}
