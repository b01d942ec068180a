import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import type { Ack } from '../../shared/protocol';
import type { JoinResult, SessionView } from '../../shared/schemas/api';
import { ApiClient, createSessionAsAdmin, joinAs } from '../support/api';
import { connectControl, type ControlSocket, request, whenConnected } from '../support/clients';
import { ADMIN } from '../support/server';
import { OUTPUT, seriousViolations, useBrowserTest, watchErrors } from './browser-support';

const PHONE = { viewport: { width: 360, height: 740 }, locale: 'ja-JP', isMobile: true, hasTouch: true, deviceScaleFactor: 2 } as const;
const LAPTOP = { viewport: { width: 1280, height: 900 }, locale: 'ja-JP' } as const;
// Nine members join through the API; the tenth, from a temple, joins and answers on a phone.
const MEMBERS: Array<[string, number]> = [['npo', 4], ['company', 2], ['social_welfare_council', 2], ['government', 1]];
const TITLE = 'こども食堂の居場所づくり';
const OVERDUE = '社協とお寺の連絡会を開く';

/** A day relative to today, YYYY-MM-DD (the register's overdue rule compares with today). */
function dayFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

describe('the secretariat in a browser', () => {
  // One person per sector here: the sector view is what is tested, so no sector is withheld as
  // too small (withholding is tested in tests/integration/report-record.test.ts).
  const test = useBrowserTest({ smallGroupThreshold: 1 });
  const sockets: ControlSocket[] = [];
  const errors: string[] = [];


  afterAll(async () => {
    for (const socket of sockets.splice(0)) socket.close();
  });

  async function newPage(options: BrowserContextOptions): Promise<Page> {
    const context = await test.context(options);
    // Generous: on a busy machine a lazily loaded screen with charts can take seconds to appear.
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    watchErrors(page, errors);
    return page;
  }

  async function socketFor(token: string): Promise<ControlSocket> {
    const socket = connectControl(test.server.url, token);
    sockets.push(socket);
    await whenConnected(socket);
    return socket;
  }

  /** The ack of a socket request, which must be `{ ok: true }`. */
  async function ok<T extends object>(pending: Promise<Ack<T>>): Promise<T> {
    const ack = await pending;
    expect(ack).toMatchObject({ ok: true });
    return ack as unknown as T;
  }
  const shot = (page: Page, name: string, fullPage = true) => page.screenshot({ path: path.join(OUTPUT, `${name}.png`), fullPage });
  const rowsOf = (page: Page, caption: string) =>
    page.getByRole('table', { name: caption }).locator('tbody tr').evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => cell.textContent?.trim())));

  /** A community-lab session run through the API: 9 members, cards, a vote, a poll, a decision, two actions, 7 survey answers. */
  async function scriptedSession(): Promise<{ api: ApiClient; session: SessionView; fac: ControlSocket }> {
    const { api, session, facilitatorToken } = await createSessionAsAdmin(test.server.url, TITLE, 'community-lab');
    await api.json('PATCH', `/api/sessions/${session.id}`, { venue: '市民会館 第1会議室', heldOn: '2026-11-20', series: '作業部会A', theme: 'こどもの居場所' });
    const fac = await socketFor(facilitatorToken);
    const people: JoinResult[] = [];
    for (const [type, n] of MEMBERS) for (let i = 0; i < n; i++) people.push(await joinAs(test.server.url, session.joinCode, `${type}-${i}`, type));
    const phones = await Promise.all(people.map((p) => socketFor(p.token)));
    const room = session.boards[0].room;
    const phaseOf = (key: string) => session.phases.findIndex((p) => p.key === key);
    const card = async (who: number, kind: string, text: string, stageId: string) => {
      const id = randomUUID();
      await ok(request(phones[who], 'card:add', { room, id, kind, text, stageId }));
      return id;
    };

    await ok(request(fac, 'phase:set', { index: phaseOf('issues') }));
    const issue = await card(0, 'issue', 'こども食堂の場所が知られていない', 'know');
    const question = await card(4, 'question', 'ボランティアの保険はどうする？', 'visit');
    await ok(request(fac, 'phase:set', { index: phaseOf('ideas') }));
    const idea = await card(1, 'idea', 'お寺で地域食堂を開く', 'join');

    const { voteId } = await ok(request<{ voteId: string }>(fac, 'vote:open', { room, itemIds: [issue, question, idea], dotsPerPerson: 3, maxPerItem: 3 }));
    for (const [who, item, dots] of [[0, idea, 3], [1, idea, 2], [2, issue, 2], [3, question, 1], [6, idea, 1]] as const) {
      await ok(request(phones[who], 'vote:cast', { voteId, itemId: item, dots }));
    }
    await ok(request(fac, 'vote:reveal', { voteId }));
    const { pollId } = await ok(request<{ pollId: string }>(fac, 'poll:open', { room, itemIds: [idea] }));
    const choices = ['agree', 'agree', 'agree', 'conditional', 'agree', 'concern', 'agree', 'agree', 'oppose'];
    for (const [who, choice] of choices.entries()) await ok(request(phones[who], 'poll:answer', { pollId, itemId: idea, choice }));
    await ok(request(fac, 'poll:reveal', { pollId }));

    const decision = await api.json<{ id: string }>('POST', `/api/sessions/${session.id}/decisions`, { text: 'お寺と連携して地域食堂を試す', sources: [{ room, kind: 'card', id: idea, label: 'お寺で地域食堂を開く' }] }, 201);
    await api.json('POST', `/api/sessions/${session.id}/actions`, { title: OVERDUE, decisionId: decision.id, ownerOrganization: '社会福祉協議会', ownerPerson: '山田', dueDate: dayFromToday(-20) }, 201);
    await api.json('POST', `/api/sessions/${session.id}/actions`, { title: '食堂マップの試作', ownerOrganization: 'NPO法人こどもの家', dueDate: dayFromToday(40), status: 'in_progress' }, 201);

    // 7 of the 9 answer: satisfaction 3 very satisfied, 4 satisfied.
    for (const [i, p] of people.slice(0, 7).entries()) {
      const answers = { satisfaction: i < 3 ? 'very_satisfied' : 'satisfied', understanding: i < 5 ? 'deepened' : 'somewhat', intent: i % 2 ? 'interested' : 'yes', comments: i === 0 ? 'また参加したい' : '' };
      const res = await fetch(`${test.server.url}/api/sessions/${session.id}/survey`, {
        method: 'POST',
        headers: { authorization: `Bearer ${p.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ answers }),
      });
      expect(res.status).toBe(204);
    }
    await ok(request(fac, 'phase:set', { index: phaseOf('reflection') }));
    return { api, session, fac };
  }

  it('takes the survey on a phone, then finds, reports, prints and follows up the session', async () => {
    const { api, session } = await scriptedSession();

    // The tenth member joins on a phone; in the reflection phase the board offers the survey.
    const phone = await newPage(PHONE);
    await phone.goto(`${test.server.url}/j/${session.joinCode}`);
    await phone.getByLabel('お名前（カードに表示されます）').fill('田中');
    await phone.getByRole('radio', { name: '宗教団体（寺社など）' }).check();
    await phone.getByRole('button', { name: '参加する' }).click();
    await phone.getByRole('link', { name: 'ふりかえりアンケートに答える' }).click();
    await phone.getByRole('heading', { level: 1, name: /ふりかえりアンケート/ }).waitFor();
    const satisfaction = phone.getByRole('group', { name: '今日の会はいかがでしたか' });
    await satisfaction.getByRole('radio', { name: '満足', exact: true }).check();
    await phone.getByRole('group', { name: '「こどもの居場所」について理解が深まりましたか' }).getByRole('radio', { name: '深まった', exact: true }).check();
    await phone.getByRole('group', { name: 'これからも、こうした集まりや活動に参加したいと思いますか' }).getByRole('radio', { name: '参加したい' }).check();
    await phone.getByLabel('ご意見・ご感想があれば自由にお書きください').fill('お寺でもできることがありそうです');
    await phone.getByRole('button', { name: '送信する' }).click();
    const sent = phone.getByRole('status').filter({ hasText: '送信しました' });
    await sent.waitFor();
    await shot(phone, 'survey-phone-sent');
    // Answers can be changed and sent again: the second answer replaces the first.
    await satisfaction.getByRole('radio', { name: '大変満足' }).check();
    await sent.waitFor({ state: 'detached' });
    await phone.getByRole('button', { name: '変更を送信する' }).click();
    await sent.waitFor();
    // Axe and the 200% text check run on the phone while the clerk goes on.
    const phoneChecks = (async () => {
      const violations = await seriousViolations(phone);
      await phone.addStyleTag({ content: 'html { font-size: 200%; }' });
      const width = await phone.evaluate(() => document.documentElement.scrollWidth);
      await shot(phone, 'survey-phone-200', false);
      return { violations, width };
    })();

    await api.request('POST', `/api/sessions/${session.id}/close`);
    const next = await api.json<SessionView>('POST', '/api/sessions', { title: '第2回 居場所づくり作業部会', template: 'community-lab' }, 201);
    await api.json('PATCH', `/api/sessions/${next.id}`, { series: '作業部会A', heldOn: '2026-12-18' });

    // The clerk signs in, opens the archive and searches a two-character Japanese word.
    const desk = await newPage(LAPTOP);
    await desk.goto(`${test.server.url}/login`);
    await desk.getByLabel('メールアドレス').fill(ADMIN.email);
    await desk.getByLabel('パスワード').fill(ADMIN.password);
    await desk.getByRole('button', { name: 'ログインする' }).click();
    await desk.getByRole('link', { name: /^事務局/ }).click();
    await desk.getByRole('heading', { level: 1, name: 'アーカイブ' }).waitFor();
    await desk.getByRole('heading', { level: 2, name: '2件のセッション' }).waitFor();
    await desk.getByLabel('キーワード').fill('食堂');
    await desk.getByRole('button', { name: '検索する' }).click();
    await desk.getByRole('heading', { level: 2, name: '1件のセッション' }).waitFor();
    const found = desk.getByRole('listitem').filter({ has: desk.getByRole('link', { name: TITLE }) });
    expect(await found.textContent()).toContain('令和8年11月20日');
    expect(await found.locator('mark').first().textContent()).toBe('食堂');
    await shot(desk, 'archive-search');

    // The report: response rate and participants by organisation type, exactly as scripted.
    await found.getByRole('link', { name: TITLE }).click();
    await desk.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await desk.getByText('回収率 80.0%（8/10人）').waitFor();
    await desk.getByText('参加者 合計 10人').waitFor();
    expect(await rowsOf(desk, '所属の種類別の参加者')).toEqual([
      ['NPO・市民活動団体', '4', '40.0%'],
      ['企業', '2', '20.0%'],
      ['宗教団体（寺社など）', '1', '10.0%'],
      ['社会福祉協議会', '2', '20.0%'],
      ['行政', '1', '10.0%'],
      ['合計', '10', '100.0%'],
    ]);
    expect((await rowsOf(desk, '今日の会はいかがでしたか')).slice(0, 2)).toEqual([
      ['大変満足', '4', '50.0%'],
      ['満足', '4', '50.0%'],
    ]);
    await desk.getByRole('img', { name: /^グラフ: 所属の種類別の参加者。NPO・市民活動団体 4人、企業 2人/ }).waitFor();
    await desk.getByText('2026年11月20日（令和8年11月20日）').waitFor();
    await desk.getByRole('cell', { name: '⚠ 分野で意見が分かれる' }).waitFor();
    await desk.getByText('お寺でもできることがありそうです').waitFor();
    const reportAxe = await seriousViolations(desk);
    await shot(desk, 'report');
    // Printed to PDF from a second tab while the clerk goes on to the register.
    const printed = (async () => {
      const sheet = await desk.context().newPage();
      watchErrors(sheet, errors);
      await sheet.goto(desk.url());
      await sheet.getByText('回収率 80.0%（8/10人）').waitFor();
      await sheet.pdf({ path: path.join(OUTPUT, 'report.pdf'), format: 'A4' });
      await sheet.close();
      return fs.readFile(path.join(OUTPUT, 'report.pdf'));
    })();
    // The same report on a clerk's phone at 200% text: nothing to scroll sideways (wide tables scroll in their own box).
    const reportUrl = desk.url();
    const onPhone = (async () => {
      const context = await test.context({ ...PHONE, storageState: await desk.context().storageState() });
        const small = await context.newPage();
      watchErrors(small, errors);
      await small.goto(reportUrl);
      await small.getByText('回収率 80.0%（8/10人）').waitFor();
      await small.addStyleTag({ content: 'html { font-size: 200%; }' });
      const width = await small.evaluate(() => document.documentElement.scrollWidth);
      await shot(small, 'report-phone-200', false);
      return width;
    })();

    // The register: the overdue action stands out; the clerk moves it on and notes progress.
    await desk.getByRole('navigation', { name: '事務局のメニュー' }).getByRole('link', { name: 'フォローアップ台帳' }).click();
    await desk.getByRole('heading', { level: 1, name: 'フォローアップ台帳' }).waitFor();
    const overdueRow = desk.getByRole('row', { name: new RegExp(OVERDUE) });
    await overdueRow.getByText('期限切れ').first().waitFor();
    expect(await desk.getByRole('row', { name: /食堂マップの試作/ }).getByText('期限切れ').count()).toBe(0);
    const registerAxe = await seriousViolations(desk);
    await desk.getByLabel(`「${OVERDUE}」の状況`).selectOption({ label: '進行中' });
    await desk.getByText(`「${OVERDUE}」を「進行中」にしました。`).waitFor();
    await desk.getByRole('button', { name: `「${OVERDUE}」を編集` }).click();
    const overdue = desk.getByRole('article', { name: OVERDUE });
    await overdue.getByText('状況: 未着手 → 進行中').waitFor();
    await overdue.getByLabel(`「${OVERDUE}」の経過メモ`).fill('12月3日に第1回の連絡会を予定');
    await overdue.getByRole('button', { name: 'メモを追加' }).click();
    await overdue.getByRole('listitem').filter({ hasText: '12月3日に第1回の連絡会を予定' }).waitFor();
    const saved = (await api.json<Array<{ title: string; status: string; notes: Array<{ note: string }> }>>('GET', '/api/actions')).find((a) => a.title === OVERDUE);
    expect(saved).toMatchObject({ status: 'in_progress', notes: [{ note: '12月3日に第1回の連絡会を予定' }] });
    await shot(desk, 'register-updated');

    // At the start of the next session: what changed since last time.
    await desk.goto(`${test.server.url}/secretariat/sessions/${next.id}/since-last`);
    await desk.getByRole('link', { name: /^前回: こども食堂の居場所づくり/ }).waitFor();
    await desk.getByRole('article', { name: OVERDUE }).getByText('前回から変化あり').waitFor();
    await desk.getByRole('article', { name: OVERDUE }).getByText('状況: 未着手 → 進行中').waitFor();
    await shot(desk, 'since-last');

    await desk.getByRole('navigation', { name: '事務局のメニュー' }).getByRole('link', { name: 'セッション横断の集計' }).click();
    await desk.getByRole('heading', { level: 1, name: 'セッション横断の集計' }).waitFor();
    await desk.getByRole('img', { name: /^グラフ: 満足度の推移/ }).waitFor();
    expect(await rowsOf(desk, 'アクションの完了と未完了')).toContainEqual(['合計', '0', '2']);
    await shot(desk, 'stats');

    // A session's JSON export comes back in through the archive as a new session with the same figures.
    const exported = Buffer.from(await (await api.request('GET', `/api/sessions/${session.id}/export.json`)).arrayBuffer());
    await desk.getByRole('navigation', { name: '事務局のメニュー' }).getByRole('link', { name: 'アーカイブ' }).click();
    await desk.getByLabel('エクスポートしたセッションのJSONファイル').setInputFiles({ name: 'session.json', mimeType: 'application/json', buffer: exported });
    await desk.getByRole('button', { name: '取り込む' }).click();
    await desk.getByRole('link', { name: '取り込んだセッションの事業報告を開く' }).click();
    await desk.getByText('回収率 80.0%（8/10人）').waitFor();
    // The same report in English.
    await desk.getByRole('button', { name: /English/ }).click();
    await desk.getByText('Response rate 80.0% (8 of 10)').waitFor();
    await desk.getByRole('table', { name: 'Participants by organisation type' }).getByRole('row', { name: /Religious organisation/ }).waitFor();
    await shot(desk, 'report-imported-en');

    expect(await onPhone).toBeLessThanOrEqual(360);
    const pdf = await printed;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const phoneResult = await phoneChecks;
    expect(phoneResult.width).toBeLessThanOrEqual(360);
    expect({ phone: phoneResult.violations, report: reportAxe, register: registerAxe }).toEqual({ phone: [], report: [], register: [] });
    expect(errors).toEqual([]);
    // The margin is for a machine busy with other test files (Chromium and axe share its cores).
  }, 180_000);
});
