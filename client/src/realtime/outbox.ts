import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorBody } from '../../../shared/protocol';
import type { CommandPayload, ControlChannel } from './control';
import { newId } from './ids';
import { loadStoredCards, type StoredCard, storeCards } from './outbox-store';

/** Where one written card stands: on its way, stored by the server, or refused. */
export type DeliveryState = 'sending' | 'saved' | 'failed';

/** One card this person wrote on this device and the server has not (yet) confirmed, or just did. */
export interface OutboxEntry {
  payload: CommandPayload<'card:add'>;
  state: DeliveryState;
  error?: ErrorBody;
  /** True once the card has been seen on the board. */
  seen?: boolean;
  /** True once the card is kept on the device (IndexedDB), so a reload does not lose it. */
  stored?: boolean;
}

/** A new card as the form gives it: everything but the room and the id. */
export type NewCard = Omit<CommandPayload<'card:add'>, 'room' | 'id'>;


function toStored(entries: OutboxEntry[]): StoredCard[] {
  return entries.flatMap((e) => (e.state === 'saved' ? [] : [{ payload: e.payload, state: e.state, ...(e.error ? { error: e.error } : {}) }]));
}

/**
 * Send `card:add` commands and follow each until its ack. Each card gets its id here, so a
 * command sent again after a dropped connection (its ack lost with it) adds nothing twice.
 * Unconfirmed cards are kept in IndexedDB under `storageKey` (one per person and session) and
 * sent again when the page loads, so neither a reload nor dead Wi-Fi loses them.
 */
export function useCardOutbox(channel: ControlChannel | null, room: string | undefined, storageKey: string) {
  const [entries, setEntries] = useState<OutboxEntry[]>([]);
  const [loaded, setLoaded] = useState(false);
  const unanswered = useRef(new Map<string, CommandPayload<'card:add'>>());
  const writes = useRef<Promise<unknown>>(Promise.resolve());

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

  // What an earlier page left unsent comes back first, with the same ids.
  useEffect(() => {
    let current = true;
    setLoaded(false);
    void loadStoredCards(storageKey).then((stored) => {
      if (!current) return;
      for (const card of stored) if (card.state === 'sending') unanswered.current.set(card.payload.id, card.payload);
      setEntries((list) => {
        const known = new Set(list.map((e) => e.payload.id));
        const restored = stored.filter((c) => !known.has(c.payload.id)).map((c): OutboxEntry => ({ ...c, stored: true }));
        return [...restored, ...list];
      });
      setLoaded(true);
    });
    return () => {
      current = false;
    };
  }, [storageKey]);

  // Keep the unconfirmed cards on the device after every change, one write after another.
  useEffect(() => {
    if (!loaded) return;
    const kept = toStored(entries);
    writes.current = writes.current.then(async () => {
      if (!(await storeCards(storageKey, kept))) return;
      const ids = new Set(kept.map((c) => c.payload.id));
      setEntries((list) => {
        const next = list.map((e) => (ids.has(e.payload.id) && !e.stored ? { ...e, stored: true } : e));
        return next.some((e, i) => e !== list[i]) ? next : list;
      });
    });
  }, [entries, loaded, storageKey]);

  useEffect(() => {
    if (!channel || !loaded) return;
    if (channel.isConnected()) for (const payload of unanswered.current.values()) deliver(payload);
    // An ack lost with a dropped connection never comes: send again what is unanswered.
    return channel.onConnect(() => {
      for (const payload of unanswered.current.values()) deliver(payload);
    });
  }, [channel, deliver, loaded]);

  /** Send a new card to the hook's room, or to `to` (a facilitator writing for someone at their table). */
  const add = useCallback(
    (card: NewCard, to?: string) => {
      const target = to ?? room;
      if (!target) return;
      const payload = { ...card, room: target, id: newId() };
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
