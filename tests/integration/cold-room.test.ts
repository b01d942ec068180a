import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { putCard, readCards } from '../../shared/board/model';
import { createSessionAsAdmin, joinAs } from '../support/api';
import { connectControl, request, whenConnected } from '../support/clients';
import { rawBoardSocket, syncUpdateFrame } from '../support/raw';
import { startTestServer, type TestServer } from '../support/server';

/** Sync step 1 with an empty state vector: what a fresh stock client sends first. */
const STEP1_EMPTY = new Uint8Array([0, 0, 1, 0]);

function syncStep1(stateVector: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint8Array(e, stateVector);
  return encoding.toUint8Array(e);
}

/** What the SQLite file holds for a room (snapshot, then its log in order), as a document. */
function storedDoc(dataDir: string, room: string): Y.Doc {
  const db = new Database(path.join(dataDir, 'yoriai.sqlite'), { readonly: true });
  try {
    const doc = new Y.Doc();
    const snap = db.prepare('select data from doc_snapshots where room = ?').get(room) as { data: Buffer } | undefined;
    if (snap) Y.applyUpdate(doc, snap.data);
    for (const row of db.prepare('select data from doc_updates where room = ? order by id').all(room) as Array<{ data: Buffer }>) {
      Y.applyUpdate(doc, row.data);
    }
    return doc;
  } finally {
    db.close();
  }
}

function logRows(dataDir: string, room: string): number {
  const db = new Database(path.join(dataDir, 'yoriai.sqlite'), { readonly: true });
  try {
    return (db.prepare('select count(*) n from doc_updates where room = ?').get(room) as { n: number }).n;
  } finally {
    db.close();
  }
}

/** Append an update to a room's log straight into the file, as a crash before compaction leaves it. */
function appendRow(dataDir: string, room: string, update: Uint8Array): void {
  const db = new Database(path.join(dataDir, 'yoriai.sqlite'));
  try {
    db.prepare('insert into doc_updates (room, data, created_at) values (?, ?, ?)').run(room, Buffer.from(update), new Date().toISOString());
  } finally {
    db.close();
  }
}

/** The change that adds one card to `base`, made by a new client. */
function cardUpdate(base: Y.Doc, text: string): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
  const before = Y.encodeStateVector(doc);
  putCard(doc, { id: randomUUID(), kind: 'issue', text, authorId: randomUUID(), anonymous: true, createdAt: new Date().toISOString() });
  return Y.encodeStateAsUpdate(doc, before);
}

/** Connect a fresh protocol-level client, send an empty step 1, and return the document the server's step 2 builds. */
async function freshSync(url: string, room: string, token: string): Promise<{ doc: Y.Doc; raw: ReturnType<typeof rawBoardSocket> }> {
  const raw = rawBoardSocket(url, room, token);
  const step2 = new Promise<Uint8Array>((resolve) => raw.ws.on('message', (data: Buffer) => data[0] === 0 && data[1] === 1 && resolve(new Uint8Array(data))));
  await raw.opened;
  raw.ws.send(STEP1_EMPTY);
  const decoder = decoding.createDecoder(await step2);
  decoding.readVarUint(decoder);
  decoding.readVarUint(decoder);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
  return { doc, raw };
}

/** Whether the room's document is still only its stored bytes (the room is held for the look). */
async function isCold(server: TestServer, room: string): Promise<boolean> {
  return server.app.rooms.withRoom(room, (r) => r.cold);
}

describe('a cold room (not in memory) answers from its stored bytes', () => {
  const servers: TestServer[] = [];
  const closers: Array<() => void> = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) close();
    for (const s of servers.splice(0)) await s.close();
  });

  /** A session with `cards` cards, then a restart: the room is stored as a snapshot and nothing is in memory. */
  async function coldSession(cards: number) {
    const first = await startTestServer();
    const { session, facilitatorToken } = await createSessionAsAdmin(first.url);
    const p = await joinAs(first.url, session.joinCode, '田中');
    const room = p.boards[0].room;
    const socket = connectControl(first.url, p.token);
    await whenConnected(socket);
    for (let i = 0; i < cards; i++) {
      const ack = await request(socket, 'card:add', { room, id: randomUUID(), kind: 'issue', text: `カード${i}` });
      expect(ack.ok).toBe(true);
    }
    socket.close();
    await first.stop();
    return { dataDir: first.dataDir, room, facilitatorToken, participantToken: p.token };
  }

  async function restart(dataDir: string) {
    const server = await startTestServer({ dataDir });
    servers.push(server);
    return server;
  }

  it('gives a fresh client exactly the stored board, and builds no document for it', async () => {
    const { dataDir, room, participantToken } = await coldSession(12);
    expect(logRows(dataDir, room)).toBe(0);
    const stored = storedDoc(dataDir, room);
    const server = await restart(dataDir);
    expect(server.app.rooms.loadedRooms()).toEqual([]);

    const { doc, raw } = await freshSync(server.url, room, participantToken);
    closers.push(() => raw.ws.close());
    expect(Y.encodeStateAsUpdate(doc)).toEqual(Y.encodeStateAsUpdate(stored));
    expect(readCards(doc).filter((c) => c.text.startsWith('カード'))).toHaveLength(12);
    expect(await isCold(server, room)).toBe(true);

    // A peer that already has the board: answered with what it lacks (nothing), and asked by the
    // server's own step 1 for what the room lacks.
    const known = rawBoardSocket(server.url, room, participantToken);
    closers.push(() => known.ws.close());
    await known.opened;
    known.ws.send(syncStep1(Y.encodeStateVector(stored)));
    await expect.poll(() => known.messages.some((m) => m[0] === 0 && m[1] === 0)).toBe(true);
    const step1 = known.messages.find((m) => m[0] === 0 && m[1] === 0)!;
    expect(step1.slice(3)).toEqual(Y.encodeStateVector(stored));
    const step2 = known.messages.find((m) => m[0] === 0 && m[1] === 1)!;
    const lacking = new Y.Doc();
    Y.applyUpdate(lacking, Y.encodeStateAsUpdate(stored));
    Y.applyUpdate(lacking, step2.slice(3));
    expect(Y.encodeStateAsUpdate(lacking)).toEqual(Y.encodeStateAsUpdate(stored));
  });

  it('merges a log left by a crash with the snapshot before answering', async () => {
    const { dataDir, room, participantToken } = await coldSession(3);
    appendRow(dataDir, room, cardUpdate(storedDoc(dataDir, room), '落ちる前の一枚'));
    appendRow(dataDir, room, cardUpdate(storedDoc(dataDir, room), '二枚目'));
    const stored = storedDoc(dataDir, room);
    const server = await restart(dataDir);

    const { doc, raw } = await freshSync(server.url, room, participantToken);
    closers.push(() => raw.ws.close());
    expect(Y.encodeStateAsUpdate(doc)).toEqual(Y.encodeStateAsUpdate(stored));
    expect(readCards(doc).map((c) => c.text)).toEqual(expect.arrayContaining(['落ちる前の一枚', '二枚目']));
    expect(await isCold(server, room)).toBe(true);
  });

  it('checks and stores a write that arrives before the document is built, and still refuses bad ones', async () => {
    const { dataDir, room, facilitatorToken, participantToken } = await coldSession(2);
    const base = storedDoc(dataDir, room);
    const server = await restart(dataDir);

    // A dangling write (its structs start past what the room has) as the first thing on a cold room.
    const ahead = new Y.Doc();
    Y.applyUpdate(ahead, Y.encodeStateAsUpdate(base));
    putCard(ahead, { id: randomUUID(), kind: 'issue', text: '一', authorId: 'a', anonymous: true, createdAt: new Date().toISOString() });
    const skipped = Y.encodeStateVector(ahead);
    putCard(ahead, { id: randomUUID(), kind: 'issue', text: '二', authorId: 'a', anonymous: true, createdAt: new Date().toISOString() });
    const dangling = Y.encodeStateAsUpdate(ahead, skipped);
    const bad = rawBoardSocket(server.url, room, facilitatorToken);
    bad.ws.on('open', () => bad.ws.send(syncUpdateFrame(dangling)));
    expect(await bad.closed).toBe(4403);

    // A read-only participant's direct write is refused as before.
    const reader = rawBoardSocket(server.url, room, participantToken);
    reader.ws.on('open', () => reader.ws.send(syncUpdateFrame(cardUpdate(base, '参加者の直書き'))));
    expect(await reader.closed).toBe(4403);
    expect(logRows(dataDir, room)).toBe(0);

    // Let the room go, so the facilitator's write meets it cold again.
    await expect.poll(() => server.app.rooms.loadedRooms()).toEqual([]);
    const good = rawBoardSocket(server.url, room, facilitatorToken);
    closers.push(() => good.ws.close());
    good.ws.on('open', () => good.ws.send(syncUpdateFrame(cardUpdate(base, 'ファシリテーターの一枚'))));
    await expect.poll(() => logRows(dataDir, room)).toBe(1);
    expect(readCards(storedDoc(dataDir, room)).map((c) => c.text)).toContain('ファシリテーターの一枚');
    expect(await isCold(server, room)).toBe(false);

    const { doc, raw } = await freshSync(server.url, room, participantToken);
    closers.push(() => raw.ws.close());
    expect(Y.encodeStateAsUpdate(doc)).toEqual(Y.encodeStateAsUpdate(storedDoc(dataDir, room)));
  });

  it('closes the room when a stored snapshot does not parse, and never replaces it', async () => {
    const { dataDir, room, participantToken } = await coldSession(1);
    const db = new Database(path.join(dataDir, 'yoriai.sqlite'));
    db.prepare('update doc_snapshots set data = ? where room = ?').run(Buffer.from([1, 2, 3, 250, 251]), room);
    db.close();
    const server = await restart(dataDir);
    const raw = rawBoardSocket(server.url, room, participantToken);
    await raw.opened;
    raw.ws.send(STEP1_EMPTY);
    expect(await raw.closed).toBe(4500);
    await expect.poll(() => server.app.rooms.loadedRooms()).toEqual([]);
    await server.stop();
    const after = new Database(path.join(dataDir, 'yoriai.sqlite'), { readonly: true });
    closers.push(() => after.close());
    expect(after.prepare('select data from doc_snapshots where room = ?').get(room)).toEqual({ data: Buffer.from([1, 2, 3, 250, 251]) });
  });
});
