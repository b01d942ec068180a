import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import type { SessionView } from '../../shared/schemas/api';
import { createSessionAsAdmin, joinAs } from '../support/api';
import { connectControl, type ControlSocket, request, whenConnected } from '../support/clients';
import { OUTPUT, openRunPage, seriousViolations, useBrowserTest, watchErrors } from './browser-support';
import { PHONE } from './phone-support';

const SHARE_PHASE = 7;
const PROJECTOR_SIZES = [
  { width: 1920, height: 1080 },
  { width: 1280, height: 720 },
] as const;

describe('a two-table workshop’s share-out and plenary vote in the browser', () => {
  // One person per sector is enough to show a vote; withholding small groups is tested elsewhere.
  const test = useBrowserTest({ smallGroupThreshold: 1 });
  const sockets: ControlSocket[] = [];
  const errors: string[] = [];

  afterAll(() => {
    for (const socket of sockets) socket.close();
  });

  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(OUTPUT, `${name}.png`) });

  async function control(token: string): Promise<ControlSocket> {
    const socket = connectControl(test.server.url, token);
    sockets.push(socket);
    await whenConnected(socket);
    return socket;
  }

  async function joinAtTable(code: string, name: string, table: RegExp): Promise<Page> {
    const context = await test.context(PHONE);
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    watchErrors(page, errors);
    await page.goto(`${test.server.url}/j/${code}`);
    await page.getByLabel('お名前（カードに表示されます）').fill(name);
    await page.getByRole('radio', { name: 'NPO・市民活動団体' }).check();
    await page.getByRole('button', { name: '参加する' }).click();
    await page.getByRole('radio', { name: table }).check();
    await page.getByRole('button', { name: 'このテーブルにする' }).click();
    await page.getByText(/^あなたのテーブル: /).waitFor();
    return page;
  }

  async function writeCard(page: Page, stage: string, text: string): Promise<void> {
    await page.getByRole('button', { name: 'カードを書く' }).click();
    await page.getByRole('radio', { name: '課題' }).check();
    await page.getByLabel('ステージ（任意）').selectOption({ label: stage });
    await page.getByLabel('内容', { exact: true }).fill(text);
    await page.getByRole('button', { name: '送る' }).click();
    await page.getByRole('region', { name: '自分のカード' }).getByRole('article').filter({ hasText: text }).getByRole('status').filter({ hasText: '保存しました' }).waitFor();
  }

  /** One vote item on a phone, by its card's words. */
  const voteItem = (page: Page, label: string): Locator => page.getByRole('region', { name: 'シールを貼って投票' }).getByRole('listitem').filter({ hasText: label });

  it('shows both tables’ cards by table and stage on the main board and the projector, and reveals a vote across the tables', async () => {
    const { api, session, facilitatorToken } = await createSessionAsAdmin(test.server.url, '第2回 作業部会「居場所を届ける」', 'community-lab');
    const withTables = await api.json<SessionView>('PUT', `/api/sessions/${session.id}/tables`, { mode: 'choose', tables: [{ name: 'A卓' }, { name: 'B卓' }] });
    const tableA = withTables.boards.find((b) => b.name === 'A卓')!.room;
    const fac = await control(facilitatorToken);
    // The issues phase: issue and question cards.
    expect(await request(fac, 'phase:set', { index: 3 })).toEqual({ ok: true });

    const [phoneA, phoneB] = await Promise.all([joinAtTable(session.joinCode, '田中', /^A卓/), joinAtTable(session.joinCode, '鈴木', /^B卓/)]);
    await writeCard(phoneA, '知る', '食堂があることが子どもに伝わっていない');
    await writeCard(phoneB, '参加する', '子どもだけで来てよいか分からない');
    // A third person at table A, on their own phone (written through the same command).
    const third = await joinAs(test.server.url, session.joinCode, '山本');
    const thirdSocket = await control(third.token);
    expect(await request(thirdSocket, 'table:choose', { room: tableA })).toEqual({ ok: true });
    const thirdCard = randomUUID();
    expect(await request(thirdSocket, 'card:add', { room: tableA, id: thirdCard, kind: 'issue', text: '送り迎えをする大人がいない', stageId: 'visit' })).toMatchObject({ ok: true });
    // The A table's phone marks 共感 on it.
    const agree = phoneA.getByRole('button', { name: /^「送り迎えをする大人がいない」に共感する/ });
    await agree.click();
    await expect.poll(() => agree.getAttribute('aria-pressed')).toBe('true');
    await agree.getByText('共感 1').waitFor();

    // The facilitator jumps to the share-out: the main board shows every table, by table and stage.
    const laptop = await openRunPage(test, session.id, errors);
    const controls = laptop.getByRole('region', { name: '進行の操作' });
    await controls.getByLabel('フェーズを選ぶ').selectOption({ index: SHARE_PHASE });
    await expect.poll(() => controls.getByLabel('フェーズを選ぶ').inputValue()).toBe(String(SHARE_PHASE));
    const rollup = laptop.getByRole('region', { name: '各テーブルのカード' });
    const tableOnLaptop = (name: string) => rollup.getByRole('region', { name: new RegExp(`^${name}`) });
    await tableOnLaptop('A卓').locator('[data-stage="know"]').getByText('食堂があることが子どもに伝わっていない').waitFor();
    await tableOnLaptop('A卓').locator('[data-stage="visit"]').getByText('送り迎えをする大人がいない').waitFor();
    await tableOnLaptop('B卓').locator('[data-stage="join"]').getByText('子どもだけで来てよいか分からない').waitFor();
    expect(await tableOnLaptop('B卓').getByText('送り迎えをする大人がいない').count()).toBe(0);
    // The 共感 count the server keeps, on the facilitator's card.
    await tableOnLaptop('A卓').getByRole('article').filter({ hasText: '送り迎えをする大人がいない' }).getByText('共感 1').waitFor();
    // Found without scrolling on the 1366 × 768 laptop.
    const rollupTop = await rollup.evaluate((el) => el.getBoundingClientRect().top);
    expect(rollupTop).toBeLessThan(768);
    await shot(laptop, 'shareout-facilitator');
    expect(await seriousViolations(laptop)).toEqual([]);

    // The projector shows both tables at once, fitting the wall.
    const link = await api.json<{ url: string }>('POST', `/api/sessions/${session.id}/observer-link`, {}, 201);
    const wall = await (await test.context({ viewport: PROJECTOR_SIZES[0], locale: 'ja-JP' })).newPage();
    watchErrors(wall, errors);
    const linkUrl = new URL(link.url);
    await wall.goto(`${test.server.url}${linkUrl.pathname}${linkUrl.hash}`);
    const bands = wall.getByRole('region', { name: '各テーブルのカード' });
    const band = (name: string) => bands.getByRole('region', { name: new RegExp(`^${name}`) });
    await band('A卓').getByText('食堂があることが子どもに伝わっていない').waitFor();
    await band('B卓').getByText('子どもだけで来てよいか分からない').waitFor();
    await band('A卓').getByRole('article').filter({ hasText: '送り迎えをする大人がいない' }).getByText('共感 1').waitFor();
    for (const size of PROJECTOR_SIZES) {
      await wall.setViewportSize(size);
      const fit = await wall.evaluate(() => ({ height: document.documentElement.scrollHeight, width: document.documentElement.scrollWidth }));
      expect(fit).toEqual({ height: size.height, width: size.width });
      await shot(wall, `shareout-projector-${size.width}`);
      expect(await seriousViolations(wall)).toEqual([]);
    }

    // A plenary vote from the main board over both tables' cards, each item naming its table.
    const panel = laptop.getByRole('region', { name: '投票と合意' });
    await panel.getByText('新しい投票', { exact: true }).click();
    await panel.getByText('対象 3項目（一覧を見る）').click();
    await panel.locator('.item-preview li').filter({ hasText: '子どもだけで来てよいか分からない' }).getByText('B卓').waitFor();
    await panel.getByRole('button', { name: '投票を始める', exact: true }).click();
    await panel.getByText('0人が投票しました').waitFor();
    await voteItem(phoneA, '子どもだけで来てよいか分からない').getByText('B卓').waitFor();
    await voteItem(phoneA, '子どもだけで来てよいか分からない').getByRole('button', { name: /にシールを1枚貼る$/ }).click();
    await voteItem(phoneA, '子どもだけで来てよいか分からない').getByRole('status').filter({ hasText: '1枚' }).waitFor();
    await voteItem(phoneB, '子どもだけで来てよいか分からない').getByRole('button', { name: /にシールを1枚貼る$/ }).click();
    await voteItem(phoneB, '子どもだけで来てよいか分からない').getByRole('status').filter({ hasText: '1枚' }).waitFor();
    await voteItem(phoneB, '送り迎えをする大人がいない').getByRole('button', { name: /にシールを1枚貼る$/ }).click();
    await voteItem(phoneB, '送り迎えをする大人がいない').getByRole('status').filter({ hasText: '1枚' }).waitFor();
    await panel.getByText('2人が投票しました').waitFor();
    await panel.getByRole('button', { name: '結果を公開する' }).click();

    // Revealed on the projector (auto: the results of this phase), every item with its table.
    const ranking = wall.getByRole('region', { name: /^投票の結果/ });
    await ranking.getByRole('listitem').first().getByText('シール 2枚').waitFor();
    expect(await ranking.getByRole('listitem').allTextContents()).toEqual([
      expect.stringMatching(/^1位子どもだけで来てよいか分からないB卓シール 2枚/),
      expect.stringMatching(/^2位送り迎えをする大人がいないA卓シール 1枚/),
      expect.stringMatching(/^3位食堂があることが子どもに伝わっていないA卓シール 0枚/),
    ]);
    await shot(wall, 'shareout-projector-results');
    expect(errors).toEqual([]);
  }, 150_000);
});
