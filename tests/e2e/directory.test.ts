import path from 'node:path';
import Encoding from 'encoding-japanese';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api';
import { ADMIN } from '../support/server';
import { OUTPUT, seriousViolations, useBrowserTest, watchErrors } from './browser-support';
import { PHONE, textSize } from './phone-support';

const LAPTOP = { viewport: { width: 1366, height: 768 }, locale: 'ja-JP' } as const;

/** A CSV as Excel on a Japanese Windows saves it: Shift_JIS, CRLF. */
function shiftJisCsv(lines: string[]): Buffer {
  return Buffer.from(Encoding.convert(Encoding.stringToCode(lines.join('\r\n') + '\r\n'), { to: 'SJIS', from: 'UNICODE' }));
}

interface Seeded {
  spaceId: string;
  shokudoOrg: string;
  shokudo: string;
  mimamori: string;
  linkPath: string;
}

/** Where an element sits in the viewport, and how wide the page is. */
async function placement(page: Page, target: Locator): Promise<{ top: number; bottom: number; left: number; right: number; scrollWidth: number; viewport: number }> {
  await page.evaluate(() => window.scrollTo(0, 0));
  const box = await target.boundingBox();
  if (!box) throw new Error('the element is not laid out');
  const { scrollWidth, viewport } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, viewport: window.innerWidth }));
  return { top: box.y, bottom: box.y + box.height, left: box.x, right: box.x + box.width, scrollWidth, viewport };
}

describe('the social-resource directory in a browser', () => {
  const test = useBrowserTest();
  const errors: string[] = [];
  const api = () => new ApiClient(test.server.url);
  let seeded: Seeded;

  // Two members, each with one entry: a children's cafeteria in 北部 on Wednesdays, a watch-over round in 中央.
  beforeAll(async () => {
    const admin = api();
    await admin.login();
    const [space] = await admin.json<Array<{ id: string; name: string }>>('GET', '/api/spaces');
    const add = (body: object) => admin.json<{ id: string }>('POST', `/api/spaces/${space.id}/organizations`, body, 201);
    const shokudoOrg = (await add({ name: '北部こども食堂の会', kana: 'ほくぶこどもしょくどうのかい', membership: 'partner', organizationType: 'npo', districts: ['北部'] })).id;
    const mimamoriOrg = (await add({ name: '中央見守りネット', kana: 'ちゅうおうみまもりねっと', membership: 'relation', organizationType: 'social_welfare_council', districts: ['中央'] })).id;
    const shokudo = await admin.json<{ id: string }>('POST', `/api/organizations/${shokudoOrg}/resources`, {
      name: 'みんなの食堂',
      description: '地域のこどもと大人がいっしょに夕ご飯を食べる食堂です。',
      categories: ['食事・食料', '居場所'],
      audiences: ['こども'],
      districts: ['北部'],
      schedule: { rrule: 'FREQ=WEEKLY;BYDAY=WE', opensAt: '15:00', closesAt: '18:00' },
      address: '北部公民館',
      contact: '090-0000-0000',
      status: 'active',
      published: true,
    }, 201);
    const mimamori = await admin.json<{ id: string }>('POST', `/api/organizations/${mimamoriOrg}/resources`, {
      name: 'ひとり暮らし見守り訪問',
      categories: ['見守り'],
      audiences: ['高齢者'],
      districts: ['中央'],
      schedule: { rrule: 'FREQ=MONTHLY;BYDAY=1MO' },
      status: 'active',
      published: true,
    }, 201);
    // Not published: the public view must leave it out.
    await admin.json('POST', `/api/organizations/${mimamoriOrg}/resources`, { name: '介護の相談窓口', categories: ['相談'], audiences: ['高齢者'], districts: ['中央'], status: 'active', published: false }, 201);
    // Both were last confirmed long ago: the cafeteria's member will confirm it, the other stays flagged.
    const db = test.server.app.database.db;
    await db.updateTable('resources').set({ last_confirmed_on: '2025-06-01' }).where('id', '=', shokudo.id).execute();
    await db.updateTable('resources').set({ last_confirmed_on: '2025-01-15' }).where('id', '=', mimamori.id).execute();
    const link = await admin.json<{ url: string }>('POST', `/api/organizations/${shokudoOrg}/update-link`, undefined, 201);
    seeded = { spaceId: space.id, shokudoOrg, shokudo: shokudo.id, mimamori: mimamori.id, linkPath: new URL(link.url).pathname };
  });

  it('lets a member change its schedule and confirm from its update link on a 360 × 740 phone at 200 % text', { timeout: 120_000 }, async () => {
    const context = await test.context(PHONE);
    context.setDefaultTimeout(20_000);
    await textSize(context, 200);
    const phone = await context.newPage();
    watchErrors(phone, errors);
    await phone.goto(`${test.server.url}${seeded.linkPath}`);
    await phone.getByRole('heading', { level: 1, name: '北部こども食堂の会' }).waitFor();
    await phone.getByText('最終確認: 2025年6月1日').waitFor();
    const confirm = phone.getByRole('button', { name: '内容は正しいです（確認）' });
    const first = await placement(phone, confirm);
    await phone.screenshot({ path: path.join(OUTPUT, 'directory-member-phone.png') });
    expect(first.top).toBeGreaterThanOrEqual(0);
    expect(first.bottom).toBeLessThanOrEqual(740);
    expect(first.left).toBeGreaterThanOrEqual(0);
    expect(first.right).toBeLessThanOrEqual(360);
    expect(first.scrollWidth).toBeLessThanOrEqual(360);
    expect(await seriousViolations(phone)).toEqual([]);

    // The entry opens to its form; the schedule becomes 毎月第2土曜 10:00–12:00.
    await phone.getByText('みんなの食堂').click();
    const entry = phone.locator('details[open]');
    await entry.getByRole('radio', { name: '毎月第○曜日' }).check();
    await entry.getByLabel('何週目').selectOption({ label: '第2' });
    await entry.getByLabel('曜日', { exact: true }).selectOption({ label: '土曜' });
    await entry.getByLabel('開始時刻').fill('10:00');
    await entry.getByLabel('終了時刻').fill('12:00');
    await entry.getByText('表示: 毎月第2土曜 10:00–12:00').waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await seriousViolations(phone)).toEqual([]);
    await entry.getByRole('group', { name: '開催日' }).screenshot({ path: path.join(OUTPUT, 'directory-member-schedule.png') });
    const save = entry.getByRole('button', { name: 'この内容で保存する' });
    await save.click();
    await entry.getByText('「みんなの食堂」を保存しました。').waitFor();
    // The summary line now shows the server's reading of the stored rule.
    await entry.locator('summary').getByText('毎月第2土曜 10:00–12:00').waitFor();

    await confirm.click();
    const today = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);
    const [y, m, d] = today.split('-').map(Number);
    await phone.getByText(`確認しました（${y}年${m}月${d}日）。ありがとうございます。`).waitFor();
    await phone.getByText(`最終確認: ${y}年${m}月${d}日`).waitFor();

    // A new entry, and the member's own phone number.
    await phone.locator('summary').filter({ hasText: '社会資源を追加する' }).click();
    const adding = phone.locator('details[open]').filter({ has: phone.getByRole('button', { name: 'この内容で追加する' }) });
    await adding.getByLabel('名前').fill('こども学習室');
    await adding.getByRole('group', { name: '分野' }).getByLabel('学習支援').check();
    await adding.getByRole('group', { name: '対象' }).getByLabel('こども').check();
    await adding.getByRole('radio', { name: '毎週' }).check();
    await adding.getByRole('button', { name: 'この内容で追加する' }).click();
    await phone.getByText('「こども学習室」を保存しました。').waitFor();
    await phone.locator('summary').filter({ hasText: 'こども学習室' }).getByText('毎週水曜').waitFor();
    await phone.getByText('団体の連絡先を直す').click();
    await phone.getByLabel('電話').fill('011-222-3333');
    await phone.getByRole('button', { name: '連絡先を保存する' }).click();
    await phone.getByText('連絡先を保存しました。').waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    const admin = api();
    await admin.login();
    const page = await admin.json<{ organization: { phone: string }; resources: Array<{ id: string; name: string; schedule: { rrule: string; textJa: string } | null; lastConfirmedOn: string | null }>; changes: Array<{ field: string; by: string }> }>('GET', `/api/organizations/${seeded.shokudoOrg}`);
    expect(page.organization.phone).toBe('011-222-3333');
    expect(page.resources.find((r) => r.name === 'こども学習室')?.schedule?.rrule).toBe('FREQ=WEEKLY;BYDAY=WE');
    const stored = page.resources.find((r) => r.id === seeded.shokudo)!;
    expect(stored.schedule?.rrule).toMatch(/^FREQ=MONTHLY;BYDAY=\+?2SA$/);
    expect(stored.schedule?.textJa).toBe('毎月第2土曜 10:00–12:00');
    expect(stored.lastConfirmedOn).toBe(today);
    // Both the schedule and the confirmation are in the history, as the link's doing.
    expect(page.changes.filter((c) => c.by === `link:${seeded.shokudoOrg}`).map((c) => c.field)).toEqual(expect.arrayContaining(['schedule', 'lastConfirmedOn']));
    expect(errors).toEqual([]);
  });

  /** The secretariat's laptop, signed in as the test admin. */
  async function signedIn(expected: RegExp[] = []): Promise<Page> {
    const context = await test.context(LAPTOP);
    context.setDefaultTimeout(20_000);
    const desk = await context.newPage();
    watchErrors(desk, errors, expected);
    await desk.goto(`${test.server.url}/login`);
    await desk.getByLabel('メールアドレス').fill(ADMIN.email);
    await desk.getByLabel('パスワード').fill(ADMIN.password);
    await desk.getByRole('button', { name: 'ログインする' }).click();
    await desk.getByLabel('セッションのタイトル').waitFor();
    return desk;
  }

  it('lets the secretariat find an entry by facet and by a two-character search at 1366 × 768', { timeout: 120_000 }, async () => {
    const desk = await signedIn();
    await desk.goto(`${test.server.url}/secretariat/directory`);
    const results = desk.getByRole('list', { name: '社会資源' });
    const entry = (name: string) => results.getByRole('listitem').filter({ has: desk.getByRole('heading', { name }) });
    await entry('みんなの食堂').waitFor();
    await entry('ひとり暮らし見守り訪問').waitFor();

    // Printed for 民生委員: no search or facets, the entries in two columns on the A4 page.
    await desk.emulateMedia({ media: 'print' });
    expect(await desk.getByLabel('ことばで探す').isVisible()).toBe(false);
    const [left, right] = [await entry('ひとり暮らし見守り訪問').boundingBox(), await entry('みんなの食堂').boundingBox()];
    expect(left && right && right.x - left.x).toBeGreaterThan(200);
    await desk.screenshot({ path: path.join(OUTPUT, 'directory-print.png'), fullPage: true });
    await desk.emulateMedia({ media: 'screen' });

    // By facet: 見守り leaves the watch-over round only.
    await desk.getByLabel('分野').selectOption({ label: '見守り' });
    await desk.getByText('1件').waitFor();
    expect(await entry('ひとり暮らし見守り訪問').count()).toBe(1);
    expect(await entry('みんなの食堂').count()).toBe(0);
    const found = await placement(desk, entry('ひとり暮らし見守り訪問'));
    await desk.screenshot({ path: path.join(OUTPUT, 'directory-facet.png') });
    expect(found.top).toBeGreaterThanOrEqual(0);
    expect(found.bottom).toBeLessThanOrEqual(768);
    expect(found.scrollWidth).toBeLessThanOrEqual(1366);
    await entry('ひとり暮らし見守り訪問').getByText('毎月第1月曜').waitFor();
    // Not confirmed for a year: flagged for the secretariat.
    await entry('ひとり暮らし見守り訪問').getByText('要確認（最終確認 2025年1月15日）').waitFor();
    expect(await seriousViolations(desk)).toEqual([]);

    // By search: 食堂 (two characters, below the trigram index's reach) finds the cafeteria.
    await desk.getByLabel('分野').selectOption({ label: 'すべて' });
    await desk.getByLabel('ことばで探す').fill('食堂');
    await desk.getByRole('button', { name: '探す', exact: true }).click();
    // The cafeteria by its name, and the study room its member added by the organisation's name.
    await desk.getByText('2件').waitFor();
    expect(await entry('みんなの食堂').count()).toBe(1);
    expect(await entry('こども学習室').count()).toBe(1);
    expect(await entry('ひとり暮らし見守り訪問').count()).toBe(0);
    await entry('みんなの食堂').getByText('北部こども食堂の会').waitFor();
    expect(desk.url()).toContain(`q=${encodeURIComponent('食堂')}`);
    expect(await seriousViolations(desk)).toEqual([]);
    await desk.screenshot({ path: path.join(OUTPUT, 'directory-search.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('imports a Shift_JIS member list only once every row is right, and prints an update letter with its QR code', { timeout: 150_000 }, async () => {
    // The bad file's preview answers 400 on purpose.
    const desk = await signedIn([/400 \(Bad Request\).*\/organizations\/import\?preview=1/]);
    await desk.goto(`${test.server.url}/secretariat/organizations/import`);
    const header = '団体名,ふりがな,会員種別,団体の種類,地区,担当者,メール,電話,ウェブサイト';
    const file = desk.getByLabel('CSVファイル');
    await file.setInputFiles({ name: '会員名簿.csv', mimeType: 'text/csv', buffer: shiftJisCsv([header, '南区子育てサロン,みなみくこそだてさろん,パートナー会員,NPO・市民活動団体,南部,佐藤,salon@example.jp,,', '東町自治会,ひがしまちじちかい,ゴールド会員,自治会・町内会,東部,,,,']) });
    // Line 3 (the header is line 1) is named, and nothing is offered for import.
    const bad = desk.getByRole('region', { name: '1行に誤りがあるため、何も取り込みませんでした' });
    await bad.getByText(/^3行目: 会員種別 「ゴールド会員」/).waitFor();
    expect(await desk.getByRole('button', { name: /団体を取り込む$/ }).count()).toBe(0);
    expect(await seriousViolations(desk)).toEqual([]);
    await desk.screenshot({ path: path.join(OUTPUT, 'directory-import-bad.png'), fullPage: true });

    await file.setInputFiles({ name: '会員名簿.csv', mimeType: 'text/csv', buffer: shiftJisCsv([header, '南区子育てサロン,みなみくこそだてさろん,パートナー会員,NPO・市民活動団体,南部,佐藤,salon@example.jp,,', '東町自治会,ひがしまちじちかい,関係会員,自治会・町内会,東部、中央,,,,']) });
    const preview = desk.getByRole('region', { name: '取り込む前の確認: 2団体' });
    await preview.getByRole('rowheader', { name: '東町自治会' }).waitFor();
    await desk.getByText('文字コード: Shift_JIS（自動で判定しました）').waitFor();
    expect(await seriousViolations(desk)).toEqual([]);
    await desk.getByRole('button', { name: '2団体を取り込む' }).click();
    await desk.getByText('2団体を取り込みました。').waitFor();

    // The list is in 五十音 order of the reading: ちゅうおう…, ひがしまち…, ほくぶ…, みなみく….
    await desk.getByRole('status').getByRole('link', { name: '会員団体' }).click();
    const names = desk.getByRole('table', { name: '会員団体の一覧（五十音順）' }).getByRole('rowheader');
    await expect.poll(async () => (await names.allTextContents()).map((n) => n.replace(/[ぁ-ん]+$/, ''))).toEqual(['中央見守りネット', '東町自治会', '北部こども食堂の会', '南区子育てサロン']);
    await desk.getByLabel('会員種別').selectOption({ label: 'パートナー会員' });
    await expect.poll(async () => (await names.allTextContents()).length).toBe(2);
    expect(await seriousViolations(desk)).toEqual([]);

    await desk.getByRole('link', { name: '南区子育てサロン' }).click();
    await desk.getByRole('heading', { level: 1, name: '南区子育てサロン' }).waitFor();
    await desk.getByRole('button', { name: 'リンクを作る' }).click();
    const url = await desk.getByLabel('南区子育てサロンの更新用リンク').inputValue();
    expect(url).toMatch(/\/u\/[A-Za-z0-9_-]{20,}$/);
    const letter = desk.getByRole('article', { name: '南区子育てサロン 御中' });
    const qr = letter.getByRole('img', { name: '更新用リンクのQRコード' });
    await expect.poll(() => qr.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    expect(await seriousViolations(desk)).toEqual([]);
    // Printed, the page is the letter alone: the QR code on an A4 sheet, the menus gone.
    await desk.emulateMedia({ media: 'print' });
    expect(await desk.getByRole('navigation', { name: '事務局のメニュー' }).isVisible()).toBe(false);
    expect(await desk.getByRole('heading', { level: 1, name: '南区子育てサロン' }).isVisible()).toBe(false);
    expect(await desk.getByRole('heading', { level: 2, name: '更新用リンク' }).isVisible()).toBe(false);
    expect(await letter.getByRole('heading', { name: '南区子育てサロン 御中' }).isVisible()).toBe(true);
    const printed = await qr.boundingBox();
    expect(printed && printed.width).toBeGreaterThan(100);
    await desk.screenshot({ path: path.join(OUTPUT, 'directory-letter-print.png'), fullPage: true });
    await desk.emulateMedia({ media: 'screen' });

    // The link works until it is revoked.
    await desk.getByRole('button', { name: 'リンクを無効にする' }).click();
    await desk.getByText('リンクを無効にしました。').waitFor();
    const gone = await fetch(`${test.server.url}/api/update-links/${url.split('/u/')[1]}`);
    expect(gone.status).toBe(410);
    expect(errors).toEqual([]);
  });

  it('adds an organisation and a weekly resource through the forms, and counts them in the figures with the gaps', { timeout: 150_000 }, async () => {
    const desk = await signedIn();
    await desk.goto(`${test.server.url}/secretariat/organizations/new`);
    await desk.getByLabel('団体名').fill('西町学習会');
    await desk.getByLabel('ふりがな').fill('にしまちがくしゅうかい');
    await desk.getByLabel('会員種別').selectOption({ label: '協議会員' });
    await desk.getByLabel('団体の種類').selectOption({ label: '大学・研究機関' });
    await desk.getByLabel('地区').fill('西部');
    expect(await seriousViolations(desk)).toEqual([]);
    await desk.getByRole('button', { name: '保存する' }).click();
    await desk.getByRole('heading', { level: 1, name: '西町学習会' }).waitFor();
    await desk.getByText('協議会員').waitFor();

    await desk.getByRole('link', { name: '社会資源を追加する' }).click();
    await desk.getByLabel('名前').fill('放課後の学習支援');
    await desk.getByRole('group', { name: '分野' }).getByLabel('学習支援').check();
    await desk.getByRole('group', { name: '対象' }).getByLabel('こども').check();
    await desk.getByLabel('ほかの地区').fill('西部');
    const schedule = desk.getByRole('group', { name: '開催日' });
    await schedule.getByRole('radio', { name: '毎週' }).check();
    // Wednesday comes ticked; the class meets on Tuesdays and Thursdays.
    await schedule.getByLabel('火曜').check();
    await schedule.getByLabel('木曜').check();
    await schedule.getByLabel('水曜').uncheck();
    await schedule.getByLabel('開始時刻').fill('16:00');
    await schedule.getByText('表示: 毎週火・木曜 16:00').waitFor();
    expect(await seriousViolations(desk)).toEqual([]);
    await desk.screenshot({ path: path.join(OUTPUT, 'directory-resource-form.png'), fullPage: true });
    await desk.getByRole('button', { name: '社会資源を追加する' }).click();
    await desk.getByRole('heading', { level: 1, name: '西町学習会' }).waitFor();
    const added = desk.getByRole('listitem').filter({ has: desk.getByRole('heading', { name: '放課後の学習支援' }) });
    await added.getByText('毎週火・木曜 16:00から').waitFor();

    await desk.goto(`${test.server.url}/secretariat/directory/figures`);
    const kinds = desk.getByRole('table', { name: '会員種別ごとの団体数' });
    await kinds.getByRole('row', { name: /協議会員/ }).waitFor();
    expect(await kinds.getByRole('row', { name: /協議会員/ }).getByRole('cell').textContent()).toBe('1');
    // For children: 西部 has 学習支援 now, and no 居場所.
    const gaps = desk.getByRole('region', { name: '足りないところ（こども向け）' });
    const west = gaps.getByRole('listitem').filter({ hasText: /^西部にないもの: / });
    await west.waitFor();
    expect((await west.textContent())?.split(/: |、/).slice(1)).toContain('居場所');
    expect((await west.textContent())?.split(/: |、/).slice(1)).not.toContain('学習支援');
    expect(await seriousViolations(desk)).toEqual([]);
    await desk.screenshot({ path: path.join(OUTPUT, 'directory-figures.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('shows residents only the published entries on the public page, on a 360 px phone at 200 % text', { timeout: 120_000 }, async () => {
    const context = await test.context(PHONE);
    context.setDefaultTimeout(20_000);
    await textSize(context, 200);
    const phone = await context.newPage();
    watchErrors(phone, errors);
    await phone.goto(`${test.server.url}/d/${seeded.spaceId}`);
    const results = phone.getByRole('list', { name: '社会資源' });
    await results.getByRole('heading', { name: 'ひとり暮らし見守り訪問' }).waitFor();
    await results.getByRole('heading', { name: 'みんなの食堂' }).waitFor();
    expect(await phone.getByText('介護の相談窓口').count()).toBe(0);
    // Nothing of the secretariat's: no stale flag, no status.
    expect(await phone.getByText(/要確認/).count()).toBe(0);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await seriousViolations(phone)).toEqual([]);
    await phone.screenshot({ path: path.join(OUTPUT, 'directory-public-phone.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  // Last: a second space puts the switcher in the menu for the rest of the file.
  it('shows the directory and the members of the space chosen in the menu, nothing of another', { timeout: 120_000 }, async () => {
    const admin = api();
    await admin.login();
    await admin.json('POST', '/api/spaces', { name: 'ウェルビーイングなまちづくり' }, 201);
    const desk = await signedIn();
    await desk.goto(`${test.server.url}/secretariat/directory`);
    const results = desk.getByRole('list', { name: '社会資源' });
    await results.getByRole('heading', { name: 'みんなの食堂' }).waitFor();
    await desk.getByLabel('取り組み（スペース）').selectOption({ label: 'ウェルビーイングなまちづくり' });
    await desk.getByText('0件').waitFor();
    expect(await results.getByRole('listitem').count()).toBe(0);
    await desk.getByRole('link', { name: '会員団体', exact: true }).click();
    await desk.getByText('0団体のうち0団体').waitFor();
    await desk.getByLabel('取り組み（スペース）').selectOption({ label: 'はじめのスペース' });
    await desk.getByRole('link', { name: '北部こども食堂の会' }).waitFor();
    expect(errors).toEqual([]);
  });
});
