import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { readCards } from '../../shared/board/model';
import type { SessionView } from '../../shared/schemas/api';
import { ApiClient, createSessionAsAdmin, joinAs } from '../support/api';
import { connectBoard, connectControl, request, whenConnected, whenSynced } from '../support/clients';
import { startTestServer, type TestServer } from '../support/server';

type Report = {
  participants: { total: number; byOrganizationType: Record<string, number> };
  survey: { invited: number; responses: number; responseRate: number; questions: Array<{ id: string; answers: Record<string, number>; percent: Record<string, number>; positivePercent: number | null; texts?: string[] }> };
  cards: { total: number; byKind: Record<string, number>; byStage: Record<string, { title: string; total: number }>; items: Array<{ authorName: string; text: string }> };
  actions: Array<{ title: string }>;
};

// The community lab of the city's report: 18 members by organisation type.
const MEMBERS: Array<[string, number]> = [['npo', 5], ['company', 3], ['religious', 1], ['social_welfare_council', 2], ['medical', 2], ['university', 1], ['government', 4]];

describe('the secretariat', () => {
  let server: TestServer;
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const fn of cleanups.splice(0).reverse()) await fn();
    await server?.close();
  });

  async function socketFor(token: string) {
    const socket = connectControl(server.url, token);
    cleanups.push(() => socket.close());
    await whenConnected(socket);
    return socket;
  }

  /** A community-lab session with 18 members, cards in the issues and ideas phases, and 15 survey answers. */
  async function scriptedSession(title = 'こども食堂の居場所づくり') {
    const { api, session, facilitatorToken } = await createSessionAsAdmin(server.url, title, 'community-lab');
    await api.json('PATCH', `/api/sessions/${session.id}`, { venue: '市民会館', heldOn: '2026-11-20', series: '作業部会A', theme: 'こども食堂' });
    const fac = await socketFor(facilitatorToken);
    const people = [];
    for (const [type, n] of MEMBERS) for (let i = 0; i < n; i++) people.push(await joinAs(server.url, session.joinCode, `${type}-${i}`, type));
    const room = session.boards[0].room;
    await request(fac, 'phase:set', { index: 3 });
    const first = await socketFor(people[0].token);
    expect(await request(first, 'card:add', { room, id: randomUUID(), kind: 'issue', text: 'こども食堂の場所が知られていない', stageId: 'know' })).toMatchObject({ ok: true });
    expect(await request(first, 'card:add', { room, id: randomUUID(), kind: 'issue', text: '=HYPERLINK("http://x")', stageId: 'visit' })).toMatchObject({ ok: true });
    await request(fac, 'phase:set', { index: 4 });
    const second = await socketFor(people[5].token);
    expect(await request(second, 'card:add', { room, id: randomUUID(), kind: 'idea', text: 'お寺で地域食堂を開く', stageId: 'join' })).toMatchObject({ ok: true });
    // 15 of 18 answer: satisfaction 6 very satisfied, 9 satisfied (40.0% / 60.0%).
    for (const [i, p] of people.slice(0, 15).entries()) {
      const res = await fetch(`${server.url}/api/sessions/${session.id}/survey`, {
        method: 'POST',
        headers: { authorization: `Bearer ${p.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ answers: { satisfaction: i < 6 ? 'very_satisfied' : 'satisfied', understanding: i < 13 ? 'deepened' : 'not_much', intent: i % 3 === 0 ? 'not_now' : 'yes', comments: i === 0 ? 'また参加したい' : '' } }),
      });
      expect(res.status).toBe(204);
    }
    await api.json('POST', `/api/sessions/${session.id}/actions`, { title: '=1+2 社協と調整', ownerOrganization: '社会福祉協議会', dueDate: '2026-11-01' }, 201);
    return { api, session, fac, people, room, facilitatorToken };
  }

  it('counts the report’s figures exactly: 18 members by type, 15 of 18 answers (回収率 83.3%)', async () => {
    server = await startTestServer();
    const { api, session, people } = await scriptedSession();
    // Answering again replaces the first answer.
    const again = await fetch(`${server.url}/api/sessions/${session.id}/survey`, {
      method: 'POST',
      headers: { authorization: `Bearer ${people[0].token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ answers: { satisfaction: 'very_satisfied', understanding: 'deepened', intent: 'yes', comments: 'また参加したい' } }),
    });
    expect(again.status).toBe(204);
    const survey = await (await fetch(`${server.url}/api/sessions/${session.id}/survey`, { headers: { authorization: `Bearer ${people[0].token}` } })).json();
    expect(survey.questions.map((q: { id: string; kind: string }) => [q.id, q.kind])).toEqual([['satisfaction', 'choice'], ['understanding', 'choice'], ['intent', 'choice'], ['comments', 'text']]);
    expect(survey.answers).toMatchObject({ intent: 'yes' });
    const bad = await fetch(`${server.url}/api/sessions/${session.id}/survey`, { method: 'POST', headers: { authorization: `Bearer ${people[1].token}`, 'content-type': 'application/json' }, body: JSON.stringify({ answers: { satisfaction: 'ecstatic' } }) });
    expect(bad.status).toBe(400);

    const report = await api.json<Report>('GET', `/api/sessions/${session.id}/report`);
    expect(report.participants).toMatchObject({ total: 18, byOrganizationType: Object.fromEntries(MEMBERS) });
    expect(report.survey).toMatchObject({ invited: 18, responses: 15, responseRate: 83.3 });
    const q = Object.fromEntries(report.survey.questions.map((x) => [x.id, x]));
    expect(q.satisfaction.answers).toEqual({ very_satisfied: 6, satisfied: 9, neutral: 0, dissatisfied: 0, very_dissatisfied: 0 });
    expect(q.satisfaction.percent).toMatchObject({ very_satisfied: 40, satisfied: 60 });
    expect(q.satisfaction.positivePercent).toBe(100);
    expect(q.understanding.positivePercent).toBe(86.7);
    // intent: people 0, 3, 6, 9, 12 said not now, except person 0 who answered yes the second time.
    expect(q.intent.answers).toEqual({ yes: 11, interested: 0, not_now: 4 });
    expect(q.intent.positivePercent).toBe(73.3);
    expect(q.comments.texts).toEqual(['また参加したい']);
    expect(report.cards.byKind).toEqual({ issue: 2, idea: 1, opinion: 0, question: 0 });
    expect(report.cards.byStage).toMatchObject({ know: { title: '知る', total: 1 }, visit: { total: 1 }, join: { title: '参加する', total: 1 } });
  });

  it('exports CSV with a BOM and neutralised formulas, and Markdown', async () => {
    server = await startTestServer();
    const { api, session } = await scriptedSession();
    const cards = await api.request('GET', `/api/sessions/${session.id}/export/cards.csv`);
    expect(cards.headers.get('content-type')).toMatch(/text\/csv/);
    const bytes = new Uint8Array(await cards.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    expect(text.split('\r\n')[0]).toBe('ボード,段階,種類,内容,グループ,所属の種類,記入者');
    expect(text).toContain(`'=HYPERLINK(""http://x"")`);
    expect(text).not.toMatch(/(^|,)=HYPERLINK/m);
    expect(text).toContain('こども食堂の場所が知られていない');
    const actions = new TextDecoder().decode(await (await api.request('GET', `/api/sessions/${session.id}/export/actions.csv`)).arrayBuffer());
    expect(actions).toContain(`'=1+2 社協と調整`);
    const survey = new TextDecoder().decode(await (await api.request('GET', `/api/sessions/${session.id}/export/survey.csv`)).arrayBuffer());
    expect(survey).toContain('大変満足,6,40');
    expect(survey).toContain('回収率,,15,83.3,15/18');
    const md = await (await api.request('GET', `/api/sessions/${session.id}/export.md`)).text();
    expect(md).toContain('# こども食堂の居場所づくり');
    expect(md).toContain('回収率: 83.3% (15/18)');
    expect((await api.request('GET', `/api/sessions/${session.id}/export/secrets.csv`)).status).toBe(404);
  });

  it('closes a session into the archive, finds it by Japanese substrings, and reopens it', async () => {
    server = await startTestServer();
    const { api, session, people, room } = await scriptedSession();
    expect((await api.request('POST', `/api/sessions/${session.id}/close`)).status).toBe(204);
    const phone = await socketFor(people[0].token);
    expect(await request(phone, 'card:add', { room, id: randomUUID(), kind: 'issue', text: '閉会後' })).toMatchObject({ ok: false, error: { code: 'not_open' } });
    const search = async (q: string) => (await api.json<Array<{ id: string; match: string | null }>>('GET', `/api/archive?q=${encodeURIComponent(q)}`)).map((e) => e.id);
    expect(await search('食堂')).toEqual([session.id]);
    expect(await search('地域食堂')).toEqual([session.id]);
    expect(await search('お寺')).toEqual([session.id]);
    expect(await search('社協と調整')).toEqual([session.id]);
    expect(await search('図書館')).toEqual([]);
    expect(await api.json<unknown[]>('GET', '/api/archive?status=open')).toEqual([]);
    expect((await api.json<unknown[]>('GET', '/api/archive?from=2026-11-20&to=2026-11-20')).length).toBe(1);
    expect(await api.json<unknown[]>('GET', '/api/archive?from=2026-11-21')).toEqual([]);
    const closedReport = await api.json<Report>('GET', `/api/sessions/${session.id}/report`);
    expect(closedReport.cards.total).toBe(3);

    expect((await api.request('POST', `/api/sessions/${session.id}/reopen`)).status).toBe(204);
    const fac = await socketFor((await api.json<{ token: string }>('GET', `/api/sessions/${session.id}/token`)).token);
    expect(await request(fac, 'card:add', { room, id: randomUUID(), kind: 'opinion', text: '再開後の図書館の話' })).toMatchObject({ ok: true });
    expect(await search('図書館')).toEqual([]);
    await api.request('POST', `/api/sessions/${session.id}/close`);
    expect(await search('図書館')).toEqual([session.id]);
  });

  it('keeps one facilitator out of another’s archive, reports and register', async () => {
    server = await startTestServer();
    const { api, session } = await scriptedSession();
    await api.json('POST', '/api/users', { email: 'other@example.jp', password: 'other facilitator', displayName: '別の人', role: 'facilitator' }, 201);
    await api.json('POST', '/api/users', { email: 'clerk@example.jp', password: 'secretariat pw', displayName: '事務局', role: 'secretariat' }, 201);
    const other = new ApiClient(server.url);
    await other.login('other@example.jp', 'other facilitator');
    expect(await other.json<unknown[]>('GET', '/api/archive')).toEqual([]);
    expect(await other.json<unknown[]>('GET', '/api/actions')).toEqual([]);
    expect((await other.request('GET', `/api/sessions/${session.id}/report`)).status).toBe(403);
    expect((await other.request('GET', `/api/sessions/${session.id}/export.json`)).status).toBe(403);
    const clerk = new ApiClient(server.url);
    await clerk.login('clerk@example.jp', 'secretariat pw');
    expect((await clerk.json<Array<{ id: string }>>('GET', '/api/archive')).map((e) => e.id)).toEqual([session.id]);
    expect((await clerk.request('GET', `/api/sessions/${session.id}/report`)).status).toBe(200);
    expect((await clerk.request('GET', '/api/users')).status).toBe(403);
  });

  it('round-trips a session through JSON export and import', async () => {
    server = await startTestServer();
    const { api, session } = await scriptedSession();
    const decision = await api.json<{ id: string }>('POST', `/api/sessions/${session.id}/decisions`, { text: '居場所マップをつくる' }, 201);
    const action = await api.json<{ id: string }>('POST', `/api/sessions/${session.id}/actions`, { title: 'マップの試作', decisionId: decision.id, status: 'in_progress' }, 201);
    await api.json('POST', `/api/actions/${action.id}/notes`, { note: '12月に打合せ' }, 201);
    await api.request('POST', `/api/sessions/${session.id}/close`);
    const exported = await api.json<Record<string, unknown>>('GET', `/api/sessions/${session.id}/export.json`);
    const imported = await api.json<{ id: string }>('POST', '/api/sessions/import', exported, 201);
    expect(imported.id).not.toBe(session.id);
    const again = await api.json<Record<string, unknown>>('GET', `/api/sessions/${imported.id}/export.json`);
    const normalise = (e: Record<string, unknown>) => JSON.parse(JSON.stringify(e).replaceAll(session.id, 'S').replaceAll(imported.id, 'S')) as Record<string, unknown>;
    const a = normalise(exported);
    const b = normalise(again);
    expect(b.session).toEqual(a.session);
    expect((b.participants as Array<{ displayName: string }>).map((p) => p.displayName)).toEqual((a.participants as Array<{ displayName: string }>).map((p) => p.displayName));
    expect((b.actions as Array<{ title: string; notes: unknown[] }>).map((x) => [x.title, x.notes.length])).toEqual((a.actions as Array<{ title: string; notes: unknown[] }>).map((x) => [x.title, x.notes.length]));
    const first = await api.json<Report>('GET', `/api/sessions/${session.id}/report`);
    const second = await api.json<Report>('GET', `/api/sessions/${imported.id}/report`);
    expect({ ...second, session: null, boards: null, actions: null, decisions: null, cards: { ...second.cards, items: null } }).toEqual({ ...first, session: null, boards: null, actions: null, decisions: null, cards: { ...first.cards, items: null } });
    expect(second.cards.items.map((c) => c.text)).toEqual(first.cards.items.map((c) => c.text));
    const view = await api.json<SessionView>('GET', `/api/sessions/${imported.id}`);
    expect(view.status).toBe('closed');
    const { token } = await api.json<{ token: string }>('GET', `/api/sessions/${imported.id}/token`);
    const board = connectBoard(server.url, view.boards[0].room, token);
    cleanups.push(() => board.destroy());
    await whenSynced(board.provider);
    expect(readCards(board.doc).map((c) => c.text).sort()).toEqual(first.cards.items.map((c) => c.text).sort());
    expect((await api.request('POST', '/api/sessions/import', { format: 'something-else' })).status).toBe(400);
  });

  it('keeps a follow-up register with overdue actions, notes and a since-last-time view', async () => {
    server = await startTestServer();
    const { api, session } = await scriptedSession();
    const register = await api.json<Array<{ id: string; overdue: boolean; sessionTitle: string }>>('GET', '/api/actions');
    expect(register).toHaveLength(1);
    expect(register[0]).toMatchObject({ overdue: true, sessionTitle: 'こども食堂の居場所づくり' });
    await api.json('POST', `/api/actions/${register[0].id}/notes`, { note: '社協と打合せ済み' }, 201);
    await api.json('PATCH', `/api/actions/${register[0].id}`, { status: 'done' });
    expect(await api.json<unknown[]>('GET', '/api/actions?overdue=true')).toEqual([]);
    await api.request('POST', `/api/sessions/${session.id}/close`);
    const next = await api.json<SessionView>('POST', '/api/sessions', { title: '第2回' }, 201);
    await api.json('PATCH', `/api/sessions/${next.id}`, { series: '作業部会A', heldOn: '2026-12-20' });
    const since = await api.json<{ previous: { id: string }; actions: Array<{ status: string; notes: unknown[]; changedSince: boolean }> }>('GET', `/api/sessions/${next.id}/since-last`);
    expect(since.previous.id).toBe(session.id);
    expect(since.actions).toHaveLength(1);
    expect(since.actions[0]).toMatchObject({ status: 'done', changedSince: false });
    expect(since.actions[0].notes).toHaveLength(1);
    const stats = await api.json<{ totals: { sessions: number; participants: number; actionsDone: number } }>('GET', '/api/stats');
    expect(stats.totals).toMatchObject({ sessions: 2, participants: 18, actionsDone: 1 });
  });

  it('erases display names once a closed session passes the retention period, keeping the figures', async () => {
    server = await startTestServer({ nameRetentionDays: 0 });
    const { api, session, room, facilitatorToken } = await scriptedSession();
    await api.request('POST', `/api/sessions/${session.id}/close`);
    const before = await api.json<Report>('GET', `/api/sessions/${session.id}/report`);
    expect(before.cards.items.some((c) => c.authorName !== '')).toBe(true);
    for (const fn of cleanups.splice(0).reverse()) await fn();
    await server.stop();
    server = await startTestServer({ dataDir: server.dataDir, nameRetentionDays: 0 });
    const admin = new ApiClient(server.url);
    await admin.login();
    await expect.poll(async () => (await admin.json<Array<{ displayName: string }>>('GET', `/api/sessions/${session.id}/participants`)).every((p) => p.displayName === '')).toBe(true);
    const after = await admin.json<Report>('GET', `/api/sessions/${session.id}/report`);
    expect(after.cards.items.map((c) => c.authorName)).toEqual(['', '', '']);
    expect(after.participants).toEqual(before.participants);
    expect(after.survey).toEqual(before.survey);
    const board = connectBoard(server.url, room, facilitatorToken);
    cleanups.push(() => board.destroy());
    await whenSynced(board.provider);
    expect(readCards(board.doc).map((c) => c.authorName)).toEqual([undefined, undefined, undefined]);
  });
});
