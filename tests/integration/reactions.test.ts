import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it, vi } from 'vitest';
import { boardParts } from '../../shared/board/model';
import type { SessionReport } from '../../shared/schemas/reports';
import { createSessionAsAdmin, joinAs } from '../support/api';
import { connectBoard, connectControl, type ControlSocket, request, whenConnected, whenSynced } from '../support/clients';
import { useTestServer } from '../support/lifecycle';
import { storedUpdateCount } from '../support/stored';

describe('共感 and comments', () => {
  const test = useTestServer();

  async function participant(joinCode: string, name: string) {
    const joined = await joinAs(test.server.url, joinCode, name);
    const socket = connectControl(test.server.url, joined.token);
    test.defer(() => socket.close());
    await whenConnected(socket);
    return { joined, socket, room: joined.boards[0].room };
  }

  async function storedReactions(room: string, cardId: string): Promise<number> {
    const row = await test.server.app.database.db
      .selectFrom('card_reactions')
      .select(sql<number>`count(*)`.as('n'))
      .where('room', '=', room)
      .where('card_id', '=', cardId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** The `reaction:state` broadcasts one socket receives. */
  function counts(socket: ControlSocket): number[] {
    const seen: number[] = [];
    socket.on('reaction:state', (state) => seen.push(state.count));
    return seen;
  }

  async function sessionWithCard() {
    const created = await createSessionAsAdmin(test.server.url);
    const a = await participant(created.session.joinCode, '田中');
    const b = await participant(created.session.joinCode, '佐藤');
    const cardId = randomUUID();
    expect(await request(a.socket, 'card:add', { room: a.room, id: cardId, kind: 'idea', text: 'お寺で食堂を開く' })).toEqual({ ok: true, id: cardId });
    return { ...created, a, b, cardId, room: a.room };
  }

  it('counts one 共感 per person: two people make 2, a replay from one of them does not make 3', async () => {
    const { api, session, a, b, cardId, room } = await sessionWithCard();
    const heard = counts(a.socket);
    expect(await request(a.socket, 'reaction:toggle', { room, cardId, on: true })).toEqual({ ok: true, room, cardId, count: 1 });
    expect(await request(b.socket, 'reaction:toggle', { room, cardId, on: true })).toEqual({ ok: true, room, cardId, count: 2 });
    const replays = await Promise.all([request(b.socket, 'reaction:toggle', { room, cardId, on: true }), request(b.socket, 'reaction:toggle', { room, cardId, on: true })]);
    expect(replays.map((ack) => ack.ok && (ack as unknown as { count: number }).count)).toEqual([2, 2]);
    expect(await storedReactions(room, cardId)).toBe(2);
    await vi.waitFor(() => expect(heard.at(-1)).toBe(2));
    expect(heard).not.toContain(3);
    expect(await request(a.socket, 'reaction:get', { room })).toEqual({ ok: true, counts: { [cardId]: 2 }, mine: [cardId] });
    expect(await request(b.socket, 'reaction:toggle', { room, cardId, on: false })).toEqual({ ok: true, room, cardId, count: 1 });
    expect(await storedReactions(room, cardId)).toBe(1);
    const report = await api.json<SessionReport>('GET', `/api/sessions/${session.id}/report`);
    expect(report.cards.items.find((card) => card.id === cardId)?.reactions).toBe(1);
  });

  it('refuses 共感 on a card that is not on the board', async () => {
    const { a, room } = await sessionWithCard();
    const ack = await request(a.socket, 'reaction:toggle', { room, cardId: randomUUID(), on: true });
    expect(ack).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('stores a comment once when comment:add is replayed, and writes it into the board', async () => {
    const { a, b, cardId, room } = await sessionWithCard();
    const board = connectBoard(test.server.url, room, a.joined.token);
    test.defer(() => board.destroy());
    await whenSynced(board.provider);
    const stored = await storedUpdateCount(test.server, room);
    const payload = { room, id: randomUUID(), cardId, text: '檀家さんにも声をかけられそう' };
    const acks = await Promise.all([request(b.socket, 'comment:add', payload), request(b.socket, 'comment:add', payload)]);
    expect(acks).toEqual([{ ok: true, id: payload.id }, { ok: true, id: payload.id }]);
    expect(await request(b.socket, 'comment:add', payload)).toEqual({ ok: true, id: payload.id });
    expect(await storedUpdateCount(test.server, room)).toBe(stored + 1);
    await vi.waitFor(() => expect(boardParts(board.doc).comments.get(payload.id)?.toJSON()).toMatchObject({ id: payload.id, cardId, text: payload.text, authorId: b.joined.participantId }));
    // Someone else cannot claim the id.
    expect(await request(a.socket, 'comment:add', { ...payload, text: '別の文' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('refuses 共感 and comments once the session is closed', async () => {
    const { api, session, a, cardId, room } = await sessionWithCard();
    expect((await api.request('POST', `/api/sessions/${session.id}/close`)).status).toBe(204);
    expect(await request(a.socket, 'reaction:toggle', { room, cardId, on: true })).toMatchObject({ ok: false, error: { code: 'not_open' } });
    expect(await request(a.socket, 'comment:add', { room, id: randomUUID(), cardId, text: '閉会後' })).toMatchObject({ ok: false, error: { code: 'not_open' } });
    expect(await storedReactions(room, cardId)).toBe(0);
  });
});
