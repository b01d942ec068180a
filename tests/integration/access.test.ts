import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSessionAsAdmin, joinAs } from '../support/api';
import { connectBoard, connectControl, request, whenConnected } from '../support/clients';
import { startTestServer, type TestServer } from '../support/server';

/** Resolve with the close code the server sends to a stock provider. */
function closeCodeOf(board: ReturnType<typeof connectBoard>): Promise<number> {
  return new Promise((resolve) => {
    board.provider.on('connection-close', (event: CloseEvent | null) => resolve(event?.code ?? -1));
  });
}

describe('who may open which room', () => {
  let server: TestServer;
  const cleanups: Array<() => void> = [];
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    for (const fn of cleanups.splice(0)) fn();
    await server.close();
  });

  it('refuses junk tokens on the board socket with 4401 and on socket.io', async () => {
    const { session } = await createSessionAsAdmin(server.url);
    for (const token of ['', 'junk', 'x'.repeat(500)]) {
      const board = connectBoard(server.url, session.boards[0].room, token);
      cleanups.push(() => board.destroy());
      expect(await closeCodeOf(board)).toBe(4401);
      board.destroy();
    }
    const socket = connectControl(server.url, 'junk');
    cleanups.push(() => socket.close());
    await expect(whenConnected(socket)).rejects.toThrow(/unauthorized/);
  });

  it('gives a token of another session nothing of this one', async () => {
    const { session: mine } = await createSessionAsAdmin(server.url, '私の会');
    const { session: theirs } = await createSessionAsAdmin(server.url, '別の会');
    const outsider = await joinAs(server.url, theirs.joinCode, '部外者');
    const board = connectBoard(server.url, mine.boards[0].room, outsider.token);
    cleanups.push(() => board.destroy());
    let synced = false;
    board.provider.on('sync', (s: boolean) => (synced = s));
    expect(await closeCodeOf(board)).toBe(4403);
    expect(synced).toBe(false);
    expect(board.doc.getMap('meta').size).toBe(0);

    const socket = connectControl(server.url, outsider.token);
    cleanups.push(() => socket.close());
    await whenConnected(socket);
    const ack = await request(socket, 'card:add', { room: mine.boards[0].room, id: randomUUID(), kind: 'issue', text: '侵入' });
    expect(ack).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('closes a board socket for an unknown room with 4404', async () => {
    const { session } = await createSessionAsAdmin(server.url);
    const p = await joinAs(server.url, session.joinCode, '田中');
    const board = connectBoard(server.url, `${session.id}.nope`, p.token);
    cleanups.push(() => board.destroy());
    expect(await closeCodeOf(board)).toBe(4404);
  });
});
