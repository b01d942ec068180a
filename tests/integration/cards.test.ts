import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { readCards } from '../../shared/board/model';
import { createSessionAsAdmin, joinAs } from '../support/api';
import { connectBoard, connectControl, request, whenConnected, whenSynced } from '../support/clients';
import { useTestServer } from '../support/lifecycle';
import { storedUpdateCount } from '../support/stored';

describe('participant cards', () => {
  const test = useTestServer();

  async function participant(joinCode: string, name: string) {
    const joined = await joinAs(test.server.url, joinCode, name);
    const socket = connectControl(test.server.url, joined.token);
    await whenConnected(socket);
    const board = connectBoard(test.server.url, joined.boards[0].room, joined.token);
    test.defer(() => socket.close());
    test.defer(() => board.destroy());
    await whenSynced(board.provider);
    return { joined, socket, board, room: joined.boards[0].room };
  }

  it('shows each participant the cards the other added once they are acknowledged', async () => {
    const { session, facilitatorToken } = await createSessionAsAdmin(test.server.url, 'こども食堂', 'community-lab');
    const fac = connectControl(test.server.url, facilitatorToken);
    test.defer(() => fac.close());
    await whenConnected(fac);
    expect(await request(fac, 'phase:set', { index: 3 })).toEqual({ ok: true });
    const a = await participant(session.joinCode, '田中');
    const b = await participant(session.joinCode, '佐藤');
    const id = randomUUID();
    const ack = await request(a.socket, 'card:add', { room: a.room, id, kind: 'issue', text: '子どもが一人で来にくい', stageId: 'visit' });
    expect(ack).toEqual({ ok: true, id });
    await vi.waitFor(() => expect(readCards(b.board.doc).map((c) => c.text)).toEqual(['子どもが一人で来にくい']));
    const card = readCards(b.board.doc)[0];
    expect(card).toMatchObject({ id, kind: 'issue', stageId: 'visit', authorId: a.joined.participantId, authorName: '田中', organizationType: 'npo', anonymous: false });
    await vi.waitFor(() => expect(readCards(a.board.doc)).toHaveLength(1));
  });

  it('makes no duplicate when a card:add is replayed', async () => {
    const { session } = await createSessionAsAdmin(test.server.url);
    const a = await participant(session.joinCode, '田中');
    const stored = await storedUpdateCount(test.server, a.room);
    const payload = { room: a.room, id: randomUUID(), kind: 'idea', text: 'お寺で食堂を開く' };
    const acks = await Promise.all([request(a.socket, 'card:add', payload), request(a.socket, 'card:add', payload)]);
    expect(acks).toEqual([{ ok: true, id: payload.id }, { ok: true, id: payload.id }]);
    expect(await request(a.socket, 'card:add', payload)).toEqual({ ok: true, id: payload.id });
    // A Y.Map keyed by id cannot show a duplicate: the log shows whether the replays were stored.
    expect(await storedUpdateCount(test.server, a.room)).toBe(stored + 1);
    await vi.waitFor(() => expect(readCards(a.board.doc).map((c) => c.text)).toEqual(['お寺で食堂を開く']));
  });

  it('lets a participant edit and delete only their own cards', async () => {
    const { session } = await createSessionAsAdmin(test.server.url);
    const a = await participant(session.joinCode, '田中');
    const b = await participant(session.joinCode, '佐藤');
    const id = randomUUID();
    await request(a.socket, 'card:add', { room: a.room, id, kind: 'opinion', text: '最初の文' });
    const foreignEdit = await request(b.socket, 'card:edit', { room: b.room, id, text: '書き換え' });
    expect(foreignEdit).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const foreignDelete = await request(b.socket, 'card:delete', { room: b.room, id });
    expect(foreignDelete).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await request(a.socket, 'card:edit', { room: a.room, id, text: '直した文' })).toEqual({ ok: true, id });
    await vi.waitFor(() => expect(readCards(b.board.doc)[0]?.text).toBe('直した文'));
    expect(await request(a.socket, 'card:delete', { room: a.room, id })).toEqual({ ok: true, id });
    await vi.waitFor(() => expect(readCards(b.board.doc)).toHaveLength(0));
  });

  it('answers bad payloads with bad_request and keeps serving', async () => {
    const { session } = await createSessionAsAdmin(test.server.url);
    const a = await participant(session.joinCode, '田中');
    const cases = [
      null,
      'text',
      { room: a.room, id: 'not-a-uuid', kind: 'issue', text: 'x' },
      { room: a.room, id: randomUUID(), kind: 'rant', text: 'x' },
      { room: a.room, id: randomUUID(), kind: 'issue', text: '' },
      { room: a.room, id: randomUUID(), kind: 'issue', text: 'あ'.repeat(1001) },
    ];
    for (const payload of cases) {
      expect(await request(a.socket, 'card:add', payload)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    }
    const other = await request(a.socket, 'card:add', { room: 'no-such-room', id: randomUUID(), kind: 'issue', text: 'x' });
    expect(other).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await request(a.socket, 'card:add', { room: a.room, id: randomUUID(), kind: 'issue', text: 'ok' })).toMatchObject({ ok: true });
  });

  it('does not apply a participant direct Yjs write and closes that socket with 4403', async () => {
    const { session } = await createSessionAsAdmin(test.server.url);
    const a = await participant(session.joinCode, '田中');
    const watcher = await participant(session.joinCode, '佐藤');
    const closed = new Promise<number>((resolve) => {
      a.board.provider.ws?.addEventListener('close', (event) => resolve((event as CloseEvent).code));
    });
    // A card that fits the schema: what is refused is a participant writing directly.
    a.board.doc.getMap('cards').set('forged', new Y.Map<unknown>([['id', 'forged'], ['kind', 'idea'], ['text', '偽物'], ['authorId', 'p'], ['anonymous', true], ['createdAt', new Date().toISOString()]]));
    expect(await closed).toBe(4403);
    // A command after the attack still works, and the watcher never saw the forged card.
    const id = randomUUID();
    await request(watcher.socket, 'card:add', { room: watcher.room, id, kind: 'issue', text: '本物' });
    await vi.waitFor(() => expect(readCards(watcher.board.doc).map((c) => c.id)).toEqual([id]));
    expect(watcher.board.doc.getMap('cards').has('forged')).toBe(false);
  });

  it('lets the facilitator write the board directly and edit any card', async () => {
    const { session, facilitatorToken } = await createSessionAsAdmin(test.server.url);
    const a = await participant(session.joinCode, '田中');
    const id = randomUUID();
    await request(a.socket, 'card:add', { room: a.room, id, kind: 'issue', text: '元の文' });
    const fac = connectBoard(test.server.url, a.room, facilitatorToken);
    test.defer(() => fac.destroy());
    await whenSynced(fac.provider);
    await vi.waitFor(() => expect(fac.doc.getMap<Y.Map<unknown>>('cards').get(id)).toBeDefined());
    fac.doc.getMap<Y.Map<unknown>>('cards').get(id)!.set('text', 'ファシリテーターが直した');
    await vi.waitFor(() => expect(readCards(a.board.doc)[0]?.text).toBe('ファシリテーターが直した'));
  });
});
