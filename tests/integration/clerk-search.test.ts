import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import { describe, expect, it, vi } from 'vitest';
import type { SearchView } from '../../shared/schemas/clerk';
import type { SessionReport } from '../../shared/schemas/reports';
import { ApiClient, createSessionAsAdmin, joinAs } from '../support/api';
import { connectBoard, connectControl, request, whenConnected, whenSynced } from '../support/clients';
import { useTestServer } from '../support/lifecycle';

const HIDDEN = 'こんな会議は意味がない';

describe('search that finds what a clerk types', () => {
  const t = useTestServer();

  /** A closed session with a こども食堂 card, a LINE card, a hidden card and an action owned by 高橋 of 社協. */
  async function closedSession() {
    const { api, session, facilitatorToken } = await createSessionAsAdmin(t.server.url, '地域の居場所を考える', 'free-board');
    await api.json('PATCH', `/api/sessions/${session.id}`, { heldOn: '2026-11-20' });
    const room = session.boards[0].room;
    const person = await joinAs(t.server.url, session.joinCode, '山田', 'npo');
    const phone = connectControl(t.server.url, person.token);
    t.defer(() => phone.close());
    await whenConnected(phone);
    const hiddenId = randomUUID();
    for (const [id, kind, text] of [
      [randomUUID(), 'idea', '週末にこども食堂を開く'],
      [randomUUID(), 'issue', 'LINEで案内が届かない'],
      [hiddenId, 'opinion', HIDDEN],
    ]) {
      expect(await request(phone, 'card:add', { room, id, kind, text })).toMatchObject({ ok: true });
    }
    const board = connectBoard(t.server.url, room, facilitatorToken);
    t.defer(() => board.destroy());
    await whenSynced(board.provider);
    await vi.waitFor(() => expect(board.doc.getMap<Y.Map<unknown>>('cards').has(hiddenId)).toBe(true));
    board.doc.getMap<Y.Map<unknown>>('cards').get(hiddenId)!.set('hidden', true);
    await vi.waitFor(async () => {
      const live = await api.json<SessionReport>('GET', `/api/sessions/${session.id}/report`);
      expect(live.moderation.hiddenCards.map((c) => c.text)).toEqual([HIDDEN]);
    });
    const action = await api.json<{ id: string }>('POST', `/api/sessions/${session.id}/actions`, { title: '食堂の場所を地図にする', ownerOrganization: '社協', ownerPerson: '高橋' }, 201);
    await api.json('POST', `/api/actions/${action.id}/notes`, { note: 'チラシを公民館に置いた' }, 201);
    await api.request('POST', `/api/sessions/${session.id}/close`);
    return { api, session, action };
  }

  const search = (api: ApiClient, q: string, extra = '') => api.json<SearchView>('GET', `/api/search?q=${encodeURIComponent(q)}${extra}`);

  it('finds the こども食堂 card for 子ども食堂, marking the words as written', async () => {
    const { api, session } = await closedSession();
    const found = await search(api, '子ども食堂');
    const hit = found.hits.find((h) => h.source === 'card');
    expect(hit).toMatchObject({ text: '週末にこども食堂を開く', kind: 'idea', sessionId: session.id, sessionTitle: '地域の居場所を考える', sessionHeldOn: '2026-11-20' });
    expect(hit!.reportPath).toBe(`/secretariat/sessions/${session.id}/report`);
    expect(hit!.highlights.map(([a, b]) => hit!.text.slice(a, b))).toEqual(['こども食堂']);
    expect((await search(api, '子供')).hits.map((h) => h.text)).toContain('週末にこども食堂を開く');
  });

  it('finds LINE for full-width ｌｉｎｅ, and a katakana query finds hiragana', async () => {
    const { api } = await closedSession();
    const line = await search(api, 'ｌｉｎｅ');
    expect(line.hits.map((h) => h.text)).toEqual(['LINEで案内が届かない']);
    expect(line.hits[0].highlights).toEqual([[0, 4]]);
    expect((await search(api, 'コドモ')).hits.map((h) => h.text)).toContain('週末にこども食堂を開く');
  });

  it('filters the archive’s session list by the same folding and variants', async () => {
    const { api, session } = await closedSession();
    for (const q of ['ｌｉｎｅ', '子供食堂']) {
      const entries = await api.json<Array<{ id: string; match: string | null }>>('GET', `/api/archive?q=${encodeURIComponent(q)}`);
      expect(entries.map((e) => e.id)).toEqual([session.id]);
    }
    expect(await api.json('GET', `/api/archive?q=${encodeURIComponent('会議は意味')}`)).toEqual([]);
  });

  it('finds an action by its owner (高橋), its organisation (社協) and its notes, and two-character words', async () => {
    const { api, action } = await closedSession();
    expect((await search(api, '高橋')).hits).toMatchObject([{ source: 'owner', refId: action.id, text: '社協 高橋' }]);
    expect((await search(api, '社協')).hits.map((h) => h.source)).toEqual(['owner']);
    expect((await search(api, '公民館')).hits).toMatchObject([{ source: 'note', refId: action.id }]);
    expect((await search(api, '地図')).hits).toMatchObject([{ source: 'action', text: '食堂の場所を地図にする' }]);
    // 食堂 (two characters, under the trigram) still finds the card through the folded column.
    expect((await search(api, '食堂', '&source=card')).hits.map((h) => h.text)).toEqual(['週末にこども食堂を開く']);
  });

  it('shows a facilitator only the hits of their own sessions', async () => {
    const { api } = await closedSession();
    await api.json('POST', '/api/users', { email: 'other@example.jp', displayName: '別の進行', password: 'another long password' }, 201);
    const other = new ApiClient(t.server.url);
    await other.login('other@example.jp', 'another long password');
    expect((await search(other, 'こども食堂')).hits).toEqual([]);
    expect((await search(other, '高橋')).hits).toEqual([]);
  });

  it('leaves a hidden card out of the results', async () => {
    const { api } = await closedSession();
    expect((await search(api, '会議は意味')).hits).toEqual([]);
    expect((await search(api, '意味')).hits).toEqual([]);
  });

  it('uses a spelling variant the admin adds, without re-indexing', async () => {
    const { api } = await closedSession();
    expect((await search(api, 'ライン')).hits).toEqual([]);
    const { groups } = await api.json<{ groups: string[][] }>('GET', '/api/search/variants');
    await api.json('PUT', '/api/search/variants', { groups: [...groups, ['LINE', 'ライン']] });
    expect((await search(api, 'ライン')).hits.map((h) => h.text)).toEqual(['LINEで案内が届かない']);
    expect((await api.request('PUT', '/api/search/variants', { groups: [['ひとつだけ']] })).status).toBe(400);
  });
});
