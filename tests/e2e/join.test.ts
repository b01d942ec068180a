import type { Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createSessionAsAdmin } from '../support/api';
import { useBrowserTest, watchErrors } from './browser-support';

describe('joining on a phone', () => {
  const test = useBrowserTest();

  it('draws the board from the join answer while GET /api/me is still on its way, and waits for it on a reload', async () => {
    const errors: string[] = [];
    const title = '駅前の広場を考える';
    const { session } = await createSessionAsAdmin(test.server.url, title);
    const phone = await test.context({ viewport: { width: 360, height: 740 }, locale: 'ja-JP', isMobile: true, hasTouch: true });
    const p = await phone.newPage();
    watchErrors(p, errors);
    // GET /api/me is held while `holding` (React's development build, which the tests use, runs
    // effects twice, so one page may ask twice).
    const held: Route[] = [];
    let holding = true;
    await p.route('**/api/me', (route) => (holding ? void held.push(route) : route.continue()));
    const release = async () => {
      holding = false;
      for (const route of held.splice(0)) await route.continue();
    };

    await p.goto(`${test.server.url}/j/${session.joinCode}`);
    await p.getByLabel('お名前（カードに表示されます）').fill('佐藤');
    await p.getByRole('radio', { name: 'NPO・市民活動団体' }).check();
    await p.getByRole('button', { name: '参加する' }).click();
    const heading = p.getByRole('heading', { level: 1, name: title });
    await heading.waitFor();
    await p.getByRole('button', { name: 'カードを書く' }).waitFor();
    // Both sockets opened with the join's token, without waiting for GET /api/me either.
    await p.getByRole('status').filter({ hasText: '接続中' }).waitFor();
    // GET /api/me still runs, to refresh; its answer changes nothing here.
    await expect.poll(() => held.length).toBeGreaterThan(0);
    // The board is already drawn, so waiting for it would pass at once: wait for the answer
    // itself, then see that the board is still there.
    const answered = p.waitForResponse((res) => res.url().endsWith('/api/me'));
    await release();
    expect((await answered).status()).toBe(200);
    await p.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    expect(await p.getByRole('button', { name: 'カードを書く' }).count()).toBe(1);
    expect(await heading.count()).toBe(1);

    // A reload has no join answer: only GET /api/me can say the token still holds.
    holding = true;
    await p.reload();
    await expect.poll(() => held.length).toBeGreaterThan(0);
    expect(await heading.count()).toBe(0);
    await release();
    await heading.waitFor();
    await p.getByRole('status').filter({ hasText: '接続中' }).waitFor();

    expect(errors).toEqual([]);
  }, 60_000);
});
