import Encoding from 'encoding-japanese';
import type { Locator, Page } from 'playwright-core';
import { ApiClient } from '../support/api';
import { ADMIN } from '../support/server';
import { type BrowserTest, watchErrors } from './browser-support';

/** The secretariat's laptop. */
export const LAPTOP = { viewport: { width: 1366, height: 768 }, locale: 'ja-JP' } as const;

/** A CSV as Excel on a Japanese Windows saves it: Shift_JIS, CRLF. */
export function shiftJisCsv(lines: string[]): Buffer {
  return Buffer.from(Encoding.convert(Encoding.stringToCode(lines.join('\r\n') + '\r\n'), { to: 'SJIS', from: 'UNICODE' }));
}

/** What the seeding made: ids, and the path of the cafeteria's update link. */
export interface Seeded {
  spaceId: string;
  shokudoOrg: string;
  shokudo: string;
  mimamori: string;
  linkPath: string;
}

/** Where an element sits in the viewport (page scrolled to the top), and how wide the page is. */
export async function placement(page: Page, target: Locator): Promise<{ top: number; bottom: number; left: number; right: number; scrollWidth: number; viewport: number }> {
  await page.evaluate(() => window.scrollTo(0, 0));
  const box = await target.boundingBox();
  if (!box) throw new Error('the element is not laid out');
  const { scrollWidth, viewport } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, viewport: window.innerWidth }));
  return { top: box.y, bottom: box.y + box.height, left: box.x, right: box.x + box.width, scrollWidth, viewport };
}

/**
 * Two members of the first space, through the API: a children's cafeteria in 北部 on Wednesdays
 * (with an update link) and a watch-over round in 中央 with an unpublished counter; both last
 * confirmed long ago.
 */
export async function seedDirectory(test: BrowserTest): Promise<Seeded> {
  const admin = new ApiClient(test.server.url);
  await admin.login();
  const [space] = await admin.json<Array<{ id: string; name: string }>>('GET', '/api/spaces');
  const add = (body: object) => admin.json<{ id: string }>('POST', `/api/spaces/${space.id}/organizations`, body, 201);
  const shokudoOrg = (await add({ name: '北部こども食堂の会', kana: 'ほくぶこどもしょくどうのかい', membership: 'partner', organizationType: 'npo', districts: ['北部'] })).id;
  const mimamoriOrg = (await add({ name: '中央見守りネット', kana: 'ちゅうおうみまもりねっと', membership: 'relation', organizationType: 'social_welfare_council', districts: ['中央'] })).id;
  const shokudo = await admin.json<{ id: string }>('POST', `/api/organizations/${shokudoOrg}/resources`, {
    name: 'みんなの食堂',
    description: '地域のこどもと大人がいっしょに夕ご飯を食べる食堂です。',
    categories: ['食事・食料', '居場所'],
    audiences: ['こども'],
    districts: ['北部'],
    schedule: { rrule: 'FREQ=WEEKLY;BYDAY=WE', opensAt: '15:00', closesAt: '18:00' },
    address: '北部公民館',
    contact: '090-0000-0000',
    status: 'active',
    published: true,
  }, 201);
  const mimamori = await admin.json<{ id: string }>('POST', `/api/organizations/${mimamoriOrg}/resources`, {
    name: 'ひとり暮らし見守り訪問',
    categories: ['見守り'],
    audiences: ['高齢者'],
    districts: ['中央'],
    schedule: { rrule: 'FREQ=MONTHLY;BYDAY=1MO' },
    status: 'active',
    published: true,
  }, 201);
  // Not published: the public view must leave it out.
  await admin.json('POST', `/api/organizations/${mimamoriOrg}/resources`, { name: '介護の相談窓口', categories: ['相談'], audiences: ['高齢者'], districts: ['中央'], status: 'active', published: false }, 201);
  // Both were last confirmed long ago: the cafeteria's member will confirm it, the other stays flagged.
  const db = test.server.app.database.db;
  await db.updateTable('resources').set({ last_confirmed_on: '2025-06-01' }).where('id', '=', shokudo.id).execute();
  await db.updateTable('resources').set({ last_confirmed_on: '2025-01-15' }).where('id', '=', mimamori.id).execute();
  const link = await admin.json<{ url: string }>('POST', `/api/organizations/${shokudoOrg}/update-link`, undefined, 201);
  return { spaceId: space.id, shokudoOrg, shokudo: shokudo.id, mimamori: mimamori.id, linkPath: new URL(link.url).pathname };
}

/** The secretariat's laptop, signed in as the test admin; console errors go to `errors`. */
export async function signedIn(test: BrowserTest, errors: string[], expected: RegExp[] = []): Promise<Page> {
  const context = await test.context(LAPTOP);
  context.setDefaultTimeout(20_000);
  const desk = await context.newPage();
  watchErrors(desk, errors, expected);
  await desk.goto(`${test.server.url}/login`);
  await desk.getByLabel('メールアドレス').fill(ADMIN.email);
  await desk.getByLabel('パスワード').fill(ADMIN.password);
  await desk.getByRole('button', { name: 'ログインする' }).click();
  await desk.getByLabel('セッションのタイトル').waitFor();
  return desk;
}
