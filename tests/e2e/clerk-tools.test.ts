import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { createSessionAsAdmin, joinAs } from '../support/api';
import { connectControl, type ControlSocket, request, whenConnected } from '../support/clients';
import { ADMIN } from '../support/server';
import { OUTPUT, seriousViolations, useBrowserTest, watchErrors } from './browser-support';

const LAPTOP = { viewport: { width: 1366, height: 768 }, locale: 'ja-JP' } as const;

describe("the clerk's tools in a browser", () => {
  const test = useBrowserTest();
  const errors: string[] = [];
  const sockets: ControlSocket[] = [];
  afterAll(() => {
    for (const s of sockets.splice(0)) s.close();
  });

  async function signedIn(email = ADMIN.email, password = ADMIN.password): Promise<Page> {
    const context = await test.context(LAPTOP);
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    watchErrors(page, errors);
    await page.goto(`${test.server.url}/login`);
    await page.getByLabel('メールアドレス').fill(email);
    await page.getByLabel('パスワード').fill(password);
    await page.getByRole('button', { name: 'ログインする' }).click();
    await page.getByLabel('セッションのタイトル').waitFor();
    return page;
  }

  it('finds a card by a variant spelling, marks it, and opens its session', { timeout: 90_000 }, async () => {
    const { api, session } = await createSessionAsAdmin(test.server.url, '第3回 居場所の作業部会', 'free-board');
    const person = await joinAs(test.server.url, session.joinCode, '山田', 'npo');
    const phone = connectControl(test.server.url, person.token);
    sockets.push(phone);
    await whenConnected(phone);
    expect(await request(phone, 'card:add', { room: session.boards[0].room, id: randomUUID(), kind: 'idea', text: '週末にこども食堂を開く' })).toMatchObject({ ok: true });
    await api.request('POST', `/api/sessions/${session.id}/close`);

    const desk = await signedIn();
    await desk.goto(`${test.server.url}/secretariat/archive`);
    await desk.getByLabel('探すことば').fill('子ども食堂');
    await desk.getByRole('button', { name: '探す', exact: true }).click();
    const hit = desk.getByRole('listitem').filter({ hasText: '週末にこども食堂を開く' });
    expect(await hit.locator('mark').textContent()).toBe('こども食堂');
    expect(await seriousViolations(desk)).toEqual([]);
    await desk.screenshot({ path: path.join(OUTPUT, 'clerk-search.png'), fullPage: true });
    await hit.getByRole('link', { name: '事業報告を開く: 第3回 居場所の作業部会' }).click();
    await desk.getByRole('heading', { level: 1, name: /第3回 居場所の作業部会/ }).waitFor();

    // A test session goes after an in-app confirmation, and with it its card from the search.
    await desk.goto(`${test.server.url}/secretariat/archive`);
    await desk.getByRole('button', { name: '「第3回 居場所の作業部会」を削除' }).click();
    const dialog = desk.getByRole('dialog', { name: '「第3回 居場所の作業部会」を削除しますか' });
    await dialog.getByRole('button', { name: 'やめる' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await desk.getByRole('button', { name: '「第3回 居場所の作業部会」を削除' }).click();
    await dialog.getByRole('button', { name: '削除する' }).click();
    await desk.getByText('「第3回 居場所の作業部会」を削除しました。').waitFor();
    expect(await desk.getByRole('link', { name: '第3回 居場所の作業部会' }).count()).toBe(0);
    expect((await api.json<{ hits: unknown[] }>('GET', `/api/search?q=${encodeURIComponent('こども食堂')}`)).hits).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('fits the register table to 1366 × 768 and scrolls it inside its own box on a phone', { timeout: 90_000 }, async () => {
    const { api, session } = await createSessionAsAdmin(test.server.url, '台帳の確認', 'free-board');
    await api.json('POST', `/api/sessions/${session.id}/actions`, { title: '見守りの名簿を社協と共有する', ownerOrganization: '社会福祉協議会', ownerPerson: '高橋', dueDate: '2027-01-31' }, 201);
    const desk = await signedIn();
    await desk.goto(`${test.server.url}/secretariat/actions`);
    await desk.getByRole('row', { name: /見守りの名簿/ }).waitFor();
    expect(await desk.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
    // Sorted from the keyboard: the heading's button takes Enter.
    await desk.getByRole('button', { name: /^アクション/ }).focus();
    await desk.keyboard.press('Enter');
    await desk.getByRole('columnheader', { name: /アクション/ }).and(desk.locator('[aria-sort="ascending"]')).waitFor();
    const phone = await (await test.context({ viewport: { width: 360, height: 740 }, locale: 'ja-JP', isMobile: true, hasTouch: true })).newPage();
    watchErrors(phone, errors);
    await phone.context().addCookies(await desk.context().cookies());
    await phone.goto(`${test.server.url}/secretariat/actions`);
    const box = phone.getByRole('region', { name: /アクションの一覧/ });
    await box.waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await box.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await phone.screenshot({ path: path.join(OUTPUT, 'register-phone.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('lets the admin add an account and shows its one-time set-password link, which sets the password once', { timeout: 90_000 }, async () => {
    const desk = await signedIn();
    const form = desk.getByRole('region', { name: 'ファシリテーターを追加する' });
    await form.getByLabel('メールアドレス').fill('tanaka@example.jp');
    await form.getByLabel('表示名').fill('田中');
    await form.getByLabel('役割').selectOption({ label: '事務局' });
    await form.getByRole('button', { name: '追加する' }).click();
    const link = await desk.getByLabel('田中さんのリンク').inputValue();
    expect(link).toMatch(/\/set-password\/[A-Za-z0-9_-]{40,}$/);
    await desk.getByRole('row', { name: /田中/ }).getByText('パスワード未設定').waitFor();
    expect(await seriousViolations(desk)).toEqual([]);
    await desk.screenshot({ path: path.join(OUTPUT, 'accounts-link.png'), fullPage: true });

    const context = await test.context(LAPTOP);
    const person = await context.newPage();
    watchErrors(person, errors);
    await person.goto(new URL(new URL(link).pathname, test.server.url).toString());
    await person.getByText('田中（tanaka@example.jp）のパスワードを設定します。').waitFor();
    await person.getByLabel('パスワード（12文字以上）').fill('tanaka no password');
    await person.getByRole('button', { name: '設定する' }).click();
    await person.getByText('パスワードを設定しました。ログインしてください。').waitFor();
    await person.reload();
    await person.getByText('このリンクは使用済みか期限切れです。管理者に新しいリンクを頼んでください。').waitFor();
    await signedIn('tanaka@example.jp', 'tanaka no password');
    // The reload of a used link answers 410, which the browser logs as a failed request.
    expect(errors.filter((e) => !e.includes('410'))).toEqual([]);
  });
});
