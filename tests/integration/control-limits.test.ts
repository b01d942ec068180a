import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { ROSTER_WINDOW_MS } from '../../server/realtime/io/roster';
import { CONNECTIONS_PER_TOKEN } from '../../server/realtime/connection-caps';
import { createSessionAsAdmin, joinAs } from '../support/api';
import { connectControl, type ControlSocket, request, whenConnected } from '../support/clients';
import { useTestServer } from '../support/lifecycle';
import { rawBoardSocket } from '../support/raw';

/** Limits on the control channel: budgets by role and person, closed sessions, caps per token, roster batching. */
describe('control channel limits', () => {
  const test = useTestServer();

  async function socketFor(token: string): Promise<ControlSocket> {
    const socket = connectControl(test.server.url, token);
    test.defer(() => socket.close());
    await whenConnected(socket);
    return socket;
  }

  it('keeps the facilitator’s request budget when their projector link floods vote:get', async () => {
    const { api, session, facilitatorToken } = await createSessionAsAdmin(test.server.url);
    const { token: observerToken } = await api.json<{ token: string }>('POST', `/api/sessions/${session.id}/observer-link`, {}, 201);
    const fac = await socketFor(facilitatorToken);
    // Two projector sockets, so the flood passes the per-socket budget and spends the per-person one.
    const projectors = [await socketFor(observerToken), await socketFor(observerToken)];
    const acks = await Promise.all(Array.from({ length: 70 }, (_, i) => request(projectors[i % 2], 'vote:get', { voteId: 'none' })));
    // The projector did run out of its own budget…
    expect(acks.filter((a) => !a.ok && a.error.code === 'rate_limited').length).toBe(10);
    // …and the facilitator, the same account, still runs the session.
    expect(await request(fac, 'phase:set', { index: 0 })).toEqual({ ok: true });
  });

  it('takes no votes, answers, opens or control changes once the session is closed, and still answers reads', async () => {
    const { api, session, facilitatorToken } = await createSessionAsAdmin(test.server.url);
    const room = session.boards[0].room;
    const fac = await socketFor(facilitatorToken);
    const cardId = randomUUID();
    expect(await request(fac, 'card:add', { room, id: cardId, kind: 'idea', text: '送迎ボランティア' })).toMatchObject({ ok: true });
    const vote = await request<{ voteId: string }>(fac, 'vote:open', { room, itemIds: [cardId], dotsPerPerson: 3, maxPerItem: 3 });
    const poll = await request<{ pollId: string }>(fac, 'poll:open', { room, itemIds: [cardId] });
    const voteId = vote.ok ? vote.voteId : '';
    const pollId = poll.ok ? poll.pollId : '';
    const p = await joinAs(test.server.url, session.joinCode, '田中');
    const phone = await socketFor(p.token);
    expect(await request(phone, 'vote:cast', { voteId, itemId: cardId, dots: 1 })).toMatchObject({ ok: true });

    expect((await api.request('POST', `/api/sessions/${session.id}/close`)).status).toBe(204);
    const closed = { ok: false, error: { code: 'not_open' } };
    expect(await request(phone, 'vote:cast', { voteId, itemId: cardId, dots: 2 })).toMatchObject(closed);
    expect(await request(phone, 'poll:answer', { pollId, itemId: cardId, choice: 'agree' })).toMatchObject(closed);
    expect(await request(phone, 'card:add', { room, id: randomUUID(), kind: 'idea', text: 'まだ書ける？' })).toMatchObject(closed);
    expect(await request(fac, 'vote:open', { room, itemIds: [cardId], dotsPerPerson: 3, maxPerItem: 3 })).toMatchObject(closed);
    expect(await request(fac, 'poll:open', { room, itemIds: [cardId] })).toMatchObject(closed);
    expect(await request(fac, 'vote:reveal', { voteId })).toMatchObject(closed);
    expect(await request(fac, 'poll:close', { pollId })).toMatchObject(closed);
    expect(await request(fac, 'phase:set', { index: 0 })).toMatchObject(closed);
    expect(await request(fac, 'board:lock', { locked: true })).toMatchObject(closed);
    // What was stored before the close stays, and is still readable.
    expect(await request(phone, 'vote:get', { voteId })).toMatchObject({ ok: true, vote: { mine: { [cardId]: 1 }, status: 'open' } });
    expect(await request(phone, 'poll:get', { pollId })).toMatchObject({ ok: true, poll: { mine: {} } });
  });

  it('lets a participant change a card’s kind only to one the current phase allows', async () => {
    const { api, session, facilitatorToken } = await createSessionAsAdmin(test.server.url);
    await api.json('PUT', `/api/sessions/${session.id}/phases`, [{ key: 'issues', title: '課題', durationSec: 0, allowedKinds: ['issue', 'question'] }]);
    const room = session.boards[0].room;
    const p = await joinAs(test.server.url, session.joinCode, '田中');
    const phone = await socketFor(p.token);
    const id = randomUUID();
    expect(await request(phone, 'card:add', { room, id, kind: 'issue', text: '移動手段がない' })).toEqual({ ok: true, id });
    expect(await request(phone, 'card:edit', { room, id, kind: 'question', text: '移動手段は？' })).toEqual({ ok: true, id });
    expect(await request(phone, 'card:edit', { room, id, kind: 'idea' })).toMatchObject({ ok: false, error: { code: 'phase_forbids' } });
    // Keeping the kind it has, or editing the text alone, is always fine; the facilitator is not bound.
    expect(await request(phone, 'card:edit', { room, id, kind: 'question', text: '移動手段はある？' })).toEqual({ ok: true, id });
    const fac = await socketFor(facilitatorToken);
    expect(await request(fac, 'card:edit', { room, id, kind: 'idea' })).toEqual({ ok: true, id });
  });

  it('refuses a socket.io connection past the cap per token with too_many_connections, and frees the slot on disconnect', async () => {
    const { session } = await createSessionAsAdmin(test.server.url);
    const p = await joinAs(test.server.url, session.joinCode, '田中');
    const sockets = await Promise.all(Array.from({ length: CONNECTIONS_PER_TOKEN.control }, () => socketFor(p.token)));
    const extra = connectControl(test.server.url, p.token);
    test.defer(() => extra.close());
    await expect(whenConnected(extra)).rejects.toThrow('too_many_connections');
    // Another token of the same session is not affected.
    const other = await joinAs(test.server.url, session.joinCode, '佐藤');
    await socketFor(other.token);
    sockets[0].close();
    await vi.waitFor(async () => {
      const again = connectControl(test.server.url, p.token);
      test.defer(() => again.close());
      await whenConnected(again);
    });
  });

  it('closes a board socket past the cap per token with 4429', async () => {
    const { session } = await createSessionAsAdmin(test.server.url);
    const room = session.boards[0].room;
    const p = await joinAs(test.server.url, session.joinCode, '田中');
    const open = Array.from({ length: CONNECTIONS_PER_TOKEN.board }, () => rawBoardSocket(test.server.url, room, p.token));
    for (const raw of open) test.defer(() => raw.ws.terminate());
    await Promise.all(open.map((raw) => raw.opened));
    const extra = rawBoardSocket(test.server.url, room, p.token);
    test.defer(() => extra.ws.terminate());
    expect(await extra.closed).toBe(4429);
    // The ones within the cap stay open.
    expect(open.every((raw) => raw.ws.readyState === raw.ws.OPEN)).toBe(true);
  });

  it('sends a watcher a few coalesced roster:state broadcasts, not one per phone, while 30 phones connect', async () => {
    const { session, facilitatorToken } = await createSessionAsAdmin(test.server.url);
    const people = await Promise.all(Array.from({ length: 30 }, (_, i) => joinAs(test.server.url, session.joinCode, `参加者${i}`)));
    const watcher = await socketFor(facilitatorToken);
    // The watcher's own connection is announced first; count from there.
    await new Promise((resolve) => watcher.once('roster:state', resolve));
    let received = 0;
    let last: number | null = null;
    watcher.on('roster:state', (state) => {
      received += 1;
      last = state.people.length;
    });
    const started = Date.now();
    await Promise.all(people.map((p) => socketFor(p.token)));
    await vi.waitFor(() => expect(last).toBe(31), { timeout: 5000 });
    const elapsed = Date.now() - started;
    // At most one per window while they connect, plus the trailing one.
    expect(received).toBeGreaterThan(0);
    expect(received).toBeLessThanOrEqual(2 + Math.ceil(elapsed / ROSTER_WINDOW_MS));
  });
});
