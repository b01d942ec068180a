import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { GroupSuggestion } from '../../shared/board/similarity';
import { ApiClient, createSessionAsAdmin } from '../support/api';
import { connectControl, request, whenConnected } from '../support/clients';
import { useTestServer } from '../support/lifecycle';

describe('group suggestions over REST', () => {
  const test = useTestServer();

  it('suggests こども食堂 with 子供食堂 to the facilitator, and answers 401 without a login', async () => {
    const { api, session, facilitatorToken } = await createSessionAsAdmin(test.server.url);
    const fac = connectControl(test.server.url, facilitatorToken);
    test.defer(() => fac.close());
    await whenConnected(fac);
    const room = session.boards[0].room;
    const ids: Record<string, string> = {};
    for (const text of ['こども食堂の場所が足りない', '子供食堂を開ける会場が見つからない', '助成金の申請が難しい']) {
      ids[text] = randomUUID();
      expect(await request(fac, 'card:add', { room, id: ids[text], kind: 'issue', text })).toMatchObject({ ok: true });
    }
    const res = await api.json<{ suggestions: GroupSuggestion[] }>('POST', `/api/sessions/${session.id}/group-suggestions`, { room });
    expect(res.suggestions.map((s) => s.cardIds.sort())).toEqual([[ids['こども食堂の場所が足りない'], ids['子供食堂を開ける会場が見つからない']].sort()]);
    expect(res.suggestions[0].title).toBe('子ども');

    const stranger = new ApiClient(test.server.url);
    const refused = await stranger.request('POST', `/api/sessions/${session.id}/group-suggestions`, { room });
    expect(refused.status).toBe(401);
    const other = await api.request('POST', `/api/sessions/${session.id}/group-suggestions`, { room: 'nope' });
    expect(other.status).toBe(404);
    expect(await other.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});
