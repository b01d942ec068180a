import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { DbHandle } from '../../db/connect';
import { openTempSqlite } from '../support/database';
import { createDocStore } from '../../server/rooms/doc-store';
import { AWARENESS_FLUSH_MS, AWARENESS_RENEWAL_MS, Room } from '../../server/rooms/room';
import { encodeAwarenessEntries } from '../../server/rooms/messages';

/** One client's presence as it would send it: `clock` and a JSON state. */
function presence(clientId: number, clock: number, state: unknown): Uint8Array {
  const json = JSON.stringify(state);
  return encodeAwarenessEntries([{ clientId, clock, state: json, stateBytes: json.length } as never]);
}

/** The clocks of the clients in one relayed awareness frame. */
function clocksIn(frame: Uint8Array): Record<number, number> {
  const decoder = decoding.createDecoder(frame);
  decoding.readVarUint(decoder); // message type
  const update = decoding.createDecoder(decoding.readVarUint8Array(decoder));
  const clocks: Record<number, number> = {};
  for (let n = decoding.readVarUint(update); n > 0; n--) {
    const id = decoding.readVarUint(update);
    clocks[id] = decoding.readVarUint(update);
    decoding.readVarString(update);
  }
  return clocks;
}

describe('presence relay', () => {
  const cleanups: Array<() => unknown> = [];
  let handle: DbHandle;
  beforeEach(async () => {
    ({ handle } = await openTempSqlite((fn) => cleanups.push(fn)));
    vi.useFakeTimers();
  });
  afterEach(async () => {
    vi.useRealTimers();
    for (const fn of cleanups.splice(0).reverse()) await fn();
  });

  it('relays a changed state within 100 ms and gathers renewals of an unchanged one for 5 s', () => {
    const room = new Room('r1', createDocStore(handle.db), pino({ level: 'silent' }), () => undefined);
    const sent: Uint8Array[] = [];
    room.peers.set({ send: (data) => sent.push(data), close: () => undefined }, { canWrite: false, awarenessClientId: null });
    const apply = (update: Uint8Array) => awarenessProtocol.applyAwarenessUpdate(room.awareness, update, 'peer');
    const state = { user: { name: '田中' }, view: 'board' };

    apply(presence(7, 1, state));
    vi.advanceTimersByTime(AWARENESS_FLUSH_MS);
    expect(sent.map(clocksIn)).toEqual([{ 7: 1 }]);

    // Renewals: the same state, clocks 2 and 3. Nothing goes out at the change's pace…
    apply(presence(7, 2, state));
    vi.advanceTimersByTime(AWARENESS_FLUSH_MS);
    apply(presence(8, 1, { user: { name: '佐藤' } }));
    vi.advanceTimersByTime(AWARENESS_FLUSH_MS);
    // …except alongside a change, which takes the pending renewal with it.
    expect(sent.map(clocksIn)).toEqual([{ 7: 1 }, { 7: 2, 8: 1 }]);
    apply(presence(7, 3, state));
    vi.advanceTimersByTime(AWARENESS_RENEWAL_MS - 1);
    expect(sent).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sent.map(clocksIn)).toEqual([{ 7: 1 }, { 7: 2, 8: 1 }, { 7: 3 }]);

    // A change after a renewal is waiting brings the flush forward.
    apply(presence(8, 2, { user: { name: '佐藤' } }));
    apply(presence(7, 4, { ...state, view: 'vote' }));
    vi.advanceTimersByTime(AWARENESS_FLUSH_MS);
    expect(sent.map(clocksIn).at(-1)).toEqual({ 7: 4, 8: 2 });
    room.dispose();
  });
});
