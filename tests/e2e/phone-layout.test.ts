import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { createSessionAsAdmin } from '../support/api';
import { connectControl, type ControlSocket, request, whenConnected } from '../support/clients';
import { seriousViolations, useBrowserTest, watchErrors, openRunPage } from './browser-support';
import { measurePhone, PHONE, type PhoneGeometry, textSize } from './phone-support';

const SIZES = [100, 150, 200] as const;
const SW_REBUILD = [/ServiceWorker/, /unsupported MIME type/];
const TITLE = '第1回 作業部会「こども食堂を地域で支えるには」';

describe('the participant phone at 360 × 740 with 100 %, 150 % and 200 % text', () => {
  const test = useBrowserTest();
  let socket: ControlSocket | null = null;
  const errors: string[] = [];
  let shots = '';

  afterAll(async () => {
    socket?.close();
  });

  async function joinOnPhone(code: string, size: number, name: string): Promise<Page> {
    const context = await test.context(PHONE);
    context.setDefaultTimeout(15_000);
    await textSize(context, size);
    const page = await context.newPage();
    // Another run on this machine may be rebuilding the client meanwhile (sw.js missing for a few
    // seconds); the offline test is the one that needs the service worker.
    watchErrors(page, errors);
    await page.goto(`${test.server.url}/j/${code}`);
    await page.getByRole('heading', { name: TITLE }).waitFor();
    await page.getByLabel('お名前（カードに表示されます）').fill(name);
    await page.getByRole('radio', { name: 'NPO・市民活動団体' }).check();
    await page.getByRole('button', { name: '参加する' }).click();
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    return page;
  }

  /** Geometry and accessibility of every phone in one state; screenshots for a person to look at. */
  async function checkAll(phones: Map<number, Page>, state: string, primary: (page: Page) => ReturnType<Page['getByRole']>) {
    const problems: string[] = [];
    for (const [size, page] of phones) {
      await primary(page).first().waitFor();
      const geometry: PhoneGeometry = await measurePhone(page, primary(page).first());
      await page.screenshot({ path: path.join(shots, `${state}-${size}.png`) });
      if (geometry.primaryTop === null || geometry.primaryTop < 0 || geometry.primaryTop >= 740) problems.push(`${state} ${size}%: primary action at y=${geometry.primaryTop}`);
      if (geometry.scrollWidth > 360) problems.push(`${state} ${size}%: horizontal scroll (${geometry.scrollWidth}px)`);
      for (const narrow of geometry.narrow) problems.push(`${state} ${size}%: narrower than two characters: ${narrow}`);
      if (size === 200 && geometry.headerAfterScroll > 740 * 0.15) problems.push(`${state} ${size}%: header ${geometry.headerAfterScroll}px after scroll`);
      for (const v of await seriousViolations(page)) problems.push(`${state} ${size}%: axe ${v}`);
    }
    expect(problems).toEqual([]);
  }

  // About 45 s on an idle machine (three phones, five states, axe on each).
  it('keeps each phase’s action on the first screen, lays choices out by their words, compacts the header and says when the session ended', async () => {
    shots = await fs.mkdtemp(path.join(os.tmpdir(), 'yoriai-phone-'));
    const { api, session, facilitatorToken } = await createSessionAsAdmin(test.server.url, TITLE, 'community-lab');
    await api.json('PATCH', `/api/sessions/${session.id}`, { venue: '市民会館 2階 大会議室', heldOn: '2026-12-01' });
    // Phase titles as long as a facilitator writes them: the header must still keep to its share of the screen.
    const titles: Record<string, string> = { issues: '課題を出す（こども・家庭・地域の困りごと）', grouping: 'まとめる（グループ化・投票・合意度の確認）', reflection: 'ふりかえり（今日わかったこと・次にしたいこと）' };
    await api.json('PUT', `/api/sessions/${session.id}/phases`, session.phases.map((phase) => ({ ...phase, title: titles[phase.key] ?? phase.title })));
    const room = session.boards[0].room;
    socket = connectControl(test.server.url, facilitatorToken);
    await whenConnected(socket);
    const cards: string[] = [];
    for (const text of ['送迎ボランティアを募集する', 'お寺の広間で食堂をひらく', '子どもが一人で来られない', '食材の寄付を地域の農家に頼む']) {
      const id = randomUUID();
      cards.push(id);
      expect(await request(socket, 'card:add', { room, id, kind: 'idea', text, stageId: 'visit' })).toMatchObject({ ok: true });
    }

    // 課題を出す: write a card.
    expect(await request(socket, 'phase:set', { index: 3 })).toMatchObject({ ok: true });
    const phones = new Map<number, Page>();
    for (const size of SIZES) phones.set(size, await joinOnPhone(session.joinCode, size, `参加者${size}`));
    const write = (page: Page) => page.getByRole('button', { name: 'カードを書く' });
    await checkAll(phones, 'issues', write);

    // まとめる: a dot vote, then an agreement poll (its choices must not break between characters).
    expect(await request(socket, 'phase:set', { index: 6 })).toMatchObject({ ok: true });
    const vote = await request<{ voteId: string }>(socket, 'vote:open', { room, itemIds: cards, dotsPerPerson: 3, maxPerItem: 2, title: '優先して取り組むこと' });
    expect(vote).toMatchObject({ ok: true });
    // The vote starts on the first screen: its first item, with its − and ＋ right under the words.
    await checkAll(phones, 'vote', (page) => page.getByRole('region', { name: 'シールを貼って投票' }).getByRole('listitem'));
    if (!vote.ok) return;
    expect(await request(socket, 'vote:reveal', { voteId: vote.voteId })).toMatchObject({ ok: true });
    const poll = await request<{ pollId: string }>(socket, 'poll:open', { room, itemIds: cards.slice(0, 2), title: '次回までに進める取り組み' });
    expect(poll).toMatchObject({ ok: true });
    await checkAll(phones, 'poll', (page) => page.getByRole('radio', { name: /懸念あり/ }));
    if (!poll.ok) return;
    expect(await request(socket, 'poll:reveal', { pollId: poll.pollId })).toMatchObject({ ok: true });
    const decision = await api.json<{ id: string }>('POST', `/api/sessions/${session.id}/decisions`, { text: '地域のこども食堂マップを作り、毎月届ける', sources: [] }, 201);
    await api.json('POST', `/api/sessions/${session.id}/actions`, { title: '開催日と場所を調べて一覧にする', decisionId: decision.id, ownerOrganization: '社会福祉協議会' }, 201);

    // ふりかえり, after several phases with results: the write button is still on the first screen,
    // for the phones that were there and for one that joins now; earlier results fold to one line.
    expect(await request(socket, 'phase:set', { index: 8 })).toMatchObject({ ok: true });
    const late = await joinOnPhone(session.joinCode, 200, '遅れて来た人');
    await late.getByRole('group').filter({ hasText: '合意事項と次のアクション' }).first().waitFor();
    await checkAll(new Map([...phones, [201, late]]), 'late', write);

    // The facilitator closes the session from the run page: every phone says so at once and offers the survey, not a card.
    const fac = await openRunPage(test, session.id, errors);
    const closing = fac.getByRole('region', { name: 'セッションを終了してアーカイブする' });
    await closing.getByRole('button', { name: 'セッションを終了してアーカイブする' }).click();
    // An in-app confirmation, not the browser's dialog.
    await closing.getByRole('group').getByRole('button', { name: 'セッションを終了してアーカイブする' }).click();
    await closing.getByText('終了し、アーカイブしました。').waitFor();
    for (const page of phones.values()) {
      await page.getByRole('heading', { name: '終了しました' }).waitFor();
      expect(await write(page).count()).toBe(0);
      expect(await page.getByRole('status').filter({ hasText: '接続中' }).count()).toBe(0);
    }
    await checkAll(phones, 'closed', (page) => page.getByRole('link', { name: /ふりかえりアンケート/ }));

    // The closed session's link names it and says it has ended, before any form.
    const visitor = await test.context(PHONE);
    const link = await visitor.newPage();
    watchErrors(link, errors);
    await link.goto(`${test.server.url}/j/${session.joinCode}`);
    await link.getByRole('heading', { name: TITLE }).waitFor();
    await link.getByText('このワークショップは終了しました。').waitFor();
    expect(await link.getByLabel('お名前（カードに表示されます）').count()).toBe(0);

    expect(errors.filter((e) => !SW_REBUILD.some((pattern) => pattern.test(e)))).toEqual([]);
    console.log(`phone screenshots: ${shots}`);
  }, 120_000);
});
