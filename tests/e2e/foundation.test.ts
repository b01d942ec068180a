import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADMIN } from '../support/server';
import { OUTPUT, seriousViolations, useBrowserTest, watchErrors } from './browser-support';

describe('foundation in a browser', () => {
  const test = useBrowserTest();

  it('lets a facilitator open a session that a participant on a phone joins and writes a card to', async () => {
    const errors: string[] = [];

    // The facilitator, on a laptop, works in English.
    const desk = await test.context({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP' });
    const fac = await desk.newPage();
    // The wrong password below is answered 401, which Chromium logs.
    watchErrors(fac, errors, [/status of 401 .*\/api\/auth\/login$/]);
    await fac.goto(`${test.server.url}/login`);
    await fac.getByRole('button', { name: /English/ }).click();
    // The English texts are fetched on the first switch.
    await expect.poll(() => fac.locator('html').getAttribute('lang')).toBe('en');
    await fac.getByLabel('Email address').fill(ADMIN.email);
    await fac.getByLabel('Password').fill('not the password');
    await fac.getByRole('button', { name: 'Sign in' }).click();
    await fac.getByText('The email address or password is wrong.').waitFor();
    await fac.getByLabel('Password').fill(ADMIN.password);
    await fac.getByRole('button', { name: 'Sign in' }).click();
    await fac.getByRole('heading', { level: 1, name: 'Sessions' }).waitFor();
    await fac.getByLabel('Session title').fill('こども食堂を考える');
    await fac.getByRole('button', { name: 'Create' }).click();
    await fac.getByRole('heading', { level: 1, name: 'こども食堂を考える' }).waitFor();
    // A new session opens on its preparation; running it is the next screen.
    await fac.getByRole('navigation', { name: 'This session' }).getByRole('link', { name: 'Run' }).click();

    const joinLink = fac.getByRole('region', { name: 'How to join' }).getByRole('link');
    const code = (await joinLink.textContent())?.match(/\/j\/(\d{6})$/)?.[1];
    expect(code).toMatch(/^\d{6}$/);
    const qr = fac.getByRole('img', { name: 'QR code of the join link' });
    await qr.waitFor();
    await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    const board = fac.getByRole('region', { name: /^Board/ });
    await board.getByRole('status').filter({ hasText: 'Online' }).waitFor();

    // The participant, on a 360 px phone, in Japanese, opens the join link.
    const phone = await test.context({ viewport: { width: 360, height: 740 }, locale: 'ja-JP', isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    const p = await phone.newPage();
    watchErrors(p, errors);
    await p.goto(`${test.server.url}/j/${code}`);
    await p.getByRole('heading', { level: 1, name: 'ワークショップに参加する' }).waitFor();
    await p.getByLabel('お名前（カードに表示されます）').fill('田中');
    await p.getByRole('radio', { name: 'NPO・市民活動団体' }).check();
    await p.screenshot({ path: path.join(OUTPUT, 'participant-join.png'), fullPage: true });
    await p.getByRole('button', { name: '参加する' }).click();
    await p.getByRole('heading', { level: 1, name: 'こども食堂を考える' }).waitFor();
    await p.getByRole('status').filter({ hasText: '接続中' }).waitFor();
    await fac.getByText('Participants connected: 1').waitFor();

    // The programme opens with no cards; the facilitator moves on to the issues phase, live.
    await p.getByText('今はカードを書く時間ではありません。').waitFor();
    expect(await p.getByRole('button', { name: 'カードを書く' }).count()).toBe(0);
    for (const phase of [/^Phase 2 of \d+: /, /^Phase 3 of \d+: /, /^Phase 4 of \d+: Issues$/]) {
      await fac.getByRole('button', { name: 'Next phase' }).click();
      // The current phase is the phase list's selected option (the list also jumps to any phase).
      await expect.poll(() => fac.getByRole('combobox', { name: 'Go to phase' }).evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent ?? '')).toMatch(phase);
    }
    await p.getByText('書けるカード: 課題・質問').waitFor();

    const text = '子どもだけで来てもいいと、どう伝えていますか？';
    await p.getByRole('button', { name: 'カードを書く' }).click();
    const kinds = p.getByRole('group', { name: 'カードの種類' }).getByRole('radio');
    expect(await kinds.evaluateAll((radios) => radios.map((r) => r.parentElement?.textContent))).toEqual(['課題', '質問']);
    await p.getByRole('radio', { name: '質問' }).check();
    await p.getByLabel('ステージ（任意）').selectOption({ label: '行ってみる' });
    await p.getByLabel('内容').fill(text);
    await p.getByText(`${text.length} / 1000 文字`).waitFor();
    await p.getByRole('button', { name: '送る' }).click();
    const mine = p.getByRole('region', { name: '自分のカード' });
    // 送信中 (sending) until the server's ack; then 保存しました, or the reason it was refused.
    const delivery = mine.getByRole('article').filter({ hasText: text }).getByRole('status');
    await delivery.filter({ hasNotText: '送信中' }).waitFor();
    expect(await delivery.textContent()).toBe('保存しました');
    // One's own card is listed once: under 自分のカード, not again among everyone's.
    expect(await p.getByRole('region', { name: 'みんなのカード' }).getByText(text).count()).toBe(0);

    // The facilitator's board shows the card live, on its stage, with kind, author and sector.
    const card = board.getByRole('region', { name: /^行ってみる/ }).getByRole('article').filter({ hasText: text });
    await card.waitFor();
    expect(await card.textContent()).toContain('Question');
    expect(await card.textContent()).toContain('田中');
    expect(await card.textContent()).toContain('NPO / civic group');

    // The facilitator corrects the text; the phone sees the change.
    await card.getByRole('button', { name: /^Card actions/ }).click();
    await fac.getByRole('menuitem', { name: 'Edit' }).click();
    await card.getByLabel('Card text').fill(`${text}（修正）`);
    await card.getByRole('button', { name: 'Save' }).click();
    await card.getByText('Updated').waitFor();
    await mine.getByText(`${text}（修正）`).waitFor();

    // A returning participant is recognised and goes straight to the board.
    await p.goto(`${test.server.url}/j/${code}`);
    await p.waitForURL(/\/s\//);
    await mine.getByText(`${text}（修正）`).waitFor();

    await p.screenshot({ path: path.join(OUTPUT, 'participant-board.png'), fullPage: true });
    await fac.screenshot({ path: path.join(OUTPUT, 'facilitator-session.png'), fullPage: true });
    expect(await seriousViolations(p)).toEqual([]);
    expect(await seriousViolations(fac)).toEqual([]);

    // The board alone, for the projector.
    await fac.getByRole('link', { name: 'Show only the board' }).click();
    await fac.getByRole('heading', { level: 1, name: 'こども食堂を考える' }).waitFor();
    await fac.getByRole('article').filter({ hasText: `${text}（修正）` }).waitFor();

    // At 200% text size the phone page still fits its width: nothing to scroll sideways.
    await p.addStyleTag({ content: 'html { font-size: 200%; }' });
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await p.screenshot({ path: path.join(OUTPUT, 'participant-board-200.png'), fullPage: true });

    expect(errors).toEqual([]);
  }, 90_000);
});
