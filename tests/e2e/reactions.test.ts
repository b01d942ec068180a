import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSessionAsAdmin, joinAs } from '../support/api';
import { connectControl, request, whenConnected } from '../support/clients';
import { useBrowserTest, watchErrors } from './browser-support';
import { PHONE } from './phone-support';

describe('共感 on a phone', () => {
  const test = useBrowserTest();

  it('marks another person’s card with 共感 and comments on it from a phone: the button shows its state and the server’s count, the comment shows once stored', async () => {
    const { session } = await createSessionAsAdmin(test.server.url);
    const author = await joinAs(test.server.url, session.joinCode, '田中');
    const socket = connectControl(test.server.url, author.token);
    try {
    await whenConnected(socket);
    const heard: number[] = [];
    socket.on('reaction:state', (state) => heard.push(state.count));
    const cardId = randomUUID();
    expect(await request(socket, 'card:add', { room: author.boards[0].room, id: cardId, kind: 'idea', text: 'お寺で食堂を開く' })).toEqual({ ok: true, id: cardId });

    const errors: string[] = [];
    const phone = await test.context(PHONE);
    const p = await phone.newPage();
    watchErrors(p, errors);
    await p.goto(`${test.server.url}/j/${session.joinCode}`);
    await p.getByLabel('お名前（カードに表示されます）').fill('佐藤');
    await p.getByRole('radio', { name: 'NPO・市民活動団体' }).check();
    await p.getByRole('button', { name: '参加する' }).click();
    const button = p.getByRole('button', { name: /「お寺で食堂を開く」に共感する/ });
    await button.waitFor();
    await expect.poll(() => button.getAttribute('aria-pressed')).toBe('false');
    await button.click();
    await expect.poll(() => button.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => button.textContent()).toContain('共感 1');
    await expect.poll(() => heard).toEqual([1]);

    // A comment goes through comment:add; the server writes it into the board, and it shows.
    await p.getByText('コメント 0').click();
    await p.getByLabel('コメントを書く').fill('檀家さんにも声をかけられそう');
    await p.getByRole('button', { name: 'コメントを送る' }).click();
    await p.getByText('コメント 1').waitFor();
    await p.getByText('檀家さんにも声をかけられそう', { exact: true }).waitFor();

    // After a reload the phone asks the server again: still pressed, still one.
    await p.reload();
    await expect.poll(() => button.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => button.textContent()).toContain('共感 1');
    expect(errors).toEqual([]);
    } finally {
      socket.close();
    }
  });
});
