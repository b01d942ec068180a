import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createSessionAsAdmin } from '../support/api';
import { connectBoard, whenSynced } from '../support/clients';
import { storedUpdateCount } from '../support/stored';
import { openRunPage, useBrowserTest } from './browser-support';

// With no network the page's own requests and sockets fail on purpose.
const OFFLINE_NOISE = /ERR_INTERNET_DISCONNECTED|Failed to load resource|WebSocket/;

describe('a card written for someone without a phone, on a laptop that loses the venue Wi-Fi', () => {
  const test = useBrowserTest();

  it('keeps the card on the laptop until the server has it, and stores it once', async () => {
    const { session, facilitatorToken } = await createSessionAsAdmin(test.server.url, '公民館で話そう');
    const room = session.boards[0].room;
    const errors: string[] = [];
    const laptop = await openRunPage(test, session.id, errors);
    const proxy = laptop.getByRole('region', { name: 'スマホのない方のカードを代理入力' });
    await proxy.getByLabel('お名前（空欄なら匿名）').fill('山田');
    await proxy.getByLabel('所属の種類').selectOption('social_welfare_council');
    await proxy.getByRole('button', { name: '登録する' }).click();
    await proxy.getByText('山田 さんを登録しました。').waitFor();

    const before = await storedUpdateCount(test.server, room);
    await laptop.context().setOffline(true);
    await laptop.getByRole('status').filter({ hasText: 'オフライン' }).first().waitFor();
    await proxy.getByRole('radio', { name: 'アイデア' }).check();
    await proxy.getByLabel('内容', { exact: true }).fill('民生委員が声をかける');
    await proxy.getByRole('button', { name: '送る' }).click();
    const waiting = proxy.getByRole('list', { name: 'まだ保存されていない代理のカード' }).getByRole('listitem').filter({ hasText: '民生委員が声をかける' });
    await waiting.getByRole('status').filter({ hasText: '未送信: この端末に保存しました' }).waitFor();
    // The form is free for the next card while this one waits.
    expect(await proxy.getByLabel('内容', { exact: true }).inputValue()).toBe('');
    expect(await storedUpdateCount(test.server, room)).toBe(before);

    await laptop.context().setOffline(false);
    await waiting.waitFor({ state: 'detached' });
    await proxy.getByText('保存しました').waitFor();
    // Stored once, tagged with the person it was written for.
    await expect.poll(() => storedUpdateCount(test.server, room)).toBe(before + 1);
    const board = connectBoard(test.server.url, room, facilitatorToken);
    try {
      await whenSynced(board.provider);
      const cards = [...(board.doc.getMap('cards') as Y.Map<Y.Map<unknown>>).values()].map((c) => c.toJSON());
      expect(cards.filter((c) => c.text === '民生委員が声をかける')).toEqual([expect.objectContaining({ authorName: '山田', organizationType: 'social_welfare_council' })]);
    } finally {
      board.destroy();
    }
    expect(errors.filter((e) => !OFFLINE_NOISE.test(e))).toEqual([]);
  }, 60_000);
});
