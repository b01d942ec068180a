import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { BrowserContextOptions, Locator, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { createSessionAsAdmin } from '../support/api';
import { connectControl, type ControlSocket, request, whenConnected } from '../support/clients';
import { ADMIN } from '../support/server';
import { OUTPUT, seriousViolations, useBrowserTest, watchErrors } from './browser-support';

const PHONE = { viewport: { width: 360, height: 740 }, locale: 'ja-JP', isMobile: true, hasTouch: true, deviceScaleFactor: 2 } as const;
const LAPTOP = { viewport: { width: 1280, height: 900 }, locale: 'ja-JP' } as const;

describe('grouping, dot voting, the agreement poll by sector, and decisions in a browser', () => {
  // One person per sector here: the sector view is what is tested, so no sector is withheld as
  // too small (withholding is tested in tests/integration/report-record.test.ts).
  const test = useBrowserTest({ smallGroupThreshold: 1 });
  let socket: ControlSocket | null = null;
  const errors: string[] = [];


  afterAll(async () => {
    socket?.close();
  });

  async function newPage(options: BrowserContextOptions): Promise<Page> {
    const context = await test.context(options);
    // A step that cannot happen fails with its locator named; the margin is for a busy machine.
    context.setDefaultTimeout(15_000);
    context.setDefaultNavigationTimeout(30_000);
    const page = await context.newPage();
    watchErrors(page, errors);
    return page;
  }

  const shot = (page: Page, name: string, fullPage = true) => page.screenshot({ path: path.join(OUTPUT, `${name}.png`), fullPage });

  async function joinOnPhone(code: string, name: string, organization: string): Promise<Page> {
    const page = await newPage(PHONE);
    await page.goto(`${test.server.url}/j/${code}`);
    await page.getByLabel('お名前（カードに表示されます）').fill(name);
    await page.getByRole('radio', { name: organization }).check();
    await page.getByRole('button', { name: '参加する' }).click();
    await page.getByRole('heading', { level: 2, name: 'みんなのカード' }).waitFor();
    return page;
  }

  /** One vote item on a phone, by the words of its card or group. */
  const voteItem = (page: Page, label: string): Locator => page.getByRole('region', { name: 'シールを貼って投票' }).getByRole('listitem').filter({ hasText: label });

  /** Press + on an item and wait for the server's answer to show. */
  async function addDot(page: Page, label: string, expected: string) {
    const item = voteItem(page, label);
    await item.getByRole('button', { name: /にシールを1枚貼る$/ }).click();
    await item.getByRole('status').filter({ hasText: expected }).waitFor();
  }

  /** The support cell of one sector's row in one item's table. */
  const support = (scope: Locator, item: string, sector: string) =>
    scope.getByRole('article', { name: item }).getByRole('row').filter({ has: scope.page().getByRole('rowheader', { name: sector }) }).locator('td').last();

  // About 40 s on an idle machine; the limit leaves room for a busy one (four browser contexts on two cores).
  it('groups cards, votes with dots in secret, polls agreement by sector and records the outcome', async () => {
    // Set up through the API: a community-lab session whose main board holds four cards.
    const { api, session, facilitatorToken } = await createSessionAsAdmin(test.server.url, 'こども食堂ラボ', 'community-lab');
    const room = session.boards[0].room;
    socket = connectControl(test.server.url, facilitatorToken);
    await whenConnected(socket);
    const texts = ['送迎ボランティアを募集する', '送迎ボランティアに保険をかける', 'お寺の広間で食堂をひらく', '子どもが一人で来られない'];
    for (const [i, text] of texts.entries()) {
      expect(await request(socket, 'card:add', { room, id: randomUUID(), kind: i === 3 ? 'issue' : 'idea', text, stageId: 'visit' })).toMatchObject({ ok: true });
    }
    const link = await api.json<{ url: string }>('POST', `/api/sessions/${session.id}/observer-link`, {}, 201);

    const fac = await newPage(LAPTOP);
    await fac.goto(`${test.server.url}/login`);
    await fac.getByLabel('メールアドレス').fill(ADMIN.email);
    await fac.getByLabel('パスワード').fill(ADMIN.password);
    await fac.getByRole('button', { name: 'ログインする' }).click();
    await fac.getByRole('heading', { name: 'セッション一覧' }).waitFor();
    await fac.goto(`${test.server.url}/facilitator/sessions/${session.id}/run`);
    const projector = await newPage({ viewport: { width: 1280, height: 720 }, locale: 'ja-JP' });
    const projectorUrl = new URL(link.url);
    await projector.goto(`${test.server.url}${projectorUrl.pathname}${projectorUrl.hash}`);
    const p1 = await joinOnPhone(session.joinCode, '田中', 'NPO・市民活動団体');
    const p2 = await joinOnPhone(session.joinCode, '鈴木', '企業');

    // Grouping: the facilitator takes the suggestion (renamed first) and files a card by its select.
    const board = fac.getByRole('region', { name: /^ボード: / });
    await board.getByText('グループにまとめる', { exact: true }).click();
    const grouping = board.locator('.grouping-body');
    await grouping.getByRole('button', { name: 'グループを提案' }).click();
    await grouping.getByRole('list', { name: '提案 1 のカード（2枚）' }).getByText('送迎ボランティアに保険をかける').waitFor();
    await grouping.getByLabel('提案 1 のグループ名').fill('送迎ボランティアの仕組み');
    await grouping.getByRole('button', { name: '提案 1 をグループにする' }).click();
    await grouping.getByText('「送迎ボランティアの仕組み」にカード2枚をまとめました。').waitFor();
    await grouping.getByLabel('新しいグループの名前').fill('お寺の居場所');
    await grouping.getByRole('button', { name: 'グループを作る' }).click();
    await grouping.getByLabel('「お寺の広間で食堂をひらく」のグループ').selectOption({ label: 'お寺の居場所' });
    await grouping.getByText('「お寺の広間で食堂をひらく」を「お寺の居場所」へ移しました。').waitFor();
    const clusters = board.getByRole('region', { name: 'グループ', exact: true });
    await clusters.getByRole('region', { name: /送迎ボランティアの仕組み/ }).getByText('送迎ボランティアを募集する').waitFor();
    await projector.getByRole('region', { name: /お寺の居場所/ }).getByText('お寺の広間で食堂をひらく').waitFor();
    await p1.getByRole('region', { name: /送迎ボランティアの仕組み/ }).getByText('送迎ボランティアに保険をかける').waitFor();
    await shot(fac, 'consensus-facilitator-grouped');

    // The vote: the two groups and the card in no group, 3 dots each, at most 2 on one item.
    const panel = fac.getByRole('region', { name: '投票と合意' });
    await panel.getByText('新しい投票', { exact: true }).click();
    await panel.getByText('対象 3項目（一覧を見る）').waitFor();
    await panel.getByLabel('1人あたりのシールの数').fill('3');
    await panel.getByLabel('1つの項目に貼れる上限').fill('2');
    await panel.getByRole('button', { name: '投票を始める', exact: true }).click();
    await panel.getByText('0人が投票しました').waitFor();

    await voteItem(p1, '送迎ボランティアの仕組み').waitFor();
    await p1.getByText('残り 3 枚').waitFor();
    await expect.poll(() => p1.getByRole('region', { name: 'シールを貼って投票' }).getByRole('listitem').count()).toBe(3);
    await voteItem(p1, '子どもが一人で来られない').getByText('課題').waitFor();
    await shot(p1, 'consensus-phone-vote');
    expect(await seriousViolations(p1)).toEqual([]);
    // At 200% text the vote still fits the phone's width.
    const large = await p1.addStyleTag({ content: 'html { font-size: 200%; }' });
    expect(await p1.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await voteItem(p1, '送迎ボランティアの仕組み').scrollIntoViewIfNeeded();
    await shot(p1, 'consensus-phone-vote-200', false);
    await large.evaluate((style) => (style as Element).remove());
    await addDot(p1, '送迎ボランティアの仕組み', '1枚');
    await addDot(p1, '送迎ボランティアの仕組み', '2枚');
    await addDot(p1, 'お寺の居場所', '1枚');
    await p1.getByText('残り 0 枚').waitFor();
    await voteItem(p1, '子どもが一人で来られない').getByRole('button', { name: /にシールを1枚貼る$/ }).click();
    await p1.getByText('シールが足りません。ほかの項目から外してください。').waitFor();
    await addDot(p2, '送迎ボランティアの仕組み', '1枚');
    await addDot(p2, '送迎ボランティアの仕組み', '2枚');
    await voteItem(p2, '送迎ボランティアの仕組み').getByRole('button', { name: /にシールを1枚貼る$/ }).click();
    await p2.getByText('1つの項目に貼れる数を超えています。').waitFor();
    await addDot(p2, '子どもが一人で来られない', '1枚');
    await p2.getByText('残り 0 枚').waitFor();

    // Before the reveal the facilitator and the projector see how many voted, and nothing per item.
    await panel.getByText('2人が投票しました').waitFor();
    await projector.getByText('2人が投票済み').waitFor();
    expect(await fac.getByText(/シール \d+枚/).count()).toBe(0);
    expect(await projector.getByText(/シール \d+枚/).count()).toBe(0);
    await shot(fac, 'consensus-facilitator-voting');

    await panel.getByRole('button', { name: '結果を公開する' }).click();
    const ranking = projector.getByRole('region', { name: /^投票の結果/ });
    await ranking.getByRole('listitem').first().filter({ hasText: '送迎ボランティアの仕組み' }).getByText('シール 4枚').waitFor();
    expect(await ranking.getByRole('listitem').allTextContents()).toEqual([
      expect.stringMatching(/^1位送迎ボランティアの仕組みシール 4枚/),
      expect.stringMatching(/^2位お寺の居場所シール 1枚/),
      expect.stringMatching(/^2位子どもが一人で来られないシール 1枚/),
    ]);
    // Earlier results fold to one line on the phone (below the phase's own action): open it.
    await p1.locator('summary', { hasText: '投票の結果' }).click();
    await p1.getByRole('heading', { name: '投票の結果' }).waitFor();
    await shot(projector, 'consensus-projector-ranking');

    // The agreement poll on the top items (the tied third left out).
    await panel.getByText('新しい合意度の確認', { exact: true }).click();
    const candidates = panel.getByRole('group', { name: '確認する項目' });
    await expect.poll(() => candidates.getByRole('checkbox', { checked: true }).count()).toBe(3);
    await candidates.getByRole('checkbox', { name: /子どもが一人で来られない/ }).uncheck();
    await panel.getByRole('button', { name: '合意度の確認を始める', exact: true }).click();
    await panel.getByText('0人が回答しました').waitFor();

    const answer = async (page: Page, item: string, choice: string) => {
      const group = page.getByRole('group', { name: new RegExp(item) });
      await group.getByRole('radio', { name: choice, exact: true }).check();
      await group.getByText(`送信しました: ${choice}`).waitFor();
      return group;
    };
    await answer(p1, '送迎ボランティアの仕組み', '賛成');
    await answer(p1, 'お寺の居場所', '条件付き賛成');
    await shot(p1, 'consensus-phone-poll');
    expect(await seriousViolations(p1)).toEqual([]);
    const second = await answer(p2, '送迎ボランティアの仕組み', '条件付き賛成');
    await second.getByLabel('理由（任意）').fill('保険の費用を決めてから');
    await second.getByRole('button', { name: '理由を送る' }).click();
    await second.getByText('理由も送信しました: 条件付き賛成').waitFor();
    await answer(p2, 'お寺の居場所', '反対');
    await panel.getByText('2人が回答しました').waitFor();
    await projector.getByText('2人が回答済み').waitFor();

    // The reveal: each sector's share, the item every sector supports and the one they split on.
    await panel.getByRole('button', { name: '結果を公開する' }).click();
    const results = panel.getByRole('region', { name: '合意度の確認', exact: true });
    await results.getByRole('article', { name: 'お寺の居場所' }).getByText('分野で意見が分かれる').waitFor();
    await results.getByRole('article', { name: '送迎ボランティアの仕組み' }).getByText('全分野が支持').waitFor();
    expect(await support(results, 'お寺の居場所', 'NPO・市民活動団体').textContent()).toBe('100.0%');
    expect(await support(results, 'お寺の居場所', '企業').textContent()).toBe('0.0%');
    expect(await support(results, 'お寺の居場所', '全体').textContent()).toBe('50.0%');
    expect(await support(results, '送迎ボランティアの仕組み', '企業').textContent()).toBe('100.0%');
    const companyRow = results.getByRole('article', { name: '送迎ボランティアの仕組み' }).getByRole('row').filter({ has: fac.getByRole('rowheader', { name: '企業' }) });
    expect(await companyRow.locator('td').allTextContents()).toEqual(['1人', '0.0% (0)', '100.0% (1)', '0.0% (0)', '0.0% (0)', '100.0%']);
    await results.getByText('理由（1件）').click();
    await results.getByText('保険の費用を決めてから').waitFor();
    const sectorView = projector.getByRole('region', { name: /^合意度の結果/ });
    await sectorView.getByRole('article', { name: 'お寺の居場所' }).getByText('分野で意見が分かれる').waitFor();
    expect(await support(sectorView, 'お寺の居場所', '企業').textContent()).toBe('0.0%');
    await p2.locator('summary', { hasText: '合意度の結果' }).click();
    await p2.getByRole('heading', { name: '合意度の結果' }).waitFor();
    await shot(fac, 'consensus-facilitator-sectors');
    await shot(projector, 'consensus-projector-sectors');
    expect(await seriousViolations(projector)).toEqual([]);

    // A decision from the supported item, and its follow-up action.
    await panel.getByText('合意事項の記録', { exact: true }).click();
    await panel.getByLabel('合意した内容').fill('送迎ボランティアの仕組みをつくる');
    await panel.getByRole('group', { name: '元にしたカード・グループ' }).getByRole('checkbox', { name: '送迎ボランティアの仕組み', exact: true }).check();
    await panel.getByRole('button', { name: 'この合意事項を記録する' }).click();
    await panel.getByText('合意事項を記録しました。').waitFor();
    await panel.getByRole('listitem').filter({ hasText: '送迎ボランティアの仕組みをつくる' }).getByText('元: 送迎ボランティアの仕組み').waitFor();
    await panel.getByText('アクションの記録', { exact: true }).click();
    await panel.getByLabel('すること').fill('社協の登録制度を調べる');
    await panel.getByLabel('どの合意事項のためか').selectOption({ label: '送迎ボランティアの仕組みをつくる' });
    await panel.getByLabel('担当の団体').fill('社会福祉協議会');
    await panel.getByLabel('担当者').fill('佐藤');
    await panel.getByLabel('期限').fill('2027-01-31');
    await panel.getByRole('button', { name: 'このアクションを記録する' }).click();
    await panel.getByText('アクションを記録しました。').waitFor();
    await panel.getByText('担当: 社会福祉協議会 佐藤／期限: 2027年1月31日').waitFor();
    await panel.getByLabel('「社協の登録制度を調べる」の状況').selectOption({ label: '進行中' });
    await expect.poll(async () => (await api.json<{ actions: Array<{ status: string }> }>('GET', `/api/sessions/${session.id}/outcome`)).actions[0]?.status).toBe('in_progress');
    await p1.locator('summary', { hasText: '合意事項と次のアクション' }).click();
    await p1.getByRole('region', { name: '合意事項と次のアクション' }).getByText('社協の登録制度を調べる').waitFor();
    await shot(fac, 'consensus-facilitator-outcome');
    expect(await seriousViolations(fac)).toEqual([]);

    // In the sharing phase the projector lists the decisions.
    expect(await request(socket, 'phase:set', { index: 7 })).toMatchObject({ ok: true });
    await projector.getByRole('region', { name: '合意事項', exact: true }).getByText('送迎ボランティアの仕組みをつくる').waitFor();
    await shot(projector, 'consensus-projector-decisions');

    // The phone's results still fit a 360 px screen at 200% text.
    await p2.addStyleTag({ content: 'html { font-size: 200%; }' });
    expect(await p2.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await p2.getByRole('article', { name: 'お寺の居場所' }).scrollIntoViewIfNeeded();
    await shot(p2, 'consensus-phone-results-200', false);
    expect(errors).toEqual([]);
  }, 180_000);
});
