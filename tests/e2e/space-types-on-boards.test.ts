import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSessionAsAdmin, joinAs } from '../support/api';
import { connectControl, request, whenConnected } from '../support/clients';
import { seriousViolations, useBrowserTest, watchErrors } from './browser-support';
import { PHONE } from './phone-support';

describe('a space’s own organisation type on the boards', () => {
  const test = useBrowserTest();

  it('names it on another phone’s board and on the projector, not only in the report', async () => {
    const { api, session } = await createSessionAsAdmin(test.server.url);
    const [space] = await api.json<Array<{ id: string }>>('GET', '/api/spaces');
    await api.json('PATCH', `/api/spaces/${space.id}`, { organizationTypes: { retired: [], added: [{ id: 'shotenkai', labelJa: '商店会', labelEn: 'Shopping street association' }] } });
    const author = await joinAs(test.server.url, session.joinCode, '井上', 'shotenkai');
    const socket = connectControl(test.server.url, author.token);
    try {
      await whenConnected(socket);
      expect(await request(socket, 'card:add', { room: author.boards[0].room, id: randomUUID(), kind: 'idea', text: '商店街の空き店舗を居場所に' })).toMatchObject({ ok: true });
      // The token's route: the space's own types, in the asked language; nothing without a token.
      const own = await fetch(`${test.server.url}/api/me/organization-types?lang=ja`, { headers: { authorization: `Bearer ${author.token}` } });
      expect(await own.json()).toEqual([{ id: 'shotenkai', label: '商店会' }]);
      expect((await fetch(`${test.server.url}/api/me/organization-types`)).status).toBe(401);

      const errors: string[] = [];
      const phone = await (await test.context(PHONE)).newPage();
      watchErrors(phone, errors);
      await phone.goto(`${test.server.url}/j/${session.joinCode}`);
      await phone.getByLabel('お名前（カードに表示されます）').fill('佐藤');
      await phone.getByRole('radio', { name: 'NPO・市民活動団体' }).check();
      await phone.getByRole('button', { name: '参加する' }).click();
      const card = phone.getByRole('article').filter({ hasText: '商店街の空き店舗を居場所に' });
      await card.getByText('商店会', { exact: true }).waitFor();

      const link = await api.json<{ url: string }>('POST', `/api/sessions/${session.id}/observer-link`, {}, 201);
      const wall = await (await test.context({ viewport: { width: 1920, height: 1080 }, locale: 'ja-JP' })).newPage();
      watchErrors(wall, errors);
      const url = new URL(link.url);
      await wall.goto(`${test.server.url}${url.pathname}${url.hash}`);
      await wall.getByRole('article').filter({ hasText: '商店街の空き店舗を居場所に' }).getByText('商店会', { exact: true }).waitFor();
      expect(await seriousViolations(wall)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      socket.close();
    }
  });
});
