import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { OUTPUT, seriousViolations, useBrowserTest, watchErrors } from './browser-support';
import { seedDirectory, shiftJisCsv, signedIn } from './directory-support';
import { PHONE, textSize } from './phone-support';

describe("the secretariat's member records in a browser", () => {
  const test = useBrowserTest();
  const errors: string[] = [];
  beforeAll(async () => {
    await seedDirectory(test);
  });

  it('imports a Shift_JIS member list only once every row is right, and prints an update letter with its QR code', { timeout: 150_000 }, async () => {
    // The bad file's preview answers 400 on purpose, the revoked link 410.
    const desk = await signedIn(test, errors, [/400 \(Bad Request\).*\/organizations\/import\?preview=1/, /410 \(Gone\).*\/api\/update-links\//]);
    await desk.goto(`${test.server.url}/secretariat/organizations/import`);
    const header = '団体名,ふりがな,会員種別,団体の種類,地区,担当者,メール,電話,ウェブサイト';
    const file = desk.getByLabel('CSVファイル');
    await file.setInputFiles({ name: '会員名簿.csv', mimeType: 'text/csv', buffer: shiftJisCsv([header, '南区子育てサロン,みなみくこそだてさろん,パートナー会員,NPO・市民活動団体,南部,佐藤,salon@example.jp,,', '東町自治会,ひがしまちじちかい,ゴールド会員,自治会・町内会,東部,,,,']) });
    // Line 3 (the header is line 1) is named, and nothing is offered for import.
    const bad = desk.getByRole('region', { name: '1行に誤りがあるため、何も取り込みませんでした' });
    await bad.getByText(/^3行目: 会員種別「ゴールド会員」は 関係会員・パートナー会員・協議会員・なし のどれでもありません。/).waitFor();
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
    // The member who opens the old letter is told what to do.
    await desk.goto(`${test.server.url}${new URL(url).pathname}`);
    await desk.getByText('このリンクは使えません（期限切れか、無効にされました）。事務局に新しいリンクを頼んでください。').waitFor();
    expect(errors).toEqual([]);
  });

  it('adds an organisation and a weekly resource through the forms, and counts them in the figures with the gaps', { timeout: 150_000 }, async () => {
    const desk = await signedIn(test, errors);
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

    // Deleted after an in-app confirmation, the entry leaves the organisation's page.
    await desk.goBack();
    await desk.getByRole('link', { name: '「放課後の学習支援」を編集' }).click();
    await desk.getByRole('button', { name: 'この社会資源を削除する' }).click();
    const dialog = desk.getByRole('dialog', { name: '「放課後の学習支援」を削除しますか' });
    expect(await seriousViolations(desk)).toEqual([]);
    await dialog.getByRole('button', { name: '削除する' }).click();
    await desk.getByRole('heading', { level: 1, name: '西町学習会' }).waitFor();
    await desk.getByText('まだ登録がありません。').waitFor();
    expect(errors).toEqual([]);
  });

  it('renames, adds, retires and brings back the terms entries choose from', { timeout: 120_000 }, async () => {
    const desk = await signedIn(test, errors);
    await desk.goto(`${test.server.url}/secretariat/directory/taxonomies`);
    const categories = desk.getByRole('region', { name: '分野', exact: true });
    await categories.getByLabel('「見守り」の名前').fill('見守り・訪問');
    await categories.getByRole('button', { name: '分野を保存する' }).click();
    await categories.getByText('分野を保存しました。').waitFor();
    await categories.getByLabel('追加する項目').fill('フードバンク');
    await categories.getByRole('button', { name: '追加する', exact: true }).click();
    await categories.getByLabel('「フードバンク」の名前').waitFor();
    await categories.getByRole('button', { name: '「物品の提供」を外す' }).click();
    await categories.getByRole('button', { name: '分野を保存する' }).click();
    await categories.getByRole('button', { name: '「物品の提供」を戻す' }).waitFor();
    expect(await seriousViolations(desk)).toEqual([]);
    await desk.screenshot({ path: path.join(OUTPUT, 'directory-taxonomies.png'), fullPage: true });

    // The entry that had 見守り reads the new name; the facet offers the new term, not the retired one.
    await desk.goto(`${test.server.url}/secretariat/directory`);
    const watch = desk.getByRole('listitem').filter({ has: desk.getByRole('heading', { name: 'ひとり暮らし見守り訪問' }) });
    await watch.getByText('見守り・訪問', { exact: true }).waitFor();
    const offered = await desk.getByLabel('分野').locator('option').allTextContents();
    expect(offered).toContain('フードバンク');
    expect(offered).not.toContain('物品の提供');

    await desk.goto(`${test.server.url}/secretariat/directory/taxonomies`);
    await categories.getByRole('button', { name: '「物品の提供」を戻す' }).click();
    await categories.getByLabel('「物品の提供」の名前').waitFor();
    expect(errors).toEqual([]);
  });

  it("keeps the secretariat's screens inside a 360 px phone at 200 % text", { timeout: 150_000 }, async () => {
    const desk = await signedIn(test, errors);
    const context = await test.context(PHONE);
    context.setDefaultTimeout(20_000);
    await textSize(context, 200);
    await context.addCookies(await desk.context().cookies());
    const phone = await context.newPage();
    watchErrors(phone, errors);
    const problems: string[] = [];
    const check = async (name: string) => {
      const width = await phone.evaluate(() => document.documentElement.scrollWidth);
      if (width > 360) problems.push(`${name}: ${width}px wide`);
      for (const v of await seriousViolations(phone)) problems.push(`${name}: ${v}`);
    };
    await phone.goto(`${test.server.url}/secretariat/organizations`);
    await phone.getByRole('link', { name: '北部こども食堂の会' }).waitFor();
    await check('organisations');
    await phone.getByRole('link', { name: '北部こども食堂の会' }).click();
    await phone.getByRole('heading', { level: 1, name: '北部こども食堂の会' }).waitFor();
    await check('organisation');
    await phone.getByRole('link', { name: '「みんなの食堂」を編集' }).click();
    await phone.getByRole('group', { name: '開催日' }).waitFor();
    await check('resource form');
    await phone.goto(`${test.server.url}/secretariat/directory`);
    await phone.getByRole('list', { name: '社会資源' }).getByRole('heading', { name: 'みんなの食堂' }).waitFor();
    await check('directory');
    await phone.screenshot({ path: path.join(OUTPUT, 'directory-secretariat-phone.png') });
    expect(problems).toEqual([]);
    expect(errors).toEqual([]);
  });
});
