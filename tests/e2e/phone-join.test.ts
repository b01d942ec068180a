import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createSessionAsAdmin } from '../support/api';
import { seriousViolations, useBrowserTest, watchErrors } from './browser-support';
import { PHONE, textSize } from './phone-support';

// Another run on this machine may be rebuilding the client meanwhile (sw.js missing for a moment).
const SW_REBUILD = [/ServiceWorker/, /unsupported MIME type/];

describe('joining on a phone at 100 %, 150 % and 200 % text', () => {
  const test = useBrowserTest();

  it('names the workshop before the form, says a wrong code at once, remembers name and sector only when asked, and fits the join and survey pages on the phone', async () => {
    const shots = await fs.mkdtemp(path.join(os.tmpdir(), 'yoriai-join-'));
    const errors: string[] = [];
    const title = '第2回 作業部会「地域の居場所をつなぐ」';
    const { api, session } = await createSessionAsAdmin(test.server.url, title);
    await api.json('PATCH', `/api/sessions/${session.id}`, { venue: '西光寺 本堂', heldOn: '2027-01-15' });
    const problems: string[] = [];
    const check = async (page: Page, state: string, size: number, primary: ReturnType<Page['getByRole']>) => {
      await primary.waitFor();
      const box = await primary.boundingBox();
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      await page.screenshot({ path: path.join(shots, `${state}-${size}.png`) });
      if (!box || box.y < 0 || box.y >= 740) problems.push(`${state} ${size}%: primary at y=${box?.y}`);
      if (width > 360) {
        const wide = await page.evaluate(() =>
          {
            const out: string[] = [];
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            const range = document.createRange();
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
              range.selectNodeContents(n);
              if (range.getBoundingClientRect().right > 360.5) {
                const chain: string[] = [];
                for (let el = n.parentElement; el && chain.length < 4; el = el.parentElement) chain.push(`${el.tagName}.${el.className}[${Math.round(el.getBoundingClientRect().left)}-${Math.round(el.getBoundingClientRect().right)}]`);
                out.push(`${Math.round(range.getBoundingClientRect().right)} ${chain.join(' < ')}`);
              }
            }
            return out.slice(0, 4);
          },
        );
        problems.push(`${state} ${size}%: horizontal scroll (${width}px): ${wide.join(' ')}`);
      }
      for (const v of await seriousViolations(page)) problems.push(`${state} ${size}%: axe ${v}`);
    };

    for (const size of [100, 150, 200]) {
      const context = await test.context(PHONE);
      context.setDefaultTimeout(15_000);
      await textSize(context, size);
      const page = await context.newPage();
      // The wrong code's lookup answers 404 on purpose.
      watchErrors(page, errors, [/404.*\/api\/join\/\d{6}/]);

      // Typing the code on the start page names the workshop once six digits are in.
      await page.goto(test.server.url);
      await page.getByLabel('参加コード（6桁の数字）').fill(session.joinCode.slice(0, 5));
      expect(await page.getByRole('heading', { name: title }).count()).toBe(0);
      await page.getByLabel('参加コード（6桁の数字）').fill(session.joinCode);
      await page.getByRole('heading', { name: title }).waitFor();
      await page.getByText('会場: 西光寺 本堂').waitFor();

      // A wrong code is said before any form.
      const wrong = String((Number(session.joinCode) + 1) % 1_000_000).padStart(6, '0');
      await page.goto(`${test.server.url}/j/${wrong}`);
      await page.getByText('この参加コードのセッションは見つかりません。コードを確かめてください。').waitFor();
      expect(await page.getByLabel('お名前（カードに表示されます）').count()).toBe(0);

      // The QR link: the title at once, the form under it.
      await page.goto(`${test.server.url}/j/${session.joinCode}`);
      await check(page, 'join', size, page.getByRole('heading', { name: title }));
      await page.getByLabel('お名前（カードに表示されます）').fill(`鈴木${size}`);
      await page.getByRole('radio', { name: '宗教団体（寺社など）' }).check();
      if (size === 100) await page.getByRole('checkbox', { name: /この端末に名前と所属を覚えておく/ }).check();
      await page.getByRole('button', { name: '参加する' }).click();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();

      // The closing survey: its first choice on the first screen.
      await page.goto(`${test.server.url}/s/${session.id}/survey`);
      await check(page, 'survey', size, page.getByRole('radio').first());

      if (size === 100) {
        // The next workshop on this phone: name and sector filled in, and a way to forget them.
        const next = await api.json<{ joinCode: string }>('POST', '/api/sessions', { title: '第3回 作業部会', template: 'free-board' }, 201);
        await page.goto(`${test.server.url}/j/${next.joinCode}`);
        await page.getByText('この端末に覚えた名前と所属を入れてあります。').waitFor();
        expect(await page.getByLabel('お名前（カードに表示されます）').inputValue()).toBe('鈴木100');
        expect(await page.getByRole('radio', { name: '宗教団体（寺社など）' }).isChecked()).toBe(true);
        await page.getByRole('button', { name: '覚えた名前と所属を消す' }).click();
        await page.getByText('この端末から名前と所属を消しました。').waitFor();
        expect(await page.getByLabel('お名前（カードに表示されます）').inputValue()).toBe('');
        expect(await page.evaluate(() => localStorage.getItem('yoriai.profile'))).toBeNull();
      } else {
        // Not ticked: nothing of the person is kept for the next workshop.
        expect(await page.evaluate(() => localStorage.getItem('yoriai.profile'))).toBeNull();
      }
    }
    expect(problems).toEqual([]);
    expect(errors.filter((e) => !SW_REBUILD.some((pattern) => pattern.test(e)))).toEqual([]);
    console.log(`join screenshots: ${shots}`);
  }, 60_000);
});
