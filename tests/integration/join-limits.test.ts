import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { JoinResult, SessionView } from '../../shared/schemas/api';
import { ApiClient, createSessionAsAdmin } from '../support/api';
import { connectControl, request, whenConnected } from '../support/clients';
import { useTestServer } from '../support/lifecycle';

type Body = Record<string, unknown>;

async function join(url: string, body: Body, headers: Record<string, string> = {}): Promise<Response> {
  return new ApiClient(url).request('POST', '/api/join', { displayName: '', organizationType: 'npo', ...body }, headers);
}

/** A six-digit code that is not this session's. */
const otherCode = (session: SessionView, n = 0) => String((Number(session.joinCode) + 1 + n) % 1_000_000).padStart(6, '0');

describe('join-code guessing', () => {
  const t = useTestServer();

  it('admits the right code after 35 wrong codes from the same address', async () => {
    const { session } = await createSessionAsAdmin(t.server.url);
    for (let i = 0; i < 35; i++) expect((await join(t.server.url, { joinCode: otherCode(session, i) })).status).toBe(404);
    expect((await join(t.server.url, { joinCode: session.joinCode })).status).toBe(201);
  });
});

describe('join-code budgets', () => {
  const t = useTestServer({ joinWrongPerAddress: 40 });

  it('does not reset the wrong-code budget for a rotated X-Forwarded-For when TRUST_PROXY is unset', async () => {
    const { session } = await createSessionAsAdmin(t.server.url);
    const statuses: number[] = [];
    for (let i = 0; i < 41; i++) {
      const res = await join(t.server.url, { joinCode: otherCode(session, i) }, { 'x-forwarded-for': `198.51.100.${i + 1}` });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 40).every((s) => s === 404)).toBe(true);
    expect(statuses[40]).toBe(429);
  });

  it('keeps a code that let someone in open to their address once the budget is spent, and no other', async () => {
    const { api, session } = await createSessionAsAdmin(t.server.url);
    const second = await api.json<SessionView>('POST', '/api/sessions', { title: '別の会', template: 'free-board' }, 201);
    expect((await join(t.server.url, { joinCode: session.joinCode })).status).toBe(201);
    const wrong = [otherCode(session, 0), otherCode(session, 1)].filter((c) => c !== second.joinCode);
    for (let i = 0; i < 40; i++) expect((await join(t.server.url, { joinCode: wrong[i % wrong.length] })).status).toBe(404);
    const limited = await join(t.server.url, { joinCode: wrong[0] });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({ error: { code: 'rate_limited' } });
    // The venue's code still works there; a code nobody here has used cannot be tried.
    expect((await join(t.server.url, { joinCode: session.joinCode })).status).toBe(201);
    expect((await join(t.server.url, { joinCode: second.joinCode })).status).toBe(429);
  });
});

describe('join-code budgets behind a configured proxy', () => {
  const t = useTestServer({ trustProxy: 'loopback', joinWrongPerAddress: 5, joinWrongGlobal: 12 });

  it('counts each forwarded address apart, and limits wrong codes spread over many addresses', async () => {
    const { session } = await createSessionAsAdmin(t.server.url);
    const from = (n: number) => ({ 'x-forwarded-for': `192.0.2.${n}` });
    for (let i = 0; i < 5; i++) expect((await join(t.server.url, { joinCode: otherCode(session, i) }, from(1))).status).toBe(404);
    expect((await join(t.server.url, { joinCode: otherCode(session) }, from(1))).status).toBe(429);
    // Another address behind the proxy has its own budget...
    for (let i = 0; i < 5; i++) expect((await join(t.server.url, { joinCode: otherCode(session, i) }, from(2))).status).toBe(404);
    // ...but the installation's is spent after 12 wrong codes (the two refused tries count too).
    expect((await join(t.server.url, { joinCode: otherCode(session) }, from(3))).status).toBe(404);
    expect((await join(t.server.url, { joinCode: otherCode(session) }, from(4))).status).toBe(429);
  });
});

describe('identities', () => {
  const t = useTestServer();

  it('answers 200 joins with the same rejoin token with one participant', async () => {
    const { api, session } = await createSessionAsAdmin(t.server.url);
    const first = (await (await join(t.server.url, { joinCode: session.joinCode, displayName: '田中' })).json()) as JoinResult;
    const again: JoinResult[] = [];
    for (let i = 0; i < 200; i++) {
      const res = await join(t.server.url, { joinCode: session.joinCode, displayName: `田中${i}`, rejoinToken: first.token });
      expect(res.status).toBe(201);
      again.push((await res.json()) as JoinResult);
    }
    expect(new Set(again.map((j) => j.participantId))).toEqual(new Set([first.participantId]));
    expect(again[199]).toMatchObject({ sessionId: session.id, displayName: '田中', boards: session.boards });
    expect((await api.json<unknown[]>('GET', `/api/sessions/${session.id}/participants`)).length).toBe(1);
  });

  it('gives a new identity for a rejoin token of another session or an unknown one', async () => {
    const { api, session } = await createSessionAsAdmin(t.server.url);
    const other = await api.json<SessionView>('POST', '/api/sessions', { title: '別の会', template: 'free-board' }, 201);
    const elsewhere = (await (await join(t.server.url, { joinCode: other.joinCode })).json()) as JoinResult;
    const a = (await (await join(t.server.url, { joinCode: session.joinCode, rejoinToken: elsewhere.token })).json()) as JoinResult;
    const b = (await (await join(t.server.url, { joinCode: session.joinCode, rejoinToken: 'not a token' })).json()) as JoinResult;
    expect(a.participantId).not.toBe(elsewhere.participantId);
    expect(b.participantId).not.toBe(a.participantId);
    expect((await api.json<unknown[]>('GET', `/api/sessions/${session.id}/participants`)).length).toBe(2);
  });

  it('stops a flood of joins without a token at the cap the facilitator set, with session_full', async () => {
    const { api, session } = await createSessionAsAdmin(t.server.url);
    expect(session.participantCap).toBe(300);
    expect((await api.json<SessionView>('PATCH', `/api/sessions/${session.id}`, { participantCap: 20 })).participantCap).toBe(20);
    const statuses = await Promise.all(Array.from({ length: 30 }, () => join(t.server.url, { joinCode: session.joinCode }).then((r) => r.status)));
    expect(statuses.filter((s) => s === 201).length).toBe(20);
    expect(statuses.filter((s) => s === 409).length).toBe(10);
    const full = await join(t.server.url, { joinCode: session.joinCode });
    expect(await full.json()).toMatchObject({ error: { code: 'session_full' } });
    expect((await api.json<unknown[]>('GET', `/api/sessions/${session.id}/participants`)).length).toBe(20);
  });

  it('shows the facilitator how many joined in the last minute and in each of the last ten', async () => {
    const { api, session } = await createSessionAsAdmin(t.server.url);
    for (let i = 0; i < 3; i++) expect((await join(t.server.url, { joinCode: session.joinCode })).status).toBe(201);
    const rate = await api.json<{ total: number; cap: number; lastMinute: number; perMinute: number[] }>('GET', `/api/sessions/${session.id}/joins`);
    expect(rate.total).toBe(3);
    expect(rate.cap).toBe(300);
    expect(rate.lastMinute).toBe(3);
    expect(rate.perMinute).toHaveLength(10);
    expect(rate.perMinute.reduce((a, b) => a + b, 0)).toBe(3);
  });

  it('removes an identity with its dots and poll answers, and cuts its socket', async () => {
    const { api, session, facilitatorToken } = await createSessionAsAdmin(t.server.url);
    const fac = connectControl(t.server.url, facilitatorToken);
    t.defer(() => fac.close());
    await whenConnected(fac);
    const room = session.boards[0].room;
    const cardId = randomUUID();
    expect(await request(fac, 'card:add', { room, id: cardId, kind: 'idea', text: '見守り' })).toMatchObject({ ok: true });
    const joined = (await (await join(t.server.url, { joinCode: session.joinCode, displayName: '何度も' })).json()) as JoinResult;
    const kept = (await (await join(t.server.url, { joinCode: session.joinCode, displayName: '一度' })).json()) as JoinResult;
    const phone = connectControl(t.server.url, joined.token);
    const other = connectControl(t.server.url, kept.token);
    t.defer(() => phone.close());
    t.defer(() => other.close());
    await Promise.all([whenConnected(phone), whenConnected(other)]);
    let lastVote: { voters: number } | undefined;
    let lastPoll: { respondents: number } | undefined;
    other.on('vote:state', (state) => (lastVote = state));
    other.on('poll:state', (state) => (lastPoll = state));
    const vote = await request<{ voteId: string }>(fac, 'vote:open', { room, itemIds: [cardId], dotsPerPerson: 3, maxPerItem: 3 });
    const poll = await request<{ pollId: string }>(fac, 'poll:open', { room, itemIds: [cardId] });
    const voteId = vote.ok ? vote.voteId : '';
    const pollId = poll.ok ? poll.pollId : '';
    for (const socket of [phone, other]) {
      expect(await request(socket, 'vote:cast', { voteId, itemId: cardId, dots: 2 })).toMatchObject({ ok: true });
      expect(await request(socket, 'poll:answer', { pollId, itemId: cardId, choice: 'agree' })).toMatchObject({ ok: true });
    }
    // What the other phone sees last: both counted, before the removal.
    await expect.poll(() => [lastVote?.voters, lastPoll?.respondents]).toEqual([2, 2]);
    const revoked = new Promise<unknown>((resolve) => phone.once('session:revoked', resolve));

    expect((await api.request('DELETE', `/api/sessions/${session.id}/participants/${joined.participantId}`)).status).toBe(204);
    await revoked;
    // The others see the tallies without them at once.
    await expect.poll(() => [lastVote?.voters, lastPoll?.respondents]).toEqual([1, 1]);
    const db = t.server.app.database.db;
    const dots = await db.selectFrom('vote_dots').select(['participant_id', 'dots']).where('vote_id', '=', voteId).execute();
    const answers = await db.selectFrom('poll_answers').select('participant_id').where('poll_id', '=', pollId).execute();
    expect(dots).toEqual([{ participant_id: kept.participantId, dots: 2 }]);
    expect(answers).toEqual([{ participant_id: kept.participantId }]);
    const people = await api.json<Array<{ id: string }>>('GET', `/api/sessions/${session.id}/participants`);
    expect(people.map((p) => p.id)).toEqual([kept.participantId]);
    expect((await new ApiClient(t.server.url).request('GET', '/api/me', undefined, { authorization: `Bearer ${joined.token}` })).status).toBe(401);
  });
});
