import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api';
import { OUTPUT, seriousViolations, useBrowserTest, watchErrors } from './browser-support';
import { placement, type Seeded, seedDirectory, signedIn } from './directory-support';
import { PHONE, textSize } from './phone-support';

describe('the social-resource directory in a browser', () => {
  const test = useBrowserTest();
  const errors: string[] = [];
  const api = () => new ApiClient(test.server.url);
  let seeded: Seeded;
  beforeAll(async () => {
    seeded = await seedDirectory(test);
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


  it('lets the secretariat find an entry by facet and by a two-character search at 1366 × 768', { timeout: 120_000 }, async () => {
    const desk = await signedIn(test, errors);
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
    const desk = await signedIn(test, errors);
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
