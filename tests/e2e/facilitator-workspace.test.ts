import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { createSessionAsAdmin } from '../support/api';
import { connectControl, type ControlSocket, request, whenConnected } from '../support/clients';
import { OUTPUT, openRunPage, seriousViolations, useBrowserTest } from './browser-support';


describe('the facilitator’s workspace on a 1366×768 laptop', () => {
  const test = useBrowserTest();
  let socket: ControlSocket | null = null;
  const errors: string[] = [];

  afterAll(() => {
    socket?.close();
  });

  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(OUTPUT, `${name}.png`) });

  it('keeps the controls in one bar of at most 100 px above the board, card actions in a ⋯ menu, and shows overtime after a 2 s phase', async () => {
    const { api, session, facilitatorToken } = await createSessionAsAdmin(test.server.url, 'こども食堂ラボ', 'community-lab');
    const room = session.boards[0].room;
    // A short second phase, for the overtime.
    const phases = session.phases ?? [];
    expect(phases.length).toBeGreaterThan(2);
    await api.json('PUT', `/api/sessions/${session.id}/phases`, phases.map((p, i) => (i === 3 ? { ...p, durationSec: 2 } : p)));
    socket = connectControl(test.server.url, facilitatorToken);
    await whenConnected(socket);
    expect(await request(socket, 'phase:set', { index: 3 })).toMatchObject({ ok: true });
    for (const text of ['子どもが一人で来られない', '送迎ボランティアを募集する', 'お寺の広間で食堂をひらく']) {
      expect(await request(socket, 'card:add', { room, id: randomUUID(), kind: 'issue', text, stageId: 'know' })).toMatchObject({ ok: true });
    }

    const fac = await openRunPage(test, session.id, errors);
    const controls = fac.getByRole('region', { name: '進行の操作' });
    const board = fac.getByRole('region', { name: /^ボード: / });
    const card = board.getByRole('article').filter({ hasText: '子どもが一人で来られない' });
    await card.waitFor();

    // Geometry: one bar of at most 100 px, the board's first heading below it, the board beside the tables.
    const bar = (await controls.boundingBox())!;
    expect(bar.height).toBeLessThanOrEqual(100);
    const heading = (await board.getByRole('heading').first().boundingBox())!;
    expect(heading.y).toBeGreaterThanOrEqual(bar.y + bar.height);
    const overview = (await fac.getByRole('region', { name: 'テーブルの様子' }).boundingBox())!;
    const boardBox = (await board.boundingBox())!;
    expect(overview.x).toBeGreaterThanOrEqual(boardBox.x + boardBox.width);
    expect(overview.y).toBeLessThan(boardBox.y + 100);
    expect(await fac.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);

    // Card actions: one ⋯ button per card, a menu the keyboard works.
    expect(await card.getByRole('button').count()).toBe(1);
    const menuButton = card.getByRole('button', { name: /^カードの操作/ });
    await menuButton.focus();
    await fac.keyboard.press('ArrowDown');
    const menu = fac.getByRole('menu');
    await expect.poll(() => fac.evaluate(() => document.activeElement?.textContent)).toContain('注目');
    await fac.keyboard.press('ArrowDown');
    await expect.poll(() => fac.evaluate(() => document.activeElement?.textContent)).toContain('非表示');
    await fac.keyboard.press('Escape');
    await expect.poll(() => menu.count()).toBe(0);
    await expect.poll(() => fac.evaluate(() => document.activeElement?.getAttribute('aria-haspopup'))).toBe('menu');
    // Hide from the menu: the state shows on the card and in the menu item.
    await menuButton.click();
    await menu.getByRole('menuitemcheckbox', { name: '非表示' }).click();
    await card.getByText('非表示中').waitFor();
    await menuButton.click();
    expect(await menu.getByRole('menuitemcheckbox', { name: '非表示' }).getAttribute('aria-checked')).toBe('true');
    await shot(fac, 'facilitator-menu-1366');
    await fac.keyboard.press('Escape');

    // Toggles show their state.
    const lock = controls.getByRole('button', { name: /ボードをロック/ });
    expect(await lock.getAttribute('aria-pressed')).toBe('false');
    const offLook = await lock.evaluate((el) => getComputedStyle(el).backgroundColor);
    await lock.click();
    await expect.poll(() => lock.getAttribute('aria-pressed')).toBe('true');
    expect(await lock.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe(offLook);
    await lock.click();
    await expect.poll(() => lock.getAttribute('aria-pressed')).toBe('false');

    // Jump to any phase from the bar.
    await controls.getByLabel('フェーズを選ぶ').selectOption({ index: 6 });
    await expect.poll(() => controls.getByLabel('フェーズを選ぶ').inputValue()).toBe('6');

    // Start with the phase, then overtime: the 2 s phase runs by itself and passes zero.
    await controls.getByText('その他の操作').click();
    await controls.getByRole('button', { name: /フェーズと同時にスタート/ }).click();
    await expect.poll(() => controls.getByRole('button', { name: /フェーズと同時にスタート/ }).getAttribute('aria-pressed')).toBe('true');
    await controls.getByLabel('フェーズを選ぶ').selectOption({ index: 3 });
    await controls.getByText('超過').waitFor({ timeout: 10_000 });
    expect(await controls.getByRole('timer').textContent()).toMatch(/^\+0:0\d$/);
    expect(await controls.getByRole('timer').evaluate((el) => el.closest('.timer')?.textContent)).not.toContain('進行中');
    await shot(fac, 'facilitator-overtime-1366');
    expect(await seriousViolations(fac)).toEqual([]);
    expect(errors).toEqual([]);
  }, 60_000);
});
