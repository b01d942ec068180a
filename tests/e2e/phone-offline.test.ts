import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { createSessionAsAdmin } from '../support/api';
import { connectControl, type ControlSocket, request, whenConnected } from '../support/clients';
import { storedUpdateCount } from '../support/stored';
import { useBrowserTest, watchErrors } from './browser-support';
import { PHONE } from './phone-support';

describe('a phone that reloads with no network', () => {
  const test = useBrowserTest();
  let socket: ControlSocket | null = null;
  const errors: string[] = [];

  afterAll(async () => {
    socket?.close();
  });

  /** Write a card on the phone; its entry under 自分のカード. */
  async function writeCard(page: Page, text: string) {
    await page.getByRole('button', { name: 'カードを書く' }).click();
    await page.getByRole('radio', { name: 'アイデア' }).check();
    await page.getByLabel('内容', { exact: true }).fill(text);
    await page.getByRole('button', { name: '送る' }).click();
    return page.getByRole('region', { name: '自分のカード' }).getByRole('article').filter({ hasText: text });
  }

  it('opens its board from what it holds, keeps a new card, an edit, a 共感 mark and a comment queued, and stores each once when the network is back', async () => {
    const { session, facilitatorToken } = await createSessionAsAdmin(test.server.url, '駅前の広場を考える');
    const room = session.boards[0].room;
    socket = connectControl(test.server.url, facilitatorToken);
    await whenConnected(socket);
    expect(await request(socket, 'card:add', { room, id: randomUUID(), kind: 'issue', text: '夜の広場が暗い' })).toMatchObject({ ok: true });

    const phone = await test.context(PHONE);
    phone.setDefaultTimeout(15_000);
    const page = await phone.newPage();
    // Offline, the page's own requests fail on purpose (GET /api/me, the sockets' polling).
    watchErrors(page, errors, [/ERR_INTERNET_DISCONNECTED/, /Failed to load resource/, /WebSocket/]);
    await page.goto(`${test.server.url}/j/${session.joinCode}`);
    await page.getByLabel('お名前（カードに表示されます）').fill('佐藤');
    await page.getByRole('radio', { name: 'NPO・市民活動団体' }).check();
    await page.getByRole('button', { name: '参加する' }).click();
    await page.getByText('夜の広場が暗い').waitFor();
    const mine = await writeCard(page, 'ベンチを増やす');
    await mine.getByRole('status').filter({ hasText: '保存しました' }).waitFor();
    // The service worker holds the app, and the board is kept in IndexedDB.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await page.waitForFunction(async () => (await indexedDB.databases()).some((db) => db.name?.startsWith('yoriai-board:')));

    await phone.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: '駅前の広場を考える' }).waitFor();
    await page.getByText('夜の広場が暗い').waitFor();
    await page.getByRole('status').filter({ hasText: 'オフライン' }).first().waitFor();

    // Written and edited with no network: both wait on the device.
    const before = await storedUpdateCount(test.server, room);
    const queued = await writeCard(page, '屋台の日をつくる');
    await queued.getByRole('status').filter({ hasText: '未送信' }).waitFor();
    const own = page.getByRole('region', { name: '自分のカード' }).getByRole('article').filter({ hasText: 'ベンチを増やす' });
    await own.getByRole('button', { name: '編集' }).click();
    await own.getByLabel('カードの内容').fill('木陰にベンチを増やす');
    await own.getByRole('button', { name: '保存する' }).click();
    await own.getByText('変更は接続が戻ると送ります。').waitFor();
    // 共感 and a comment on someone else's card, with no network: both wait on the device too.
    const agree = page.getByRole('button', { name: /^「夜の広場が暗い」に共感する/ });
    await agree.click();
    await expect.poll(() => agree.getAttribute('aria-pressed')).toBe('true');
    const others = page.getByRole('article').filter({ hasText: '夜の広場が暗い' });
    await others.getByText('コメント 0').click();
    await others.getByLabel('コメントを書く').fill('街灯の位置を町内会と歩いて確かめたい');
    await others.getByRole('button', { name: 'コメントを送る' }).click();
    await others.getByText('送信待ち: 接続が戻ると送ります。').waitFor();
    // Another reload, still offline: the outbox keeps all four.
    await page.reload();
    await page.getByRole('region', { name: '自分のカード' }).getByRole('article').filter({ hasText: '屋台の日をつくる' }).waitFor();
    await page.getByText('変更は接続が戻ると送ります。').waitFor();
    await expect.poll(() => agree.getAttribute('aria-pressed')).toBe('true');
    await others.getByText('街灯の位置を町内会と歩いて確かめたい').waitFor();
    await others.getByText('送信待ち: 接続が戻ると送ります。').waitFor();
    expect(await storedUpdateCount(test.server, room)).toBe(before);
    expect(await request(socket, 'reaction:get', { room })).toMatchObject({ ok: true, counts: {} });

    await phone.setOffline(false);
    const back = page.getByRole('region', { name: '自分のカード' });
    await back.getByRole('article').filter({ hasText: '屋台の日をつくる' }).getByRole('status').filter({ hasText: '保存しました' }).waitFor();
    await back.getByText('木陰にベンチを増やす').waitFor();
    await page.getByText('変更は接続が戻ると送ります。').waitFor({ state: 'detached' });
    await others.getByText('コメント 1').waitFor();
    await others.getByText('送信待ち: 接続が戻ると送ります。').waitFor({ state: 'detached' });
    await expect.poll(async () => Object.values(((await request<{ counts: Record<string, number> }>(socket!, 'reaction:get', { room })) as { counts: Record<string, number> }).counts)).toEqual([1]);
    await expect.poll(() => agree.textContent()).toContain('共感 1');
    // One stored update each for the card, the edit and the comment; a further reconnection sends nothing again.
    await expect.poll(() => storedUpdateCount(test.server, room)).toBe(before + 3);
    await phone.setOffline(true);
    await page.getByRole('status').filter({ hasText: 'オフライン' }).first().waitFor();
    await phone.setOffline(false);
    await page.getByRole('status').filter({ hasText: '接続中' }).first().waitFor();
    expect(await storedUpdateCount(test.server, room)).toBe(before + 3);
    await expect.poll(() => agree.textContent()).toContain('共感 1');

    expect(errors).toEqual([]);
  }, 60_000);
});
