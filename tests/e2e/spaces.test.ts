import path from 'node:path';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { SessionView } from '../../shared/schemas/api';
import type { SpaceRef } from '../../shared/schemas/spaces';
import { ApiClient, joinAs } from '../support/api';
import { ADMIN } from '../support/server';
import { OUTPUT, seriousViolations, useBrowserTest, watchErrors } from './browser-support';
import { PHONE, textSize } from './phone-support';

const LAPTOP = { viewport: { width: 1366, height: 768 }, locale: 'ja-JP' } as const;
const CLERK = { email: 'both@example.jp', password: 'password 123 long' };

describe('spaces in a browser', () => {
  const test = useBrowserTest();
  const errors: string[] = [];

  async function signedIn(device: BrowserContextOptions, who = { email: ADMIN.email, password: ADMIN.password }, text = 100): Promise<Page> {
    const context = await test.context(device);
    await textSize(context, text);
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    watchErrors(page, errors);
    await page.goto(`${test.server.url}/login`);
    await page.getByLabel('メールアドレス').fill(who.email);
    await page.getByLabel('パスワード').fill(who.password);
    await page.getByRole('button', { name: 'ログインする' }).click();
    await page.getByLabel('セッションのタイトル').waitFor();
    return page;
  }

  /** Whether a box lies inside the viewport's width (nothing cut off at either side). */
  async function insideWidth(page: Page, selector: string, width: number): Promise<void> {
    const box = await page.locator(selector).boundingBox();
    expect(box, selector).not.toBeNull();
    expect(box!.x, selector).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width, selector).toBeLessThanOrEqual(width);
  }

  it('lets the admin create a space and appoint someone, and a clerk in several spaces switch between them on a phone', { timeout: 120_000 }, async () => {
    // A clerk of the first space (appointed there while it is the only one) and one session in it.
    const admin = new ApiClient(test.server.url);
    await admin.login();
    const [first] = await admin.json<SpaceRef[]>('GET', '/api/spaces');
    const clerk = await admin.json<{ id: string }>('POST', '/api/users', { ...CLERK, displayName: '両方の事務局', role: 'secretariat' }, 201);
    const inFirst = await admin.json<SessionView>('POST', '/api/sessions', { title: '孤立の会', template: 'free-board' }, 201);

    const desk = await signedIn(LAPTOP);
    await desk.goto(`${test.server.url}/secretariat/spaces`);
    await desk.getByLabel('新しいスペースの名前').fill('ウェルビーイングなまちづくり');
    await desk.getByRole('button', { name: '作る', exact: true }).click();
    await desk.getByText('「ウェルビーイングなまちづくり」を作りました。').waitFor();
    await desk.getByRole('link', { name: 'ウェルビーイングなまちづくりの設定' }).click();
    await desk.getByRole('heading', { level: 1, name: 'ウェルビーイングなまちづくりの設定' }).waitFor();
    await desk.getByLabel('任命する人').selectOption({ label: '両方の事務局（both@example.jp）' });
    await desk.getByLabel('任命する役割').selectOption('secretariat');
    await desk.getByRole('button', { name: '一覧に加える' }).click();
    await desk.getByRole('button', { name: '任命を保存する' }).click();
    await desk.getByText('保存しました。').waitFor();
    const row = desk.getByRole('row', { name: /両方の事務局/ });
    expect(await row.getByRole('combobox').inputValue()).toBe('secretariat');
    await insideWidth(desk, '#space-appoint', 1366);
    expect(await seriousViolations(desk)).toEqual([]);
    await desk.screenshot({ path: path.join(OUTPUT, 'space-settings.png'), fullPage: true });

    const spaces = await admin.json<SpaceRef[]>('GET', '/api/spaces');
    const second = spaces.find((s) => s.name === 'ウェルビーイングなまちづくり')!;
    const inSecond = await admin.json<SessionView>('POST', '/api/sessions', { title: '健幸の会', template: 'free-board', spaceId: second.id }, 201);
    expect(clerk.id).toBeTruthy();

    // The clerk now works in both: a 360 px phone at 200 % text shows the switcher, and the list follows it.
    const phone = await signedIn(PHONE, CLERK, 200);
    const switcher = phone.getByLabel('取り組み（スペース）');
    await switcher.waitFor();
    expect(await switcher.locator('option').allTextContents()).toEqual([first.name, 'ウェルビーイングなまちづくり']);
    const sessions = phone.getByRole('region', { name: 'セッション一覧' });
    await sessions.getByRole('link', { name: inFirst.title }).waitFor();
    expect(await sessions.getByRole('link', { name: inSecond.title }).count()).toBe(0);
    await switcher.selectOption({ label: 'ウェルビーイングなまちづくり' });
    await sessions.getByRole('link', { name: inSecond.title }).waitFor();
    expect(await sessions.getByRole('link', { name: inFirst.title }).count()).toBe(0);
    await insideWidth(phone, '.space-switcher select', 360);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await seriousViolations(phone)).toEqual([]);
    await phone.screenshot({ path: path.join(OUTPUT, 'space-switcher-phone.png'), fullPage: true });

    // The secretariat pages keep the choice: the archive shows the second space's session only.
    await phone.goto(`${test.server.url}/secretariat/archive`);
    const navSwitcher = phone.locator('#secretariat-space');
    await navSwitcher.waitFor();
    expect(await navSwitcher.inputValue()).toBe(second.id);
    await phone.getByRole('link', { name: new RegExp(inSecond.title) }).first().waitFor();
    expect(await phone.getByRole('link', { name: new RegExp(inFirst.title) }).count()).toBe(0);
    await insideWidth(phone, '#secretariat-space', 360);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    // The settings page on the phone: nothing wider than the screen, the members' table in its own box.
    await phone.goto(`${test.server.url}/secretariat/spaces/${encodeURIComponent(second.id)}`);
    await phone.getByRole('heading', { level: 1, name: 'ウェルビーイングなまちづくりの設定' }).waitFor();
    await phone.getByRole('row', { name: /両方の事務局/ }).waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    for (const selector of ['#space-rename', '.space-table-box', 'button:has-text("任命を保存する")']) await insideWidth(phone, selector, 360);
    expect(await seriousViolations(phone)).toEqual([]);
    await phone.screenshot({ path: path.join(OUTPUT, 'space-settings-phone.png') });

    // The secretariat takes a session's own survey as the space's default for new sessions.
    const survey = [{ id: 'wellbeing', kind: 'scale', title: '今日の気分は', scale: { min: 1, max: 5, minLabel: '低い', maxLabel: '高い' } }];
    await admin.json('PUT', `/api/sessions/${inSecond.id}/survey`, survey);
    await desk.goto(`${test.server.url}/secretariat/spaces/${encodeURIComponent(second.id)}`);
    await desk.getByText('標準のアンケート（4問）で始まります。').waitFor();
    await desk.getByLabel('設問を写す会').selectOption({ label: inSecond.title });
    await desk.getByRole('button', { name: 'この会の設問を初期値にする' }).click();
    await desk.getByText('このスペースの設問（1問）で始まります。').waitFor();
    const made = await admin.json<SessionView>('POST', '/api/sessions', { title: '次の会', template: 'free-board', spaceId: second.id }, 201);
    expect((await admin.json<{ questions: Array<{ id: string }> }>('GET', `/api/sessions/${made.id}/survey/questions`)).questions.map((q) => q.id)).toEqual(['wellbeing']);

    // A type of the second space's own names its people in the session's report.
    await admin.json('PATCH', `/api/spaces/${second.id}`, { organizationTypes: { retired: ['company'], added: [{ id: 'shotenkai', labelJa: '商店会' }] } });
    // The join page of a session there offers the space's list: its own type, not the one it left out.
    const visitor = await (await test.context(PHONE)).newPage();
    await visitor.goto(`${test.server.url}/j/${inSecond.joinCode}`);
    await visitor.getByRole('radio', { name: '商店会' }).waitFor();
    expect(await visitor.getByRole('radio', { name: '企業', exact: true }).count()).toBe(0);
    await joinAs(test.server.url, inSecond.joinCode, '店主', 'shotenkai');
    await phone.goto(`${test.server.url}/secretariat/sessions/${inSecond.id}/report`);
    await phone.getByRole('heading', { level: 1, name: /健幸の会/ }).waitFor();
    await phone.getByRole('rowheader', { name: '商店会', exact: true }).first().waitFor();
    expect(await phone.getByText('shotenkai').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
