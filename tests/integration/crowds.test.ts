import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readCards } from '../../shared/board/model';
import * as Y from 'yjs';
import { createSessionAsAdmin, joinAs } from '../support/api';
import { connectBoard, connectControl, request, whenConnected, whenSynced } from '../support/clients';
import { stalledBoardSocket } from '../support/raw';
import { storedUpdateCount } from '../support/stored';
import { startTestServer, type TestServer } from '../support/server';

// The heavy variant runs with CROWD=500 (npm run test:soak).
const CROWD = Number(process.env.CROWD ?? 100);

describe('crowds and slow readers', () => {
  const servers: TestServer[] = [];
  const cleanups: Array<() => void> = [];
  afterEach(async () => {
    for (const fn of cleanups.splice(0)) fn();
    for (const s of servers.splice(0)) await s.close().catch(() => undefined);
  });

  it(`resyncs ${CROWD} clients reconnecting at once after a restart, with no duplicate cards`, async () => {
    const first = await startTestServer();
    const port = Number(new URL(first.url).port);
    const { api, session } = await createSessionAsAdmin(first.url);
    // A session admits 300 identities unless its facilitator raises the limit (test:soak joins 500).
    if (CROWD > session.participantCap) await api.json('PATCH', `/api/sessions/${session.id}`, { participantCap: CROWD });
    const room = session.boards[0].room;
    const people = await Promise.all(Array.from({ length: CROWD }, (_, i) => joinAs(first.url, session.joinCode, `参加者${i}`)));
    const boards = people.map((p) => connectBoard(first.url, room, p.token));
    cleanups.push(() => boards.forEach((b) => b.destroy()));
    await Promise.all(boards.map((b) => whenSynced(b.provider)));
    const writers = people.slice(0, 20).map((p) => ({ p, socket: connectControl(first.url, p.token) }));
    cleanups.push(() => writers.forEach((w) => w.socket.close()));
    await Promise.all(writers.map((w) => whenConnected(w.socket)));
    const payloads = writers.map((w, i) => ({ room, id: randomUUID(), kind: 'idea', text: `案 ${i}` }));
    await Promise.all(writers.map((w, i) => request(w.socket, 'card:add', payloads[i])));
    await vi.waitFor(() => expect(boards.every((b) => readCards(b.doc).length === 20)).toBe(true), { timeout: 20_000 });

    await first.stop();
    await vi.waitFor(() => expect(boards.every((b) => !b.provider.wsconnected)).toBe(true));
    // Rooms stay in memory while the test counts the log: an eviction would fold it into a snapshot.
    const second = await startTestServer({ dataDir: first.dataDir, port, roomIdleMs: 600_000 });
    servers.push(second);
    // Phones replay what they sent (an outbox that never saw its ack would do the same).
    const again = writers.map((w) => connectControl(second.url, w.p.token));
    cleanups.push(() => again.forEach((s) => s.close()));
    await Promise.all(again.map((s) => whenConnected(s)));
    const stored = await storedUpdateCount(second, room);
    const acks = await Promise.all(again.map((s, i) => request(s, 'card:add', payloads[i])));
    expect(acks.every((a) => a.ok)).toBe(true);
    const extra = randomUUID();
    await request(again[0], 'card:add', { room, id: extra, kind: 'issue', text: '再起動後' });

    await vi.waitFor(
      () => {
        expect(boards.every((b) => b.provider.synced && b.doc.getMap('cards').has(extra))).toBe(true);
      },
      { timeout: 60_000, interval: 200 },
    );
    const want = [...payloads.map((p) => p.id), extra].sort();
    for (const b of boards) expect(readCards(b.doc).map((c) => c.id).sort()).toEqual(want);
    // A Y.Map keyed by id cannot show a duplicate: the log shows that the 20 replays stored nothing.
    expect(await storedUpdateCount(second, room)).toBe(stored + 1);
  }, 120_000);

  it('cuts off a board socket that does not read while the room keeps moving', async () => {
    // 18 MB through one room, past the kernel's buffers: more than a board may hold by default.
    const server = await startTestServer({ maxBufferedBytes: 256 * 1024, boardMaxBytes: 64 * 1024 * 1024 });
    servers.push(server);
    const { session, facilitatorToken } = await createSessionAsAdmin(server.url);
    const room = session.boards[0].room;
    const p = await joinAs(server.url, session.joinCode, '遅い人');
    const slow = await stalledBoardSocket(server.url, room, p.token);
    cleanups.push(() => slow.destroy());
    const writer = connectBoard(server.url, room, facilitatorToken);
    cleanups.push(() => writer.destroy());
    await whenSynced(writer.provider);
    // 45 KB a step as separate entries; the kernel's loopback buffers take several MB before
    // the server's own send buffer for the paused socket starts to grow.
    const comments = writer.doc.getMap('comments');
    // Fifteen comments of 1,000 characters (the most one holds) make one step.
    const text = 'あ'.repeat(1000);
    const chunk = { length: 15 * text.length };
    const step = (i: number) =>
      writer.doc.transact(() => {
        for (let k = 0; k < 15; k++) {
          const id = `c${i}-${k}`;
          comments.set(id, new Y.Map<unknown>([['id', id], ['cardId', 'card'], ['text', text], ['authorId', 'user:x'], ['createdAt', new Date().toISOString()]]));
        }
      });
    const watcher = connectBoard(server.url, room, facilitatorToken);
    cleanups.push(() => watcher.destroy());
    await whenSynced(watcher.provider);
    const steps = 400;
    for (let i = 0; i < steps; i++) {
      step(i);
      if (i % 25 === 24) await vi.waitFor(() => expect(watcher.doc.getMap('comments').has(`c${i}-14`)).toBe(true), { timeout: 10_000 });
    }
    await vi.waitFor(() => expect(watcher.doc.getMap('comments').size).toBe(steps * 15), { timeout: 10_000 });
    // The frozen phone wakes up: it finds the server hung up on it long before the end.
    slow.resume();
    await slow.closed;
    expect(slow.bytesRead()).toBeLessThan((steps * chunk.length * 3) / 2);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  }, 60_000);
});
