import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readCards } from '../../shared/board/model';
import { createSessionAsAdmin, joinAs } from '../support/api';
import { type ChildServer, startChildServer } from '../support/child-server';
import { connectBoard, connectControl, type ControlSocket, request, whenConnected, whenSynced } from '../support/clients';
import { startTestServer } from '../support/server';
import { storedUpdateCountIn } from '../support/stored';

describe('durability', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const fn of cleanups.splice(0).reverse()) await fn();
  });

  async function tempDir() {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'yoriai-durable-'));
    cleanups.push(() => fs.rm(dir, { recursive: true, force: true }));
    return dir;
  }

  // The soak variant runs more rounds (npm run test:soak sets SOAK_ROUNDS).
  const ROUNDS = Number(process.env.SOAK_ROUNDS ?? 2);

  it(`keeps every acknowledged card exactly once through ${ROUNDS} kill -9s during writes`, async () => {
    const dataDir = await tempDir();
    let server: ChildServer = await startChildServer(dataDir);
    cleanups.push(() => server.process.kill('SIGKILL'));
    const { session } = await createSessionAsAdmin(server.url);
    const writers = await Promise.all(['田中', '佐藤', '鈴木'].map((name) => joinAs(server.url, session.joinCode, name)));
    const room = writers[0].boards[0].room;
    const acked = new Set<string>();
    const sent: Array<{ token: string; payload: { room: string; id: string; kind: string; text: string } }> = [];

    for (let round = 0; round < ROUNDS; round++) {
      const sockets: ControlSocket[] = [];
      let killed = false;
      const writeLoop = async (token: string, n: number) => {
        const socket = connectControl(server.url, token);
        sockets.push(socket);
        await whenConnected(socket);
        for (let i = 0; !killed; i++) {
          const payload = { room, id: randomUUID(), kind: 'issue', text: `カード ${round}-${n}-${i}` };
          sent.push({ token, payload });
          const ack = await Promise.race([
            request(socket, 'card:add', payload),
            new Promise<null>((resolve) => socket.once('disconnect', () => resolve(null))),
          ]);
          if (ack?.ok) acked.add(payload.id);
          else break;
        }
      };
      const target = acked.size + 30;
      const loops = writers.map((w, n) => writeLoop(w.token, n));
      await vi.waitFor(() => expect(acked.size).toBeGreaterThanOrEqual(target), { timeout: 20_000 });
      server.process.kill('SIGKILL');
      killed = true;
      expect(await server.exited).toBe('SIGKILL');
      await Promise.all(loops);
      for (const s of sockets) s.close();
      server = await startChildServer(dataDir);
    }

    const reader = await joinAs(server.url, session.joinCode, '確認');
    const board = connectBoard(server.url, room, reader.token);
    cleanups.push(() => board.destroy());
    await whenSynced(board.provider);
    const cardsBefore = readCards(board.doc);
    const ids = cardsBefore.map((c) => c.id);
    for (const id of acked) expect(ids).toContain(id);
    // Only what was sent can be there (an unacknowledged card may or may not have been stored).
    expect(ids.every((id) => sent.some((s) => s.payload.id === id))).toBe(true);

    // Phones replay what they had not seen acknowledged: nothing is duplicated.
    const replayer = connectControl(server.url, writers[0].token);
    cleanups.push(() => replayer.close());
    await whenConnected(replayer);
    const replayed = sent.filter((s) => s.token === writers[0].token).map((s) => s.payload);
    const missing = replayed.filter((p) => !ids.includes(p.id));
    const storedBefore = storedUpdateCountIn(dataDir, room);
    for (const payload of replayed) {
      expect(await request(replayer, 'card:add', payload)).toEqual({ ok: true, id: payload.id });
    }
    const want = [...ids, ...missing.map((p) => p.id)].sort();
    await vi.waitFor(() => expect(readCards(board.doc).map((c) => c.id).sort()).toEqual(want));
    // Cards already stored are untouched by their replay, and only the missing ones were stored:
    // a Y.Map keyed by id cannot show a duplicate, the update log can.
    const after = new Map(readCards(board.doc).map((c) => [c.id, c]));
    for (const card of cardsBefore) expect(after.get(card.id)).toEqual(card);
    expect(storedUpdateCountIn(dataDir, room)).toBe(storedBefore + missing.length);
  }, 120_000);

  it('reads the same board after a clean restart, from snapshot and log', async () => {
    const first = await startTestServer({ compactAfterUpdates: 5 });
    cleanups.push(() => fs.rm(first.dataDir, { recursive: true, force: true }));
    const { session } = await createSessionAsAdmin(first.url);
    const p = await joinAs(first.url, session.joinCode, '田中');
    const socket = connectControl(first.url, p.token);
    await whenConnected(socket);
    const room = p.boards[0].room;
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const id = randomUUID();
      ids.push(id);
      expect(await request(socket, 'card:add', { room, id, kind: 'idea', text: `案 ${i}` })).toMatchObject({ ok: true });
    }
    socket.close();
    await first.stop();

    const second = await startTestServer({ dataDir: first.dataDir });
    cleanups.push(() => second.stop());
    const board = connectBoard(second.url, room, p.token);
    cleanups.push(() => board.destroy());
    await whenSynced(board.provider);
    expect(readCards(board.doc).map((c) => c.id).sort()).toEqual([...ids].sort());
  });
});
