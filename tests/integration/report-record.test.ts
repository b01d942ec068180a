import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import { describe, expect, it, vi } from 'vitest';
import type { PollState } from '../../shared/schemas/consensus';
import type { SessionReport } from '../../shared/schemas/reports';
import { createSessionAsAdmin, joinAs } from '../support/api';
import { connectBoard, connectControl, request, whenConnected, whenSynced } from '../support/clients';
import { useTestServer } from '../support/lifecycle';

type RevealedPoll = Extract<PollState, { status: 'revealed' }>;

const HIDDEN = 'こんな会議は意味がない';
const SHOWN = '送迎ボランティアを募る';

describe('the report a manager signs', () => {
  const t = useTestServer();

  async function socketFor(token: string) {
    const socket = connectControl(t.server.url, token);
    t.defer(() => socket.close());
    await whenConnected(socket);
    return socket;
  }

  /**
   * The session of the clerk's visit: 7 phones (3 NPO, 3 company, 1 その他), one person entered
   * by proxy, a card the facilitator hid, a titled vote and poll, 2 phone and 2 paper survey answers.
   */
  async function recordedSession() {
    const { api, session, facilitatorToken } = await createSessionAsAdmin(t.server.url, '第1回 作業部会', 'free-board');
    await api.json('PATCH', `/api/sessions/${session.id}`, { venue: '市民活動センター', heldOn: '2026-12-01' });
    const fac = await socketFor(facilitatorToken);
    const room = session.boards[0].room;
    const people = [];
    for (const [type, n] of [['npo', 3], ['company', 3], ['other', 1]] as const) {
      for (let i = 0; i < n; i++) people.push({ type, ...(await joinAs(t.server.url, session.joinCode, `${type}${i}`, type)) });
    }
    await api.json('POST', `/api/sessions/${session.id}/participants`, { displayName: 'スマホなし', organizationType: 'other' }, 201);
    const author = await socketFor(people[0].token);
    const hiddenId = randomUUID();
    const shownId = randomUUID();
    expect(await request(author, 'card:add', { room, id: hiddenId, kind: 'opinion', text: HIDDEN })).toMatchObject({ ok: true });
    expect(await request(author, 'card:add', { room, id: shownId, kind: 'idea', text: SHOWN })).toMatchObject({ ok: true });
    // The facilitator hides the card on the board document, as the moderation button does.
    const board = connectBoard(t.server.url, room, facilitatorToken);
    t.defer(() => board.destroy());
    await whenSynced(board.provider);
    await vi.waitFor(() => expect(board.doc.getMap<Y.Map<unknown>>('cards').has(hiddenId)).toBe(true));
    board.doc.getMap<Y.Map<unknown>>('cards').get(hiddenId)!.set('hidden', true);
    await vi.waitFor(async () => {
      const live = await api.json<SessionReport>('GET', `/api/sessions/${session.id}/report`);
      expect(live.moderation.hiddenCards.map((c) => c.text)).toEqual([HIDDEN]);
    });

    const vote = await request<{ voteId: string }>(fac, 'vote:open', { room, itemIds: [shownId], dotsPerPerson: 1, maxPerItem: 1, title: 'やってみたいこと' });
    const voteId = vote.ok ? vote.voteId : '';
    expect(await request(author, 'vote:cast', { voteId, itemId: shownId, dots: 1 })).toMatchObject({ ok: true });
    expect(await request(fac, 'vote:reveal', { voteId })).toEqual({ ok: true });

    const poll = await request<{ pollId: string }>(fac, 'poll:open', { room, itemIds: [shownId], title: '送迎の合意' });
    const pollId = poll.ok ? poll.pollId : '';
    const choices = { npo: 'agree', company: 'conditional', other: 'oppose' } as const;
    for (const p of people) {
      const phone = p === people[0] ? author : await socketFor(p.token);
      expect(await request(phone, 'poll:answer', { pollId, itemId: shownId, choice: choices[p.type] })).toEqual({ ok: true });
    }
    // The one その他 phone watches the reveal: what it receives is what any phone could read.
    const lonely = await socketFor(people[6].token);
    const received: PollState[] = [];
    lonely.on('poll:state', (s) => received.push(s));
    expect(await request(fac, 'poll:reveal', { pollId })).toEqual({ ok: true });
    await vi.waitFor(() => expect(received.some((s) => s.status === 'revealed')).toBe(true));

    for (const p of people.slice(0, 2)) {
      const res = await fetch(`${t.server.url}/api/sessions/${session.id}/survey`, {
        method: 'POST',
        headers: { authorization: `Bearer ${p.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ answers: { satisfaction: 'satisfied' } }),
      });
      expect(res.status).toBe(204);
    }
    await api.json('POST', `/api/sessions/${session.id}/close`, undefined, 204);
    for (const satisfaction of ['very_satisfied', 'neutral']) {
      await api.json('POST', `/api/sessions/${session.id}/survey/paper`, { answers: { satisfaction, comments: '紙で回答' } }, 201);
    }
    const broadcast = received.find((s): s is RevealedPoll => s.status === 'revealed')!;
    return { api, session, broadcast };
  }

  it('leaves a hidden card out of the report, Markdown, CSV and search, and lists it only in the moderation section', async () => {
    const { api, session } = await recordedSession();
    const report = await api.json<SessionReport>('GET', `/api/sessions/${session.id}/report`);
    expect(report.cards.items.map((c) => c.text)).toEqual([SHOWN]);
    expect(report.cards.total).toBe(1);
    expect(report.cards.byKind.opinion).toBe(0);
    expect(report.moderation.hiddenCards).toMatchObject([{ text: HIDDEN, kind: 'opinion' }]);
    const markdown = await (await api.request('GET', `/api/sessions/${session.id}/export.md`)).text();
    expect(markdown).toContain(SHOWN);
    expect(markdown).not.toContain(HIDDEN);
    const cards = await (await api.request('GET', `/api/sessions/${session.id}/export/cards.csv`)).text();
    expect(cards).toContain(SHOWN);
    expect(cards).not.toContain(HIDDEN);
    expect(await api.json<unknown[]>('GET', `/api/archive?q=${encodeURIComponent('意味がない')}`)).toEqual([]);
    expect(await api.json<unknown[]>('GET', `/api/archive?q=${encodeURIComponent('送迎ボランティア')}`)).toHaveLength(1);
    // The JSON export is the full record for re-import: the board keeps the card and its flag.
    const full = await (await api.request('GET', `/api/sessions/${session.id}/export.json`)).text();
    expect(full).not.toBe('');
  });

  it('keeps the titles typed for a vote and a poll in the report and the Markdown', async () => {
    const { api, session } = await recordedSession();
    const report = await api.json<SessionReport>('GET', `/api/sessions/${session.id}/report`);
    expect(report.votes.map((v) => v.title)).toEqual(['やってみたいこと']);
    expect(report.polls.map((p) => p.title)).toEqual(['送迎の合意']);
    const markdown = await (await api.request('GET', `/api/sessions/${session.id}/export.md`)).text();
    expect(markdown).toContain('やってみたいこと');
    expect(markdown).toContain('送迎の合意');
    expect(markdown).not.toMatch(/投票 1|合意度の確認 1/);
  });

  it('counts the response rate over the people who could answer: proxy apart, paper answers as 紙', async () => {
    const { api, session } = await recordedSession();
    let report = await api.json<SessionReport>('GET', `/api/sessions/${session.id}/report`);
    expect(report.participants).toMatchObject({ total: 8, phone: 7, proxy: 1 });
    // (2 phone + 2 paper) / (7 phones + 2 paper sheets) = 44.4 %.
    expect(report.survey).toMatchObject({ invited: 9, responses: 4, responseRate: 44.4, phone: { participants: 7, responses: 2 }, paper: { responses: 2, handedOut: 2, entered: null }, proxyParticipants: 1 });
    expect(report.survey.questions.find((q) => q.id === 'satisfaction')?.answers).toMatchObject({ satisfied: 2, very_satisfied: 1, neutral: 1 });
    // Three sheets were handed out and two came back.
    expect(await api.json('PUT', `/api/sessions/${session.id}/survey/paper-sheets`, { handedOut: 3 })).toEqual({ handedOut: 3 });
    report = await api.json<SessionReport>('GET', `/api/sessions/${session.id}/report`);
    expect(report.survey).toMatchObject({ invited: 10, responses: 4, responseRate: 40, paper: { handedOut: 3, entered: 3 } });
    // A sheet typed in by mistake is taken back; a phone's answer cannot be removed this way.
    const mistake = report.survey.paper.entries[0].id;
    expect((await api.request('DELETE', `/api/sessions/${session.id}/survey/paper/${mistake}`)).status).toBe(204);
    expect((await api.request('DELETE', `/api/sessions/${session.id}/survey/paper/${mistake}`)).status).toBe(404);
    report = await api.json<SessionReport>('GET', `/api/sessions/${session.id}/report`);
    expect(report.survey).toMatchObject({ responses: 3, paper: { responses: 1 } });
    const csv = await (await api.request('GET', `/api/sessions/${session.id}/export/survey.csv`)).text();
    expect(csv).toContain('紙 1/3枚');
    // An answer that is not one of the question's choices is refused whole.
    const bad = await api.request('POST', `/api/sessions/${session.id}/survey/paper`, { answers: { satisfaction: '=1+1' } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'bad_request' } });
  });

  it('withholds a sector of one person in the broadcast a phone receives, the report JSON, the CSV and the Markdown', async () => {
    const { api, session, broadcast } = await recordedSession();
    // その他 has one respondent; company is withheld with it, or overall minus NPO would give that person away.
    const [item] = broadcast.results;
    expect(item.withheldOrganizationTypes).toEqual(['company', 'other']);
    expect(Object.keys(item.byOrganizationType)).toEqual(['npo']);
    expect(item.overall).toMatchObject({ total: 7 });
    expect(item.byOrganizationType.other).toBeUndefined();
    const report = await api.json<SessionReport>('GET', `/api/sessions/${session.id}/report`);
    expect(report.smallGroupThreshold).toBe(3);
    expect(report.polls[0].results[0]).toMatchObject({ withheldOrganizationTypes: ['company', 'other'] });
    expect(Object.keys(report.polls[0].results[0].byOrganizationType)).toEqual(['npo']);
    const csv = await (await api.request('GET', `/api/sessions/${session.id}/export/agreement.csv`)).text();
    const otherRows = csv.split('\r\n').filter((line) => line.includes('その他'));
    expect(otherRows).toHaveLength(1);
    expect(otherRows[0]).toContain('少数のため非表示');
    expect(otherRows[0]).not.toMatch(/反対|\d+\.\d/);
    const markdown = await (await api.request('GET', `/api/sessions/${session.id}/export.md`)).text();
    expect(markdown).toMatch(/その他: 少数のため非表示/);
    expect(markdown).toContain('3人未満');
  });
});
