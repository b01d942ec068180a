import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PollState, VoteState, VoteView } from '../../shared/schemas/consensus';
import type { OutcomeState } from '../../shared/protocol';
import type { JoinResult } from '../../shared/schemas/api';
import { ApiClient, createSessionAsAdmin, joinAs } from '../support/api';
import { type ChildServer, startChildServer } from '../support/child-server';
import { connectControl, type ControlSocket, request, whenConnected } from '../support/clients';
import { startTestServer, type TestServer } from '../support/server';

describe('consensus', () => {
  const cleanups: Array<() => unknown> = [];
  let server: TestServer | null = null;
  afterEach(async () => {
    for (const fn of cleanups.splice(0).reverse()) await fn();
    await server?.close();
    server = null;
  });

  async function socketFor(url: string, token: string) {
    const socket = connectControl(url, token);
    cleanups.push(() => socket.close());
    await whenConnected(socket);
    return socket;
  }

  /** A free-board session with cards written by the facilitator, ready to vote on. */
  async function sessionWithCards(url: string, texts: string[]) {
    const { api, session, facilitatorToken } = await createSessionAsAdmin(url);
    const fac = await socketFor(url, facilitatorToken);
    const room = session.boards[0].room;
    const ids: string[] = [];
    for (const text of texts) {
      const id = randomUUID();
      ids.push(id);
      expect(await request(fac, 'card:add', { room, id, kind: 'idea', text })).toMatchObject({ ok: true });
    }
    return { api, session, fac, room, ids, facilitatorToken };
  }

  it('holds the dot budget and per-item maximum under concurrent emits from several sockets', async () => {
    server = await startTestServer();
    const { session, fac, room, ids } = await sessionWithCards(server.url, ['A', 'B', 'C']);
    const opened = await request<{ voteId: string }>(fac, 'vote:open', { room, itemIds: ids, dotsPerPerson: 3, maxPerItem: 2 });
    expect(opened).toMatchObject({ ok: true });
    const voteId = opened.ok ? opened.voteId : '';
    const p = await joinAs(server.url, session.joinCode, '田中');
    const phones = await Promise.all([socketFor(server.url, p.token), socketFor(server.url, p.token), socketFor(server.url, p.token)]);

    expect(await request(phones[0], 'vote:cast', { voteId, itemId: ids[0], dots: 3 })).toMatchObject({ ok: false, error: { code: 'item_max_exceeded' } });
    // Nine concurrent casts of 2 dots on three items from three sockets: only 3 dots fit.
    const acks = await Promise.all(
      phones.flatMap((s) => ids.map((itemId) => request<{ remaining: number }>(s, 'vote:cast', { voteId, itemId, dots: 2 }))),
    );
    // The first cast to arrive takes 2 dots; a second item would need 4. Casting the same value
    // on that item again is a replay: one ok per socket, on one item, and every other refused.
    expect(acks.filter((a) => !a.ok).map((a) => !a.ok && a.error.code)).toEqual(Array(6).fill('budget_exceeded'));
    const okItems = acks.flatMap((a, i) => (a.ok ? [ids[i % 3]] : []));
    expect(okItems).toEqual([okItems[0], okItems[0], okItems[0]]);
    const view = await request<{ vote: VoteView }>(phones[0], 'vote:get', { voteId });
    expect(view).toMatchObject({ ok: true, vote: { mine: { [okItems[0]]: 2 }, remaining: 1 } });
    const mine = view.ok ? view.vote.mine : {};
    expect(Object.keys(mine)).toEqual([okItems[0]]);
    const spent = 2;

    // Replays set the same value again; moving a dot frees budget.
    const item = Object.keys(mine)[0];
    expect(await request(phones[1], 'vote:cast', { voteId, itemId: item, dots: mine[item] })).toMatchObject({ ok: true, remaining: 3 - spent });
    expect(await request(phones[2], 'vote:cast', { voteId, itemId: item, dots: 0 })).toMatchObject({ ok: true, remaining: 3 - spent + mine[item] });

    await request(fac, 'vote:reveal', { voteId });
    const other = await joinAs(server.url, session.joinCode, '佐藤');
    const late = await socketFor(server.url, other.token);
    expect(await request(late, 'vote:cast', { voteId, itemId: ids[0], dots: 1 })).toMatchObject({ ok: false, error: { code: 'not_open' } });
  });

  it('counts one voter per person and leaks nothing about anyone’s dots before the reveal', async () => {
    server = await startTestServer();
    const { api, session, fac, room, ids } = await sessionWithCards(server.url, ['居場所', '送迎', '寄付']);
    const people = await Promise.all(['a', 'b', 'c'].map((n) => joinAs(server!.url, session.joinCode, n)));
    const link = await api.json<{ token: string }>('POST', `/api/sessions/${session.id}/observer-link`, {}, 201);
    const sockets: ControlSocket[] = [fac, await socketFor(server.url, link.token)];
    for (const p of people) sockets.push(await socketFor(server.url, p.token), await socketFor(server.url, p.token));
    const heard: Array<{ event: string; args: unknown[] }> = [];
    for (const s of sockets) s.onAny((event: string, ...args: unknown[]) => heard.push({ event, args }));

    const opened = await request<{ voteId: string }>(fac, 'vote:open', { room, itemIds: ids, dotsPerPerson: 3, maxPerItem: 3, anonymous: false });
    const voteId = opened.ok ? opened.voteId : '';
    const secretDots = [3, 2, 1];
    for (const [i, p] of people.entries()) {
      const [first, second] = [sockets[2 + i * 2], sockets[3 + i * 2]];
      expect(await request(first, 'vote:cast', { voteId, itemId: ids[i], dots: secretDots[i] })).toMatchObject({ ok: true });
      expect(await request(second, 'vote:cast', { voteId, itemId: ids[i], dots: secretDots[i] })).toMatchObject({ ok: true });
      void p;
    }
    await vi.waitFor(() => expect(heard.filter((h) => h.event === 'vote:state').map((h) => (h.args[0] as VoteState).voters)).toContain(3));
    const facView = await request<{ vote: VoteView }>(fac, 'vote:get', { voteId });
    expect(facView.ok && facView.vote.mine).toEqual({});

    // Before the reveal: vote states carry only the count, and nothing else anyone hears
    // mentions dots (the roster names people, but says nothing of their votes).
    for (const { event, args } of heard) {
      if (event === 'vote:state') expect(Object.keys(args[0] as object).sort()).toEqual(['status', 'voteId', 'voters']);
      else expect(JSON.stringify(args)).not.toMatch(/dots|"mine"|results/);
    }

    heard.length = 0;
    await request(fac, 'vote:reveal', { voteId });
    await vi.waitFor(() => expect(heard.some((h) => h.event === 'vote:state' && (h.args[0] as VoteState).status === 'revealed')).toBe(true));
    const revealed = heard.find((h) => h.event === 'vote:state')!.args[0] as Extract<VoteState, { status: 'revealed' }>;
    expect(revealed.results.map((r) => [r.label, r.dots, r.voters])).toEqual([
      ['居場所', 3, 1],
      ['送迎', 2, 1],
      ['寄付', 1, 1],
    ]);
    expect(revealed.results[0].by).toEqual([{ displayName: 'a', organizationType: 'npo', dots: 3 }]);
  });

  it('keeps the open vote, the cast dots and the reveal through kill -9', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'yoriai-vote-'));
    cleanups.push(() => fs.rm(dataDir, { recursive: true, force: true }));
    let child: ChildServer = await startChildServer(dataDir);
    cleanups.push(() => child.process.kill('SIGKILL'));
    const { session, fac, room, ids, facilitatorToken } = await sessionWithCards(child.url, ['X', 'Y']);
    const opened = await request<{ voteId: string }>(fac, 'vote:open', { room, itemIds: ids, dotsPerPerson: 2, maxPerItem: 2 });
    const voteId = opened.ok ? opened.voteId : '';
    const p = await joinAs(child.url, session.joinCode, '田中');
    const phone = await socketFor(child.url, p.token);
    expect(await request(phone, 'vote:cast', { voteId, itemId: ids[1], dots: 2 })).toMatchObject({ ok: true, remaining: 0 });

    child.process.kill('SIGKILL');
    await child.exited;
    child = await startChildServer(dataDir);
    const again = connectControl(child.url, p.token);
    cleanups.push(() => again.close());
    const states: VoteState[] = [];
    again.on('vote:state', (s) => states.push(s));
    await whenConnected(again);
    const view = await request<{ vote: VoteView }>(again, 'vote:get', { voteId });
    expect(view).toMatchObject({ ok: true, vote: { status: 'open', mine: { [ids[1]]: 2 }, remaining: 0 } });
    await vi.waitFor(() => expect(states).toContainEqual({ voteId, status: 'open', voters: 1 }), { timeout: 30_000 });

    const fac2 = await socketFor(child.url, facilitatorToken);
    await request(fac2, 'vote:reveal', { voteId });
    child.process.kill('SIGKILL');
    await child.exited;
    child = await startChildServer(dataDir);
    // Listening before the connection: the server sends the session's vote states on connect, and
    // they can arrive in the same read as the connect itself.
    const third = connectControl(child.url, p.token);
    cleanups.push(() => third.close());
    const after: VoteState[] = [];
    third.on('vote:state', (s) => after.push(s));
    await whenConnected(third);
    await vi.waitFor(() => expect(after[0]).toMatchObject({ voteId, status: 'revealed', results: [{ itemId: ids[1], dots: 2 }, { itemId: ids[0], dots: 0 }] }), {
      timeout: 30_000,
    });
  }, 60_000);

  it('gives exact agreement by organisation type in a scripted 18-person session', async () => {
    server = await startTestServer();
    const { session, fac, room, ids } = await sessionWithCards(server.url, ['子ども食堂の送迎', '寺院での開催']);
    // The community lab of the report: 18 members by sector.
    const sectors: Array<[string, number]> = [['npo', 5], ['company', 3], ['religious', 1], ['social_welfare_council', 2], ['medical', 2], ['university', 1], ['government', 4]];
    const people: Array<JoinResult & { sector: string }> = [];
    for (const [sector, n] of sectors) {
      for (let i = 0; i < n; i++) people.push({ ...(await joinAs(server.url, session.joinCode, `${sector}${i}`, sector)), sector });
    }
    expect(people).toHaveLength(18);
    const opened = await request<{ pollId: string }>(fac, 'poll:open', { room, itemIds: ids });
    const pollId = opened.ok ? opened.pollId : '';
    // Item 0: every sector mostly supports. Item 1: government opposes, NPOs support.
    const script = (sector: string, i: number): [string, string] => {
      const first = sector === 'company' && i === 0 ? 'concern' : i % 2 === 0 ? 'agree' : 'conditional';
      const second = sector === 'government' ? 'oppose' : sector === 'npo' ? 'agree' : i === 0 ? 'concern' : 'conditional';
      return [first, second];
    };
    const counters = new Map<string, number>();
    for (const p of people) {
      const i = counters.get(p.sector) ?? 0;
      counters.set(p.sector, i + 1);
      const socket = await socketFor(server.url, p.token);
      const [a, b] = script(p.sector, i);
      expect(await request(socket, 'poll:answer', { pollId, itemId: ids[0], choice: a })).toEqual({ ok: true });
      expect(await request(socket, 'poll:answer', { pollId, itemId: ids[1], choice: b, reason: b === 'oppose' ? '予算がない' : '' })).toEqual({ ok: true });
      socket.close();
    }
    const states: PollState[] = [];
    fac.on('poll:state', (s) => states.push(s));
    await request(fac, 'poll:reveal', { pollId });
    await vi.waitFor(() => expect(states.some((s) => s.status === 'revealed')).toBe(true));
    const result = states.find((s) => s.status === 'revealed') as Extract<PollState, { status: 'revealed' }>;
    expect(result.respondents).toBe(18);
    const [first, second] = result.results;
    // Item 0: 17 support (one company concern): 94.4%; company 2/3 = 66.7%.
    expect(first.overall).toMatchObject({ total: 18, supportPercent: 94.4, counts: { agree: 10, conditional: 7, concern: 1, oppose: 0 } });
    expect(first.overall.percent).toEqual({ agree: 55.6, conditional: 38.9, concern: 5.6, oppose: 0 });
    expect(first.byOrganizationType.company).toMatchObject({ total: 3, supportPercent: 66.7 });
    expect(first.byOrganizationType.npo).toMatchObject({ total: 5, supportPercent: 100, counts: { agree: 3, conditional: 2 } });
    expect(first.consensus).toBe('shared');
    // Item 1: NPO 100%, government 0%: the sectors diverge.
    expect(second.byOrganizationType.npo.supportPercent).toBe(100);
    expect(second.byOrganizationType.government).toMatchObject({ total: 4, supportPercent: 0, counts: { oppose: 4 } });
    expect(second.byOrganizationType.company).toMatchObject({ total: 3, supportPercent: 66.7, percent: { concern: 33.3, conditional: 66.7 } });
    expect(second.overall).toMatchObject({ total: 18, supportPercent: 50 });
    expect(second.consensus).toBe('diverge');
    expect(second.reasons).toHaveLength(4);
    expect(second.reasons[0]).toEqual({ organizationType: 'government', choice: 'oppose', text: '予算がない' });
  });

  it('records decisions linked to cards and follow-up actions, and broadcasts them', async () => {
    server = await startTestServer();
    const { api, session, fac, room, ids } = await sessionWithCards(server.url, ['送迎ボランティアを募る']);
    const outcomes: OutcomeState[] = [];
    fac.on('outcome:state', (s) => outcomes.push(s));
    const decision = await api.json<{ id: string }>('POST', `/api/sessions/${session.id}/decisions`, {
      text: '送迎ボランティアの仕組みをつくる',
      sources: [{ room, kind: 'card', id: ids[0], label: '送迎ボランティアを募る' }],
    }, 201);
    const action = await api.json<{ id: string; status: string }>('POST', `/api/sessions/${session.id}/actions`, {
      title: '社協の登録制度を調べる',
      decisionId: decision.id,
      ownerOrganization: '社会福祉協議会',
      ownerPerson: '佐藤',
      dueDate: '2027-01-31',
    }, 201);
    expect(action.status).toBe('not_started');
    await api.json('PATCH', `/api/sessions/${session.id}/actions/${action.id}`, { status: 'in_progress' });
    await vi.waitFor(() => expect(outcomes.at(-1)?.actions[0]).toMatchObject({ status: 'in_progress', ownerOrganization: '社会福祉協議会', dueDate: '2027-01-31' }));
    expect(outcomes.at(-1)?.decisions[0]).toMatchObject({ text: '送迎ボランティアの仕組みをつくる', sources: [{ id: ids[0] }] });
    const bad = await api.request('POST', `/api/sessions/${session.id}/actions`, { title: 'x', dueDate: '31/01/2027' });
    expect(bad.status).toBe(400);
    const stranger = new ApiClient(server.url);
    expect((await stranger.request('POST', `/api/sessions/${session.id}/decisions`, { text: 'x' })).status).toBe(401);
  });
});
