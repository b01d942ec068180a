import { randomUUID } from 'node:crypto';
import * as prng from 'lib0/prng';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { createSessionAsAdmin, joinAs } from '../support/api';
import { connectBoard, connectControl, request, whenConnected, whenSynced } from '../support/clients';
import { rawBoardSocket, syncUpdateFrame } from '../support/raw';
import { useTestServer } from '../support/lifecycle';

describe('malformed y-sync traffic', () => {
  const test = useTestServer();

  async function setup() {
    const { session, facilitatorToken } = await createSessionAsAdmin(test.server.url);
    const room = session.boards[0].room;
    const reference = connectBoard(test.server.url, room, facilitatorToken);
    test.defer(() => reference.destroy());
    await whenSynced(reference.provider);
    return { session, facilitatorToken, room, before: Y.encodeStateAsUpdate(reference.doc) };
  }

  async function stateOf(room: string, token: string) {
    const reader = connectBoard(test.server.url, room, token);
    test.defer(() => reader.destroy());
    await whenSynced(reader.provider);
    return Y.encodeStateAsUpdate(reader.doc);
  }

  it('refuses updates with a cut delete set or unknown clocks and keeps the document byte-identical', async () => {
    const { facilitatorToken, room, before } = await setup();
    const base = new Y.Doc();
    Y.applyUpdate(base, before);
    const updates: Uint8Array[] = [];
    base.on('update', (u: Uint8Array) => updates.push(u));
    base.getMap('cards').set('a', 'one');
    base.getMap('cards').set('b', 'two');
    base.getMap('cards').delete('a');

    const foreign = new Y.Doc();
    foreign.getMap('cards').set('x', 'y');
    foreign.getMap('cards').delete('x');
    const foreignDeletes = Y.encodeStateAsUpdate(foreign, Y.encodeStateVector(foreign));

    const cutDeleteSet = updates[2].slice(0, updates[2].length - 1);
    const codes: number[] = [];
    for (const update of [updates[1], cutDeleteSet, foreignDeletes]) {
      const raw = rawBoardSocket(test.server.url, room, facilitatorToken);
      await raw.opened;
      raw.ws.send(syncUpdateFrame(update));
      codes.push(await raw.closed);
    }
    // A gap in a clock and deletions of unknown structs depend on what the room lacks (4403); a
    // cut delete set cannot be decoded (4400).
    expect(codes).toEqual([4403, 4400, 4403]);
    expect(await stateOf(room, facilitatorToken)).toEqual(before);
  });

  it('closes a 50 MB frame before buffering it and keeps serving', async () => {
    const { facilitatorToken, room, before } = await setup();
    const raw = rawBoardSocket(test.server.url, room, facilitatorToken);
    await raw.opened;
    raw.ws.send(new Uint8Array(50 * 1024 * 1024));
    expect(await raw.closed).toBe(1009);
    expect((await fetch(`${test.server.url}/healthz`)).status).toBe(200);
    expect(await stateOf(room, facilitatorToken)).toEqual(before);
  });

  it('survives seeded random frames: stays up, other rooms flow, memory equals storage', async () => {
    const { facilitatorToken, room, before } = await setup();
    const { session: other } = await createSessionAsAdmin(test.server.url, '別の部屋');
    const p = await joinAs(test.server.url, other.joinCode, '田中');
    const otherBoard = connectBoard(test.server.url, p.boards[0].room, p.token);
    test.defer(() => otherBoard.destroy());
    await whenSynced(otherBoard.provider);
    const control = connectControl(test.server.url, p.token);
    test.defer(() => control.close());
    await whenConnected(control);

    const valid = new Y.Doc();
    Y.applyUpdate(valid, before);
    const updates: Uint8Array[] = [];
    valid.on('update', (u: Uint8Array) => updates.push(u));
    valid.getMap('cards').set('k', new Y.Map<unknown>([['id', 'k'], ['kind', 'idea'], ['text', '偽物'], ['authorId', 'p'], ['anonymous', true], ['createdAt', new Date().toISOString()]]));
    const seedFrames = [syncUpdateFrame(updates[0]), Uint8Array.from([0, 0, 1, 0]), Uint8Array.from([1, 1, 5, 1, 1, 2, 123, 125])];

    const gen = prng.create(20261126);
    const raw = () => rawBoardSocket(test.server.url, room, facilitatorToken);
    let socket = raw();
    await socket.opened;
    for (let i = 0; i < 300; i++) {
      let frame: Uint8Array;
      if (prng.bool(gen)) frame = prng.uint8Array(gen, prng.int31(gen, 0, 64));
      else {
        frame = Uint8Array.from(prng.oneOf(gen, seedFrames));
        const flips = prng.int31(gen, 1, 3);
        for (let f = 0; f < flips && frame.length > 0; f++) frame[prng.int31(gen, 0, frame.length - 1)] = prng.uint32(gen, 0, 255);
        if (prng.bool(gen)) frame = frame.slice(0, prng.int31(gen, 0, frame.length));
      }
      if (socket.ws.readyState !== socket.ws.OPEN) {
        await socket.closed;
        socket = raw();
        await socket.opened;
      }
      socket.ws.send(frame);
      if (i % 50 === 0) {
        const id = randomUUID();
        expect(await request(control, 'card:add', { room: p.boards[0].room, id, kind: 'idea', text: `fuzz ${i}` })).toMatchObject({ ok: true });
        await vi.waitFor(() => expect(otherBoard.doc.getMap('cards').has(id)).toBe(true));
      }
    }
    socket.ws.close();
    expect((await fetch(`${test.server.url}/healthz`)).status).toBe(200);

    // Whatever the fuzz got accepted, what is in memory is exactly what was stored.
    const live = await stateOf(room, facilitatorToken);
    await test.restart();
    const reloaded = await stateOf(room, facilitatorToken);
    const a = new Y.Doc();
    const b = new Y.Doc();
    Y.applyUpdate(a, live);
    Y.applyUpdate(b, reloaded);
    expect(b.toJSON()).toEqual(a.toJSON());
    expect(Y.encodeStateVector(b)).toEqual(Y.encodeStateVector(a));
  });
});
