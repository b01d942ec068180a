import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSessionAsAdmin, joinAs } from '../support/api';
import { connectBoard, connectControl, request, whenConnected } from '../support/clients';
import { useTestServer } from '../support/lifecycle';

/** Resolve with the close code the server sends to a stock provider. */
function closeCodeOf(board: ReturnType<typeof connectBoard>): Promise<number> {
  return new Promise((resolve) => {
    board.provider.on('connection-close', (event: CloseEvent | null) => resolve(event?.code ?? -1));
  });
}

describe('who may open which room', () => {
  const test = useTestServer();

  it('refuses junk tokens on the board socket with 4401 and on socket.io', async () => {
    const { session } = await createSessionAsAdmin(test.server.url);
    for (const token of ['', 'junk', 'x'.repeat(500)]) {
      const board = connectBoard(test.server.url, session.boards[0].room, token);
      test.defer(() => board.destroy());
      expect(await closeCodeOf(board)).toBe(4401);
      board.destroy();
    }
    const socket = connectControl(test.server.url, 'junk');
    test.defer(() => socket.close());
    await expect(whenConnected(socket)).rejects.toThrow(/unauthorized/);
  });

  it('gives a token of another session nothing of this one', async () => {
    const { session: mine } = await createSessionAsAdmin(test.server.url, '私の会');
    const { session: theirs } = await createSessionAsAdmin(test.server.url, '別の会');
    const outsider = await joinAs(test.server.url, theirs.joinCode, '部外者');
    const board = connectBoard(test.server.url, mine.boards[0].room, outsider.token);
    test.defer(() => board.destroy());
    let synced = false;
    board.provider.on('sync', (s: boolean) => (synced = s));
    expect(await closeCodeOf(board)).toBe(4403);
    expect(synced).toBe(false);
    expect(board.doc.getMap('meta').size).toBe(0);

    const socket = connectControl(test.server.url, outsider.token);
    test.defer(() => socket.close());
    await whenConnected(socket);
    const ack = await request(socket, 'card:add', { room: mine.boards[0].room, id: randomUUID(), kind: 'issue', text: '侵入' });
    expect(ack).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('closes a board socket for an unknown room with 4404', async () => {
    const { session } = await createSessionAsAdmin(test.server.url);
    const p = await joinAs(test.server.url, session.joinCode, '田中');
    const board = connectBoard(test.server.url, `${session.id}.nope`, p.token);
    test.defer(() => board.destroy());
    expect(await closeCodeOf(board)).toBe(4404);
  });
});
