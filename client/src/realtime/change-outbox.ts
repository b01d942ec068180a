import { useCallback, useEffect, useRef, useState } from 'react';
import type { Ack, ErrorBody } from '../../../shared/protocol';
import type { ControlChannel } from './control';
import { newId } from './ids';
import { changeKey, loadStoredChanges, type StoredChange, storeChanges } from './outbox-store';

/** One pending change: an edit or withdrawal of one's own card, a 共感 mark, or a comment. */
export type ChangeEntry = StoredChange;

/** What a queued change resolves with: done, or the server's refusal. */
export type ChangeAck = Ack<object>;

const REPLACED: ChangeAck = { ok: false, error: { code: 'conflict', message: 'replaced by a newer change' } satisfies ErrorBody };

/** Whether the server's answer settles the change for good. */
function isDone(entry: ChangeEntry, ack: ChangeAck): boolean {
  // A withdrawal the server no longer finds (`not_found`: its first ack was lost) counts as done.
  return ack.ok || (entry.event === 'card:delete' && ack.error.code === 'not_found');
}

/**
 * Changes a participant makes to the board besides new cards — edits and withdrawals of their
 * own cards, 共感 marks, comments — kept on the device (IndexedDB) until the server
 * acknowledges them, and sent again on every reconnection and after a reload, as new cards are
 * (`useCardOutbox`). One change per key is kept (`changeKey`). Every command is idempotent: a
 * mark is sent as the state wanted, a comment carries its own id.
 */
export function useChangeOutbox(channel: ControlChannel | null, storageKey: string) {
  const [entries, setEntries] = useState<ChangeEntry[]>([]);
  const [loaded, setLoaded] = useState(false);
  const waiting = useRef(new Map<string, (ack: ChangeAck) => void>());
  const writes = useRef<Promise<unknown>>(Promise.resolve());

  const settle = useCallback((entry: ChangeEntry, ack: ChangeAck) => {
    const done = isDone(entry, ack);
    const key = changeKey(entry);
    setEntries((list) =>
      list.flatMap((e) => {
        // A newer change with the same key replaced this one meanwhile: it stands.
        if (e !== entry) return [e];
        // A refused mark is dropped (the screen goes back to the server's count); the rest wait to be retried or dropped.
        if (done || entry.event === 'reaction:toggle') return [];
        return [{ ...e, state: 'failed' as const, error: ack.ok ? undefined : ack.error }];
      }),
    );
    waiting.current.get(key)?.(done ? { ok: true } : ack);
    waiting.current.delete(key);
  }, []);

  const deliver = useCallback(
    (entry: ChangeEntry) => {
      if (!channel) return;
      let sent: Promise<ChangeAck>;
      switch (entry.event) {
        case 'card:edit':
          sent = channel.send('card:edit', entry.payload);
          break;
        case 'card:delete':
          sent = channel.send('card:delete', entry.payload);
          break;
        case 'reaction:toggle':
          sent = channel.send('reaction:toggle', entry.payload);
          break;
        case 'comment:add':
          sent = channel.send('comment:add', entry.payload);
          break;
      }
      void sent.then((ack) => settle(entry, ack));
    },
    [channel, settle],
  );

  useEffect(() => {
    let current = true;
    setLoaded(false);
    void loadStoredChanges(storageKey).then((stored) => {
      if (!current) return;
      setEntries((list) => [...stored.filter((s) => !list.some((e) => changeKey(e) === changeKey(s))), ...list]);
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
    (entry: ChangeEntry): Promise<ChangeAck> => {
      const key = changeKey(entry);
      setEntries((list) => [...list.filter((e) => changeKey(e) !== key), entry]);
      const answered = new Promise<ChangeAck>((resolve) => {
        waiting.current.get(key)?.(REPLACED);
        waiting.current.set(key, resolve);
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
  /** Mark (`on`) or unmark a card with 共感; a later mark of the same card replaces one not yet sent. */
  const react = useCallback((room: string, cardId: string, on: boolean) => queue({ event: 'reaction:toggle', payload: { room, cardId, on }, state: 'sending' }), [queue]);
  /** Comment on a card; resolves with the server's ack. */
  const comment = useCallback((room: string, cardId: string, text: string) => queue({ event: 'comment:add', payload: { room, id: newId(), cardId, text }, state: 'sending' }), [queue]);
  /** Give up a refused change, by the key it is kept under (`changeKey`). */
  const drop = useCallback((key: string) => setEntries((list) => list.filter((e) => changeKey(e) !== key)), []);

  return { entries, edit, withdraw, react, comment, drop };
}

/** The outbox's interface for the parts of the board that queue through it. */
export type ChangeOutbox = ReturnType<typeof useChangeOutbox>;
