import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { createSessionAsAdmin } from '../support/api';
import { putCard } from '../../shared/board/model';
import { connectBoard, connectControl, type ControlSocket, request, whenConnected, whenSynced } from '../support/clients';
import { OUTPUT, seriousViolations, useBrowserTest, watchErrors, openRunPage } from './browser-support';

const SIZES = [
  { width: 1920, height: 1080 },
  { width: 1280, height: 720 },
] as const;

/** 200 cards, most of them on the first stage, some long: a wall that cannot show them all. */
const SPREAD = { know: 150, visit: 30, join: 15, continue: 5 } as const;
const LONG = '地域の食堂に子どもが一人で来られるように、学校と町内会と社協が一緒に送り迎えの仕組みを考える必要がある。';

interface WallGeometry {
  scrollHeight: number;
  scrollWidth: number;
  innerHeight: number;
  innerWidth: number;
  /** Per column: cards laid out, whether the last one reaches past the column, the "+N枚" text. */
  columns: Array<{ stage: string; shown: number; clipped: boolean; more: string }>;
}

function wallGeometry(page: Page): Promise<WallGeometry> {
  return page.evaluate(() => {
    const doc = document.documentElement;
    const columns = [...document.querySelectorAll<HTMLElement>('.wall-column')].map((column) => {
      const list = column.querySelector('.wall-list')!.getBoundingClientRect();
      const cards = [...column.querySelectorAll('[data-wall-card]')];
      const last = cards.at(-1)?.getBoundingClientRect().bottom ?? list.top;
      const more = column.querySelector('.wall-more')!;
      const moreBox = more.getBoundingClientRect();
      return {
        stage: column.dataset.stage ?? '',
        shown: cards.length,
        clipped: last > list.bottom + 0.5 || moreBox.bottom > window.innerHeight,
        more: more.textContent ?? '',
      };
    });
    return { scrollHeight: doc.scrollHeight, scrollWidth: doc.scrollWidth, innerHeight: window.innerHeight, innerWidth: window.innerWidth, columns };
  });
}

describe('the projector wall', () => {
  const test = useBrowserTest();
  let socket: ControlSocket | null = null;
  const errors: string[] = [];

  afterAll(() => {
    socket?.close();
  });

  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(OUTPUT, `${name}.png`) });

  /** The page fits its viewport (no scrollbar either way) and no column shows a card it cuts. */
  async function expectFits(page: Page) {
    const g = await wallGeometry(page);
    expect(g.scrollHeight).toBeLessThanOrEqual(g.innerHeight);
    expect(g.scrollWidth).toBeLessThanOrEqual(g.innerWidth);
    return g;
  }

  it('fits 200 cards on 1920×1080 and 1280×720 with the fullest columns summarised, and switches views from the facilitator’s laptop', async () => {
    const { api, session, facilitatorToken } = await createSessionAsAdmin(test.server.url, '第1回 作業部会「こども食堂を地域で支えるには」', 'community-lab');
    const room = session.boards[0].room;
    socket = connectControl(test.server.url, facilitatorToken);
    await whenConnected(socket);
    // Written as the facilitator, straight into the board's document (many cards at once, no command rate).
    const writer = connectBoard(test.server.url, room, facilitatorToken);
    await whenSynced(writer.provider);
    const ids: string[] = [];
    const kinds = ['issue', 'idea', 'opinion', 'question'] as const;
    for (const [stageId, count] of Object.entries(SPREAD)) {
      writer.doc.transact(() => {
        for (let i = 0; i < count; i++) {
          const id = randomUUID();
          ids.push(id);
          const text = i % 7 === 0 ? `${LONG}（${stageId} ${i + 1}）` : `${stageId} のカード ${i + 1}: 居場所を知る手段がない`;
          putCard(writer.doc, { id, kind: kinds[i % 4]!, text, stageId, authorId: 'facilitator', authorName: '進行役', anonymous: false, createdAt: new Date(Date.UTC(2026, 11, 1, 10, 0, ids.length)).toISOString() });
        }
      });
    }
    // Stored once the server has them all (a card:edit of the last one answers only after it is on the board).
    await expect.poll(async () => (await request(socket!, 'card:edit', { room, id: ids.at(-1), text: '最後のカード' })).ok).toBe(true);
    writer.destroy();
    const link = await api.json<{ url: string }>('POST', `/api/sessions/${session.id}/observer-link`, {}, 201);

    const projectorContext = await test.context({ viewport: SIZES[0], locale: 'ja-JP' });
    projectorContext.setDefaultTimeout(15_000);
    const projector = await projectorContext.newPage();
    watchErrors(projector, errors);
    const projectorUrl = new URL(link.url);
    await projector.goto(`${test.server.url}${projectorUrl.pathname}${projectorUrl.hash}`);
    const know = projector.getByRole('region', { name: /^知る/ });
    await know.getByText(/^\+\d+枚$/).waitFor();
    // The opening: the join QR is up.
    await projector.getByRole('img', { name: /QR/ }).waitFor();

    for (const size of SIZES) {
      await projector.setViewportSize(size);
      // Refitted to the new size: every card laid out is inside its column, the rest counted.
      await expect.poll(async () => (await wallGeometry(projector)).columns.every((c) => !c.clipped)).toBe(true);
      const g = await expectFits(projector);
      const column = g.columns.find((c) => c.stage === 'know')!;
      expect(column.shown).toBeGreaterThan(0);
      expect(Number(/^\+(\d+)枚$/.exec(column.more)?.[1])).toBe(SPREAD.know - column.shown);
      // The emptiest column shows all its cards, with no summary.
      expect(g.columns.find((c) => c.stage === 'continue')).toMatchObject({ shown: SPREAD.continue, more: '' });
      await shot(projector, `projector-wall-${size.width}`);
      expect(await seriousViolations(projector)).toEqual([]);
    }

    // From here the facilitator's laptop decides what the projector shows.
    const fac = await openRunPage(test, session.id, errors);
    const controls = fac.getByRole('region', { name: '進行の操作' });
    const showOnProjector = (label: string) => controls.getByLabel('プロジェクター', { exact: true }).selectOption({ label });

    // The QR panel tucks away once cards are written (the persona phase), and comes back when asked.
    await controls.getByLabel('フェーズを選ぶ').selectOption({ index: 2 });
    await expect.poll(() => projector.getByRole('img', { name: /QR/ }).count()).toBe(0);
    await controls.getByLabel('参加QR').selectOption({ label: '表示' });
    await projector.getByRole('img', { name: /QR/ }).waitFor();
    await controls.getByLabel('参加QR').selectOption({ label: '自動' });

    expect(await request(socket, 'spotlight:set', { room, cardId: ids[3] })).toMatchObject({ ok: true });
    const voteId = (await request<{ voteId: string }>(socket, 'vote:open', { room, title: '優先する課題', itemIds: ids.slice(0, 4), dotsPerPerson: 3, maxPerItem: 2 })) as { ok: true; voteId: string };
    expect(voteId).toMatchObject({ ok: true });
    expect(await request(socket, 'vote:reveal', { voteId: voteId.voteId })).toMatchObject({ ok: true });
    await api.json('POST', `/api/sessions/${session.id}/decisions`, { text: '学校と社協で送迎の仕組みをつくる', sources: [] }, 201);
    await api.json('POST', `/api/sessions/${session.id}/actions`, { title: '送迎ボランティアの保険を調べる', ownerOrganization: '社会福祉協議会' }, 201);

    const views = [
      { label: '注目のカード', name: 'spotlight', ready: () => projector.getByRole('region', { name: /^注目のカード/ }).getByRole('article').waitFor() },
      { label: '結果', name: 'results', ready: () => projector.getByRole('region', { name: /^投票の結果/ }).waitFor() },
      { label: '合意事項とアクション', name: 'decisions', ready: () => projector.getByRole('region', { name: '次のアクション' }).getByText('送迎ボランティアの保険を調べる').waitFor() },
      { label: 'クロージング', name: 'closing', ready: () => projector.getByRole('heading', { name: 'ありがとうございました' }).waitFor() },
      { label: 'ボード', name: 'board', ready: () => know.getByText(/^\+\d+枚$/).waitFor() },
    ];
    for (const view of views) {
      await showOnProjector(view.label);
      await expect.poll(() => projector.locator('main').getAttribute('data-view')).toBe(view.name);
      await view.ready();
      for (const size of SIZES) {
        await projector.setViewportSize(size);
        await expectFits(projector);
        await shot(projector, `projector-${view.name}-${size.width}`);
        expect(await seriousViolations(projector)).toEqual([]);
      }
    }
    expect(errors).toEqual([]);
  }, 120_000);
});
