import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ADMIN } from '../support/server';
import path from 'node:path';
import { OUTPUT, seriousViolations, useBrowserTest, watchErrors } from './browser-support';

const PHONE = { viewport: { width: 360, height: 740 }, locale: 'ja-JP', isMobile: true, hasTouch: true } as const;

describe('the survey editor and the organisation types in a browser', () => {
  const test = useBrowserTest();
  const errors: string[] = [];

  async function signedInDesk(): Promise<Page> {
    const context = await test.context({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP' });
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    watchErrors(page, errors);
    await page.goto(`${test.server.url}/login`);
    await page.getByLabel('メールアドレス').fill(ADMIN.email);
    await page.getByLabel('パスワード').fill(ADMIN.password);
    await page.getByRole('button', { name: 'ログインする' }).click();
    await page.getByLabel('セッションのタイトル').waitFor();
    return page;
  }

  /** The join code of the session the facilitator's page shows, as its API gives it. */
  async function joinCodeOf(desk: Page): Promise<string> {
    const id = decodeURIComponent(new URL(desk.url()).pathname.split('/')[3] ?? '');
    return desk.evaluate(async (sessionId) => ((await (await fetch(`/api/sessions/${sessionId}`)).json()) as { joinCode: string }).joinCode, id);
  }

  it('lets the facilitator reword a question and add a scale on the preparation page, and the phone asks them', { timeout: 90_000 }, async () => {
    const desk = await signedInDesk();
    await desk.getByLabel('セッションのタイトル').fill('こども食堂の作業部会');
    await desk.getByLabel('テーマ（任意）').fill('こども食堂を地域で支えるには');
    await desk.getByRole('button', { name: '作成する' }).click();
    await desk.getByRole('heading', { level: 1, name: 'こども食堂の作業部会' }).waitFor();

    const survey = desk.getByRole('region', { name: 'ふりかえりアンケート' });
    const understanding = survey.getByRole('group', { name: /^質問 2: / });
    await expect.poll(() => understanding.getByLabel('質問文').inputValue()).toBe('「こども食堂を地域で支えるには」について理解が深まりましたか');
    await understanding.getByLabel('質問文').fill('こども食堂のことがよく分かりましたか');
    await survey.getByRole('button', { name: '質問を追加' }).click();
    // A new question goes before the closing comments.
    const added = survey.getByRole('group', { name: /^質問 4: / });
    await added.getByLabel('質問文').fill('会場は参加しやすかったですか');
    await added.getByLabel('答え方').selectOption({ label: '段階で答える（1〜5など）' });
    await added.getByLabel('1 の意味（例：そう思わない）').fill('しにくい');
    await added.getByLabel('5 の意味（例：そう思う）').fill('しやすい');
    await survey.getByRole('button', { name: 'アンケートを保存する' }).click();
    await survey.getByText('アンケートを保存しました。').waitFor();
    await survey.screenshot({ path: path.join(OUTPUT, 'survey-editor.png') });
    expect(await seriousViolations(desk)).toEqual([]);

    const joinCode = await joinCodeOf(desk);
    const phone = await (await test.context(PHONE)).newPage();
    watchErrors(phone, errors);
    await phone.goto(`${test.server.url}/j/${joinCode}`);
    await phone.getByRole('radio', { name: 'こども食堂運営団体' }).check();
    await phone.getByRole('button', { name: '参加する' }).click();
    await phone.waitForURL(/\/s\/[^/]+$/);
    await phone.goto(`${phone.url()}/survey`);
    await phone.getByRole('group', { name: 'こども食堂のことがよく分かりましたか' }).getByRole('radio', { name: '深まった', exact: true }).check();
    await phone.getByRole('group', { name: '会場は参加しやすかったですか' }).getByRole('radio', { name: '5（しやすい）' }).check();
    await phone.getByRole('button', { name: '送信する' }).click();
    await phone.getByText('送信しました').waitFor();
    await phone.screenshot({ path: path.join(OUTPUT, 'survey-phone-custom.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('lets the admin add an organisation type that the join page then offers', { timeout: 90_000 }, async () => {
    const desk = await signedInDesk();
    await desk.goto(`${test.server.url}/secretariat/organization-types`);
    await desk.getByRole('heading', { level: 1, name: '所属の種類' }).waitFor();
    await desk.getByLabel('ID（半角英小文字・数字・ハイフン）').fill('kosodate-shien');
    await desk.getByLabel('日本語の名前', { exact: true }).fill('子育て支援団体');
    await desk.getByLabel('英語の名前', { exact: true }).fill('Parenting support group');
    await desk.getByRole('button', { name: '追加する' }).click();
    await desk.getByText('「子育て支援団体」を追加しました。参加ページで選べます。').waitFor();
    await desk.getByRole('button', { name: '「民生委員・児童委員」を廃止する' }).click();
    await desk.getByText('「民生委員・児童委員」を廃止しました。参加ページには出ません。').waitFor();
    await desk.screenshot({ path: path.join(OUTPUT, 'organization-types.png'), fullPage: true });
    expect(await seriousViolations(desk)).toEqual([]);

    await desk.goto(`${test.server.url}/facilitator`);
    await desk.getByLabel('セッションのタイトル').fill('別の会');
    await desk.getByRole('button', { name: '作成する' }).click();
    await desk.getByRole('heading', { level: 1, name: '別の会' }).waitFor();
    const joinCode = await joinCodeOf(desk);
    const phone = await (await test.context(PHONE)).newPage();
    await phone.goto(`${test.server.url}/j/${joinCode}`);
    await phone.getByRole('radio', { name: '子育て支援団体' }).waitFor();
    expect(await phone.getByRole('radio', { name: '民生委員・児童委員' }).count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
