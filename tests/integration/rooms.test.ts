import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import WebSocket from 'ws';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { readCards } from '../../shared/board/model';
import { createSessionAsAdmin, joinAs } from '../support/api';
import { connectBoard, connectControl, request, whenConnected, whenSynced } from '../support/clients';
import { startTestServer, type TestServer } from '../support/server';

/** Open a raw websocket to a room and resolve when the server closes it. */
function rawSocket(url: string, room: string, token: string) {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/yjs/${room}?token=${token}`);
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  const opened = new Promise<void>((resolve) => ws.on('open', () => resolve()));
  return { ws, closed, opened };
}

describe('rooms', () => {
  const servers: TestServer[] = [];
  const cleanups: Array<() => void> = [];
  afterEach(async () => {
    for (const fn of cleanups.splice(0)) fn();
    for (const s of servers.splice(0)) await s.close();
  });
  async function start(options = {}) {
    const s = await startTestServer(options);
    servers.push(s);
    return s;
  }

  it('loads a room on first use and evicts it when the last client leaves', async () => {
    const server = await start();
    const { session } = await createSessionAsAdmin(server.url);
    const p = await joinAs(server.url, session.joinCode, '田中');
    const room = p.boards[0].room;
    expect(server.app.rooms.loadedRooms()).toEqual([]);
    const board = connectBoard(server.url, room, p.token);
    await whenSynced(board.provider);
    expect(server.app.rooms.loadedRooms()).toEqual([room]);
    board.destroy();
    await vi.waitFor(() => expect(server.app.rooms.loadedRooms()).toEqual([]));
  });

  it('compacts the update log into a snapshot', async () => {
    const server = await start({ compactAfterUpdates: 3 });
    const { session } = await createSessionAsAdmin(server.url);
    const p = await joinAs(server.url, session.joinCode, '田中');
    const socket = connectControl(server.url, p.token);
    cleanups.push(() => socket.close());
    await whenConnected(socket);
    for (let i = 0; i < 5; i++) {
      await request(socket, 'card:add', { room: p.boards[0].room, id: randomUUID(), kind: 'issue', text: `c${i}` });
    }
    await vi.waitFor(() => expect(server.app.rooms.loadedRooms()).toEqual([]));
    const db = new Database(path.join(server.dataDir, 'yoriai.sqlite'), { readonly: true });
    cleanups.push(() => db.close());
    expect(db.prepare('select count(*) n from doc_snapshots').get()).toEqual({ n: 1 });
    expect(db.prepare('select count(*) n from doc_updates').get()).toEqual({ n: 0 });
  });

  it('compacts the log while the room is in use, and what is stored holds every card', async () => {
    const server = await start({ compactAfterUpdates: 10 });
    const { session } = await createSessionAsAdmin(server.url);
    const p = await joinAs(server.url, session.joinCode, '田中');
    const room = p.boards[0].room;
    const board = connectBoard(server.url, room, p.token);
    cleanups.push(() => board.destroy());
    await whenSynced(board.provider);
    const socket = connectControl(server.url, p.token);
    cleanups.push(() => socket.close());
    await whenConnected(socket);
    // Several commands at once: they share commits and are answered once stored.
    const acks = await Promise.all(
      Array.from({ length: 35 }, (_, i) => request(socket, 'card:add', { room, id: randomUUID(), kind: 'issue', text: `カード${i}` })),
    );
    expect(acks.every((a) => a.ok)).toBe(true);
    expect(server.app.rooms.loadedRooms()).toEqual([room]);
    const file = path.join(server.dataDir, 'yoriai.sqlite');
    await vi.waitFor(() => {
      const db = new Database(file, { readonly: true });
      try {
        expect(db.prepare('select count(*) n from doc_snapshots where room = ?').get(room)).toEqual({ n: 1 });
        expect((db.prepare('select count(*) n from doc_updates where room = ?').get(room) as { n: number }).n).toBeLessThan(10);
      } finally {
        db.close();
      }
    });
    // What a crash now would leave: the snapshot and the short log hold every card.
    const db = new Database(file, { readonly: true });
    cleanups.push(() => db.close());
    const stored = new Y.Doc();
    const snap = db.prepare('select data from doc_snapshots where room = ?').get(room) as { data: Buffer };
    Y.applyUpdate(stored, snap.data);
    for (const row of db.prepare('select data from doc_updates where room = ? order by id').all(room) as Array<{ data: Buffer }>) {
      Y.applyUpdate(stored, row.data);
    }
    expect(readCards(stored).filter((c) => c.text.startsWith('カード'))).toHaveLength(35);
  });

  it('refuses a room whose stored data cannot be loaded and never replaces it', async () => {
    const first = await start();
    const { session } = await createSessionAsAdmin(first.url);
    const p = await joinAs(first.url, session.joinCode, '田中');
    await first.stop();
    const file = path.join(first.dataDir, 'yoriai.sqlite');
    const db = new Database(file);
    db.prepare('update doc_updates set data = ?').run(Buffer.from([1, 2, 3, 250, 251]));
    db.close();

    const second = await start({ dataDir: first.dataDir });
    const raw = rawSocket(second.url, p.boards[0].room, p.token);
    expect(await raw.closed).toBe(4500);
    const socket = connectControl(second.url, p.token);
    cleanups.push(() => socket.close());
    await whenConnected(socket);
    const ack = await request(socket, 'card:add', { room: p.boards[0].room, id: randomUUID(), kind: 'issue', text: 'x' });
    expect(ack).toMatchObject({ ok: false, error: { code: 'room_unavailable' } });
    await second.stop();
    const after = new Database(file, { readonly: true });
    cleanups.push(() => after.close());
    expect(after.prepare('select data from doc_updates').all()).toEqual([{ data: Buffer.from([1, 2, 3, 250, 251]) }]);
    expect(after.prepare('select count(*) n from doc_snapshots').get()).toEqual({ n: 0 });
  });

  it('closes a facilitator socket that sends a broken update and leaves the document byte-identical', async () => {
    const server = await start();
    const { session, facilitatorToken } = await createSessionAsAdmin(server.url);
    const room = session.boards[0].room;
    const watcher = connectBoard(server.url, room, facilitatorToken);
    cleanups.push(() => watcher.destroy());
    await whenSynced(watcher.provider);
    const before = Y.encodeStateAsUpdate(watcher.doc);

    const other = new Y.Doc();
    Y.applyUpdate(other, before);
    const updates: Uint8Array[] = [];
    other.on('update', (u: Uint8Array) => updates.push(u));
    other.getMap('cards').set('x', 'y');
    const update = updates[0];
    // Each frame is refused as undecodable (4400), never applied in part.
    const frames = [
      Uint8Array.from([0, 2, update.length, ...update.slice(0, update.length - 3)]), // length past end
      Uint8Array.from([0, 2, update.length - 3, ...update.slice(0, update.length - 3)]), // truncated update
      Uint8Array.from([0, 9, 0]), // unknown sync message
      Uint8Array.from([7]), // unknown message type
      Uint8Array.from([0x80, 0x80]), // truncated varint
    ];
    const codes: number[] = [];
    for (const frame of frames) {
      const raw = rawSocket(server.url, room, facilitatorToken);
      await raw.opened;
      raw.ws.send(frame);
      codes.push(await raw.closed);
    }
    expect(codes).toEqual([4400, 4400, 4400, 4400, 4400]);
    const text = rawSocket(server.url, room, facilitatorToken);
    await text.opened;
    text.ws.send('hello');
    expect(await text.closed).toBe(4400);

    // The server's document is unchanged: a fresh reader gets exactly the state from before.
    const reader = connectBoard(server.url, room, facilitatorToken);
    cleanups.push(() => reader.destroy());
    await whenSynced(reader.provider);
    expect(Y.encodeStateAsUpdate(reader.doc)).toEqual(before);
    expect(readCards(reader.doc)).toEqual([]);
  });

  it('lets a participant who saw a card withdrawn reconnect without being taken for a writer', async () => {
    const server = await start();
    const { session } = await createSessionAsAdmin(server.url);
    const p = await joinAs(server.url, session.joinCode, '田中');
    const room = p.boards[0].room;
    const socket = connectControl(server.url, p.token);
    cleanups.push(() => socket.close());
    await whenConnected(socket);
    const id = randomUUID();
    await request(socket, 'card:add', { room, id, kind: 'issue', text: 'x' });
    const board = connectBoard(server.url, room, p.token);
    cleanups.push(() => board.destroy());
    await whenSynced(board.provider);
    await request(socket, 'card:delete', { room, id });
    await vi.waitFor(() => expect(board.doc.getMap('cards').has(id)).toBe(false));
    board.provider.disconnect();
    await vi.waitFor(() => expect(board.provider.wsconnected).toBe(false));
    // Only closes after our own disconnect count: the server must not close the reconnected socket.
    const closes: number[] = [];
    board.provider.on('connection-close', (event: CloseEvent | null) => closes.push(event?.code ?? -1));
    board.provider.connect();
    await vi.waitFor(() => expect(board.provider.synced).toBe(true));
    const ws = board.provider.ws;
    const next = randomUUID();
    await request(socket, 'card:add', { room, id: next, kind: 'idea', text: 'y' });
    await vi.waitFor(() => expect(board.doc.getMap('cards').has(next)).toBe(true));
    // The reader's answer to sync step 1 went out before the card was asked for; a server that
    // took it for a write closes with 4403 before it relays the card on the same socket.
    expect(closes).toEqual([]);
    expect(board.provider.ws).toBe(ws);
    expect(board.provider.wsconnected).toBe(true);
  });
});
