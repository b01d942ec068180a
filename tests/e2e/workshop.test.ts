import path from 'node:path';
import type { BrowserContext, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ADMIN } from '../support/server';
import { OUTPUT, seriousViolations, useBrowserTest, watchErrors } from './browser-support';

const PHONE = { viewport: { width: 360, height: 740 }, locale: 'ja-JP', isMobile: true, hasTouch: true, deviceScaleFactor: 2 } as const;
// A phone without a network logs its failed reconnection attempts.
const OFFLINE_NOISE = [/ERR_INTERNET_DISCONNECTED/, /WebSocket connection to .* failed/];

describe('the community-lab workshop in a browser', () => {
  const test = useBrowserTest();
  const errors: string[] = [];



  async function newPage(options: BrowserContextOptions, expected: RegExp[] = []): Promise<{ context: BrowserContext; page: Page }> {
    const context = await test.context(options);
    // A step that cannot happen fails with its locator named, well within the test's time.
    context.setDefaultTimeout(30_000);
    const page = await context.newPage();
    watchErrors(page, errors, expected);
    return { context, page };
  }

  const shot = (page: Page, name: string, fullPage = true) => page.screenshot({ path: path.join(OUTPUT, `${name}.png`), fullPage });

  /** Join with the code as a phone, choose a table, and return the page. */
  async function joinAtTable(code: string, name: string, organization: string, table: RegExp, expected: RegExp[] = []) {
    const { context, page } = await newPage(PHONE, expected);
    await page.goto(`${test.server.url}/j/${code}`);
    await page.getByLabel('お名前（カードに表示されます）').fill(name);
    await page.getByRole('radio', { name: organization }).check();
    await page.getByRole('button', { name: '参加する' }).click();
    await page.getByRole('heading', { level: 2, name: 'テーブルを選んでください' }).waitFor();
    await page.getByRole('radio', { name: table }).check();
    await page.getByRole('button', { name: 'このテーブルにする' }).click();
    await page.getByText(/^あなたのテーブル: /).waitFor();
    return { context, page };
  }

  /** Write a card on the phone and return its entry under 自分のカード. */
  async function writeCard(page: Page, kind: string, stage: string, text: string): Promise<Locator> {
    await page.getByRole('button', { name: 'カードを書く' }).click();
    await page.getByRole('radio', { name: kind }).check();
    await page.getByLabel('ステージ（任意）').selectOption({ label: stage });
    await page.getByLabel('内容', { exact: true }).fill(text);
    await page.getByRole('button', { name: '送る' }).click();
    return page.getByRole('region', { name: '自分のカード' }).getByRole('article').filter({ hasText: text });
  }

  const kindsOffered = (page: Page) =>
    page
      .getByRole('group', { name: 'カードの種類' })
      .getByRole('radio')
      .evaluateAll((radios) => radios.map((r) => r.parentElement?.textContent));

  // About a minute on a two-core machine shared with other work (four browser contexts); the limit leaves room for a busier one.
  it('prepares, runs and shows a workshop with two tables, phones and a projector', async () => {
    // The facilitator prepares on a laptop, in Japanese.
    const { context: desk, page: fac } = await newPage({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP' });
    await fac.goto(`${test.server.url}/login`);
    await fac.getByLabel('メールアドレス').fill(ADMIN.email);
    await fac.getByLabel('パスワード').fill(ADMIN.password);
    await fac.getByRole('button', { name: 'ログインする' }).click();
    await fac.getByLabel('セッションのタイトル').fill('こども食堂ラボ');
    await fac.getByLabel('テンプレート').selectOption('community-lab');
    await fac.getByLabel('テーマ（任意）').fill('こどもが一人でも来られる食堂');
    await fac.getByRole('button', { name: '作成する' }).click();
    await fac.getByRole('heading', { level: 1, name: 'こども食堂ラボ' }).waitFor();

    const persona = fac.getByRole('region', { name: 'ペルソナ' });
    await persona.getByLabel('名前', { exact: true }).fill('ゆうきさん');
    await persona.getByLabel('年齢').fill('10歳');
    await persona.getByRole('radio', { name: '🧒' }).check();
    await persona.getByLabel('状況').fill('放課後は家で一人。');
    await persona.getByLabel('したいこと・ニーズ').fill('友だちと夕ごはんを食べたい');
    await persona.getByLabel('困りごと').fill('一人で行っていいのか分からない');
    const journey = fac.getByRole('region', { name: 'カスタマージャーニー' });
    await journey.getByLabel('新しいステージの名前').fill('広げる');
    await journey.getByRole('button', { name: 'ステージを追加' }).click();
    await journey.getByRole('button', { name: '「広げる」を前へ' }).click();
    await expect.poll(() => journey.getByRole('textbox').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))).toEqual(['知る', '行ってみる', '参加する', '広げる', '続ける', '']);
    await journey.getByRole('button', { name: '「広げる」を削除' }).click();

    const programme = fac.getByRole('region', { name: 'プログラム（フェーズ）' });
    await programme.getByRole('group', { name: 'フェーズ 4: 課題を出す' }).getByLabel('時間（分）').fill('12');
    await programme.getByRole('button', { name: 'プログラムを保存する' }).click();
    await programme.getByText('プログラムを保存しました。').waitFor();

    const tables = fac.getByRole('region', { name: 'テーブル（グループ討議）' });
    await tables.getByRole('radio', { name: '参加者がテーブルを選ぶ' }).check();
    await tables.getByLabel('テーブルの数').fill('2');
    await tables.getByLabel('テーブル 1 の名前').fill('A卓');
    await tables.getByLabel('テーブル 1 のテーマ（任意）').fill('知ってもらう');
    await tables.getByLabel('テーブル 2 の名前').fill('B卓');
    await tables.getByLabel('テーブル 2 のテーマ（任意）').fill('続けてもらう');
    await tables.getByRole('button', { name: 'テーブルを保存する' }).click();
    await tables.getByText('テーブルを保存しました。').waitFor();
    await tables.getByRole('button', { name: 'ペルソナとジャーニーを各テーブルにコピー' }).click();
    await tables.getByText('2つのテーブルにコピーしました。').waitFor();
    await fac.getByLabel('テンプレート名').fill('こども食堂ラボの型');
    await fac.getByRole('button', { name: 'テンプレートを保存する' }).click();
    await fac.getByText('テンプレート「こども食堂ラボの型」を保存しました。').waitFor();
    await shot(fac, 'workshop-facilitator-prepare');
    expect(await seriousViolations(fac)).toEqual([]);

    // Running: the projector link opens on a second screen (here a third browser context).
    await fac.getByRole('navigation', { name: 'このセッション' }).getByRole('link', { name: '進行' }).click();
    const controls = fac.getByRole('region', { name: '進行の操作' });
    const popup = desk.waitForEvent('page');
    await fac.getByRole('button', { name: 'プロジェクター画面を開く' }).click();
    await (await popup).close();
    const link = new URL(await fac.getByLabel('プロジェクター用リンク（別の端末で開く場合）').inputValue());
    expect(link.hash).toMatch(/^#token=/);
    const { page: projector } = await newPage({ viewport: { width: 1280, height: 720 }, locale: 'ja-JP' });
    await projector.goto(`${test.server.url}${link.pathname}${link.hash}`);
    await projector.getByRole('heading', { level: 1, name: 'こども食堂ラボ' }).waitFor();
    expect(projector.url()).not.toContain('token');
    await projector.getByRole('img', { name: '参加用URLのQRコード' }).waitFor();
    const code = (await projector.locator('.projector-code').textContent()) ?? '';
    expect(code).toMatch(/^\d{6}$/);

    for (let i = 0; i < 3; i++) await controls.getByRole('button', { name: '次のフェーズへ' }).click();
    await expect.poll(() => controls.getByLabel('フェーズを選ぶ').locator('option:checked').textContent()).toBe('フェーズ 4/10: 課題を出す');
    await controls.getByRole('button', { name: 'スタート' }).click();
    const projectorTimer = projector.getByRole('timer');
    await projector.getByText('フェーズ 4/10: 課題を出す').waitFor();
    await expect.poll(() => projectorTimer.textContent()).toMatch(/^11:5\d$/);
    const first = await projectorTimer.textContent();
    await expect.poll(() => projectorTimer.textContent()).not.toBe(first);

    // Two phones join and choose different tables; the issues phase offers issue and question only.
    const [{ page: p1 }, { context: phone2, page: p2 }] = await Promise.all([
      joinAtTable(code, '田中', 'NPO・市民活動団体', /^A卓/),
      joinAtTable(code, '鈴木', '宗教団体（寺社など）', /^B卓/, OFFLINE_NOISE),
    ]);
    await p1.getByText('書けるカード: 課題・質問').waitFor();
    await p1.getByRole('region', { name: 'ペルソナ' }).getByText('ゆうきさん').waitFor();
    await p1.getByRole('button', { name: 'カードを書く' }).click();
    expect(await kindsOffered(p1)).toEqual(['課題', '質問']);
    await p1.getByRole('button', { name: 'やめる' }).click();
    const issue = await writeCard(p1, '課題', '知る', '食堂があること自体が子どもに伝わっていない');
    await issue.getByRole('status').filter({ hasText: '保存しました' }).waitFor();
    const question = await writeCard(p2, '質問', '参加する', '子どもだけで来ても大丈夫ですか？');
    await question.getByRole('status').filter({ hasText: '保存しました' }).waitFor();

    // The ideas phase: only ideas.
    await controls.getByRole('button', { name: '次のフェーズへ' }).click();
    await p1.getByText('書けるカード: アイデア').waitFor();
    await p1.getByRole('button', { name: 'カードを書く' }).click();
    expect(await kindsOffered(p1)).toEqual(['アイデア']);
    await p1.getByRole('button', { name: 'やめる' }).click();
    const idea = await writeCard(p1, 'アイデア', '行ってみる', '学校で食堂のチラシを配る');
    await idea.getByRole('status').filter({ hasText: '保存しました' }).waitFor();

    // The second phone loses its Wi-Fi, writes a card (kept on the phone), and its page is closed.
    await p2.context().setOffline(true);
    await p2.getByRole('status').filter({ hasText: 'オフライン' }).waitFor();
    const offlineText = 'お寺の広間で月1回ひらく';
    const waiting = await writeCard(p2, 'アイデア', '続ける', offlineText);
    await waiting.getByRole('status').filter({ hasText: '未送信: この端末に保存しました' }).waitFor();
    await shot(p2, 'workshop-participant-offline');
    const participantUrl = p2.url();
    await p2.close();
    // Back online, the phone opens the page again: the kept card goes out, once.
    await phone2.setOffline(false);
    const p2b = await phone2.newPage();
    watchErrors(p2b, errors);
    await p2b.goto(participantUrl);
    const resent = p2b.getByRole('region', { name: '自分のカード' }).getByRole('article').filter({ hasText: offlineText });
    await resent.getByRole('status').filter({ hasText: '保存しました' }).waitFor();

    // The facilitator sees every table live, and the B table's board holds the card once.
    const overview = fac.getByRole('region', { name: 'テーブルの様子' });
    await overview.getByRole('article', { name: 'B卓' }).getByText(offlineText).waitFor();
    await overview.getByRole('article', { name: 'A卓' }).getByText('田中').waitFor();
    await fac.getByLabel('表示するボード').selectOption({ label: 'B卓' });
    const board = fac.getByRole('region', { name: 'ボード: B卓' });
    await board.getByRole('article').filter({ hasText: offlineText }).waitFor();
    expect(await board.getByRole('article').filter({ hasText: offlineText }).count()).toBe(1);

    // The B table's phone is appointed scribe: it may now tidy any card of its table directly.
    await fac.getByRole('region', { name: /^参加者/ }).getByRole('button', { name: '鈴木 さんを書記にする' }).click();
    await p2b.getByText('あなたはこのテーブルの書記です。どのカードも直せます。').waitFor();
    const tidy = p2b.getByRole('region', { name: 'みんなのカード' }).getByRole('article').filter({ hasText: offlineText });
    await tidy.getByRole('button', { name: '書記として直す' }).click();
    await tidy.getByLabel('カードの内容').fill(`${offlineText}（夏休みは毎週）`);
    await tidy.getByRole('button', { name: '保存する' }).click();
    await board.getByText(`${offlineText}（夏休みは毎週）`).waitFor();

    // Spotlight a card; share mode steps through both tables on the projector.
    await board.getByRole('article').filter({ hasText: '子どもだけで来ても大丈夫ですか？' }).getByRole('button', { name: /^カードの操作/ }).click();
    await fac.getByRole('menuitemcheckbox', { name: '注目' }).click();
    await controls.getByRole('button', { name: '共有モード' }).click();
    await projector.getByRole('heading', { name: 'テーブル 1/2: A卓' }).waitFor();
    await projector.getByText('食堂があること自体が子どもに伝わっていない').waitFor();
    await projector.getByText('学校で食堂のチラシを配る').waitFor();
    await controls.getByRole('button', { name: '次のテーブル' }).click();
    await projector.getByRole('heading', { name: 'テーブル 2/2: B卓' }).waitFor();
    await projector.getByText(offlineText).waitFor();
    expect(await projector.getByRole('article').filter({ hasText: offlineText }).count()).toBe(1);
    await projector.locator('.card.is-spotlight').filter({ hasText: '子どもだけで来ても大丈夫ですか？' }).first().waitFor();
    await shot(projector, 'workshop-projector-table-2');
    expect(await seriousViolations(projector)).toEqual([]);

    // Follow me: the A table's phone is brought to the stage the facilitator looks at.
    await fac.getByLabel('表示するボード').selectOption({ label: 'A卓' });
    await fac.getByLabel('注目するステージ').selectOption({ label: '行ってみる' });
    await controls.getByRole('button', { name: /^フォローミー/ }).click();
    await p1.getByText('ファシリテーターの画面に合わせて表示しています。').waitFor();
    await p1.getByRole('region', { name: /^行ってみる/ }).getByText('注目', { exact: true }).waitFor();
    await controls.getByRole('button', { name: /^フォローミー/ }).click();
    await p1.getByText('ファシリテーターの画面に合わせて表示しています。').waitFor({ state: 'detached' });

    // Someone without a phone: the facilitator registers them and writes their card on the A table.
    const proxy = fac.getByRole('region', { name: 'スマホのない方のカードを代理入力' });
    await proxy.getByLabel('お名前（空欄なら匿名）').fill('山田');
    await proxy.getByLabel('所属の種類').selectOption('social_welfare_council');
    await proxy.getByLabel('テーブル', { exact: true }).selectOption({ label: 'A卓' });
    await proxy.getByRole('button', { name: '登録する' }).click();
    await proxy.getByText('山田 さんを登録しました。').waitFor();
    await proxy.getByRole('radio', { name: 'アイデア' }).check();
    await proxy.getByLabel('内容', { exact: true }).fill('民生委員が声をかける');
    await proxy.getByRole('button', { name: '送る' }).click();
    const proxied = p1.getByRole('region', { name: 'みんなのカード' }).getByRole('article').filter({ hasText: '民生委員が声をかける' });
    await proxied.getByText('社会福祉協議会').waitFor();
    expect(await proxied.textContent()).toContain('山田');

    // Hide a card: it leaves the phones, and its author is told.
    const aBoard = fac.getByRole('region', { name: 'ボード: A卓' });
    await aBoard.getByRole('article').filter({ hasText: '学校で食堂のチラシを配る' }).getByRole('button', { name: /^カードの操作/ }).click();
    await fac.getByRole('menuitemcheckbox', { name: '非表示' }).click();
    await idea.getByText('ファシリテーターがこのカードを非表示にしました。').waitFor();
    await p1.getByRole('region', { name: 'みんなのカード' }).getByText('学校で食堂のチラシを配る').waitFor({ state: 'detached' });

    // Lock: the phones say so and offer no card.
    await controls.getByRole('button', { name: 'ボードをロック' }).click();
    await p1.getByText('ボードはロックされています。今はカードを書けません。').waitFor();
    expect(await p1.getByRole('button', { name: 'カードを書く' }).count()).toBe(0);
    await controls.getByRole('button', { name: 'ボードをロック' }).click();
    await p1.getByRole('button', { name: 'カードを書く' }).waitFor();

    await shot(fac, 'workshop-facilitator-run');
    await shot(p1, 'workshop-participant-board');
    expect(await seriousViolations(fac)).toEqual([]);
    expect(await seriousViolations(p1)).toEqual([]);

    // At 200% text size the phone page still fits its width.
    await p1.addStyleTag({ content: 'html { font-size: 200%; }' });
    expect(await p1.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await shot(p1, 'workshop-participant-200', false);
    await projector.setViewportSize({ width: 1920, height: 1080 });
    await shot(projector, 'workshop-projector-1080');
    expect(errors).toEqual([]);
  }, 180_000);
});
