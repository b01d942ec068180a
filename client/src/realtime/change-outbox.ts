import { useCallback, useEffect, useRef, useState } from 'react';
import type { CommandAck, ControlChannel } from './control';
import { loadStoredChanges, type StoredChange, storeChanges } from './outbox-store';

/** One pending edit or withdrawal, by the card it is for. */
export type ChangeEntry = StoredChange;

/**
 * Edits and withdrawals of one's own cards, kept on the device (IndexedDB) until the server
 * acknowledges them, and sent again on every reconnection and after a reload — as new cards
 * are (`useCardOutbox`). One change per card is kept: a later edit replaces an earlier one, a
 * withdrawal replaces an edit. Both commands are idempotent, and a withdrawal the server no
 * longer finds (`not_found`: its first ack was lost) counts as done.
 */
export function useChangeOutbox(channel: ControlChannel | null, storageKey: string) {
  const [entries, setEntries] = useState<ChangeEntry[]>([]);
  const [loaded, setLoaded] = useState(false);
  const waiting = useRef(new Map<string, (ack: CommandAck) => void>());
  const writes = useRef<Promise<unknown>>(Promise.resolve());

  const settle = useCallback((entry: ChangeEntry, ack: CommandAck) => {
    const done = ack.ok || (entry.event === 'card:delete' && ack.error.code === 'not_found');
    setEntries((list) =>
      list.flatMap((e) => {
        // A newer change for the same card replaced this one meanwhile: it stands.
        if (e.payload.id !== entry.payload.id || e !== entry) return [e];
        return done ? [] : [{ ...e, state: 'failed' as const, error: ack.ok ? undefined : ack.error }];
      }),
    );
    waiting.current.get(entry.payload.id)?.(done ? { ok: true, id: entry.payload.id } : ack);
    waiting.current.delete(entry.payload.id);
  }, []);

  const deliver = useCallback(
    (entry: ChangeEntry) => {
      if (!channel) return;
      const sent = entry.event === 'card:edit' ? channel.send('card:edit', entry.payload) : channel.send('card:delete', entry.payload);
      void sent.then((ack) => settle(entry, ack));
    },
    [channel, settle],
  );

  useEffect(() => {
    let current = true;
    setLoaded(false);
    void loadStoredChanges(storageKey).then((stored) => {
      if (!current) return;
      setEntries((list) => [...stored.filter((s) => !list.some((e) => e.payload.id === s.payload.id)), ...list]);
      setLoaded(true);
    });
    return () => {
      current = false;
    };
  }, [storageKey]);

  useEffect(() => {
    if (!loaded) return;
    const kept = entries;
    writes.current = writes.current.then(() => storeChanges(storageKey, kept));
  }, [entries, loaded, storageKey]);

  // Sent on every (re)connection: an ack lost with a dropped connection never comes.
  const entriesRef = useRef(entries);
  entriesRef.current = entries;
  useEffect(() => {
    if (!channel || !loaded) return;
    const sendAll = () => entriesRef.current.filter((e) => e.state === 'sending').forEach(deliver);
    if (channel.isConnected()) sendAll();
    return channel.onConnect(sendAll);
  }, [channel, deliver, loaded]);

  const queue = useCallback(
    (entry: ChangeEntry): Promise<CommandAck> => {
      setEntries((list) => [...list.filter((e) => e.payload.id !== entry.payload.id), entry]);
      const answered = new Promise<CommandAck>((resolve) => {
        waiting.current.get(entry.payload.id)?.({ ok: false, error: { code: 'conflict', message: 'replaced by a newer change' } });
        waiting.current.set(entry.payload.id, resolve);
      });
      if (channel?.isConnected()) deliver(entry);
      return answered;
    },
    [channel, deliver],
  );

  /** Change a card's text; resolves with the server's ack, however long the phone is offline. */
  const edit = useCallback((room: string, id: string, text: string) => queue({ event: 'card:edit', payload: { room, id, text }, state: 'sending' }), [queue]);
  /** Withdraw a card; resolves with the server's ack (or its `not_found` as done). */
  const withdraw = useCallback((room: string, id: string) => queue({ event: 'card:delete', payload: { room, id }, state: 'sending' }), [queue]);
  /** Give up a refused change. */
  const drop = useCallback((id: string) => setEntries((list) => list.filter((e) => e.payload.id !== id)), []);

  return { entries, edit, withdraw, drop };
}
