import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorBody } from '../../../shared/protocol';
import type { CommandPayload, ControlChannel } from './control';

/** Where one written card stands: on its way, stored by the server, or refused. */
export type DeliveryState = 'sending' | 'saved' | 'failed';

/** One card this person wrote on this page. */
export interface OutboxEntry {
  payload: CommandPayload<'card:add'>;
  state: DeliveryState;
  error?: ErrorBody;
  /** True once the card has been seen on the board. */
  seen?: boolean;
}

/** A new card as the form gives it: everything but the room and the id. */
export type NewCard = Omit<CommandPayload<'card:add'>, 'room' | 'id'>;

/**
 * A random RFC 4122 version 4 id. Hand-written because `crypto.randomUUID` exists only in
 * secure contexts, and phones reach a venue laptop over plain http on the LAN.
 */
export function newCardId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Send `card:add` commands and follow each until its ack. Each card gets its id here, so a
 * command sent again after a dropped connection (its ack lost with it) adds nothing twice.
 */
export function useCardOutbox(channel: ControlChannel | null, room: string | undefined) {
  const [entries, setEntries] = useState<OutboxEntry[]>([]);
  const unanswered = useRef(new Map<string, CommandPayload<'card:add'>>());

  const settle = useCallback((id: string, next: Partial<OutboxEntry>) => {
    setEntries((list) => list.map((entry) => (entry.payload.id === id ? { ...entry, ...next } : entry)));
  }, []);

  const deliver = useCallback(
    (payload: CommandPayload<'card:add'>) => {
      if (!channel) return;
      void channel.send('card:add', payload).then((ack) => {
        if (!unanswered.current.delete(payload.id)) return;
        settle(payload.id, ack.ok ? { state: 'saved', error: undefined } : { state: 'failed', error: ack.error });
      });
    },
    [channel, settle],
  );

  useEffect(() => {
    if (!channel) return;
    if (channel.isConnected()) for (const payload of unanswered.current.values()) deliver(payload);
    // An ack lost with a dropped connection never comes: send again what is unanswered.
    return channel.onConnect(() => {
      for (const payload of unanswered.current.values()) deliver(payload);
    });
  }, [channel, deliver]);

  const add = useCallback(
    (card: NewCard) => {
      if (!room) return;
      const payload = { ...card, room, id: newCardId() };
      unanswered.current.set(payload.id, payload);
      setEntries((list) => [...list, { payload, state: 'sending' }]);
      if (channel?.isConnected()) deliver(payload);
    },
    [channel, deliver, room],
  );

  const retry = useCallback(
    (id: string) => {
      const entry = entries.find((e) => e.payload.id === id);
      if (!entry || entry.state !== 'failed') return;
      unanswered.current.set(id, entry.payload);
      settle(id, { state: 'sending', error: undefined });
      if (channel?.isConnected()) deliver(entry.payload);
    },
    [channel, deliver, entries, settle],
  );

  const forget = useCallback((id: string) => {
    unanswered.current.delete(id);
    setEntries((list) => list.filter((entry) => entry.payload.id !== id));
  }, []);

  /**
   * Follow the board: note the cards that arrived, and drop the ones that were on the board
   * and left it (withdrawn here, or removed by the facilitator).
   */
  const reconcile = useCallback((present: ReadonlySet<string>) => {
    setEntries((list) => {
      const next = list
        .filter((entry) => !(entry.seen && !present.has(entry.payload.id)))
        .map((entry) => (!entry.seen && present.has(entry.payload.id) ? { ...entry, seen: true } : entry));
      const changed = next.length !== list.length || next.some((entry, i) => entry !== list[i]);
      return changed ? next : list;
    });
  }, []);

  return { entries, add, retry, forget, reconcile };
}
