import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import { CLIENT_SOURCES, newestMtime } from '../../support/newest-mtime';
import zlib from 'node:zlib';
import { type Browser, chromium } from 'playwright-core';
import { ADMIN } from '../../support/server';
import { randomUUID } from 'node:crypto';
import { connectWriter, pool, prepareYoriai, type Target } from '../clients';
import { ROOT, type ServerProc, sleep } from '../procs';
import { pump } from '../watcher';

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

// Not under a dot-folder such as node_modules/.cache: express.static would refuse to serve it.
const CACHE = path.join(os.tmpdir(), `yoriai-bench-client-${createHash('sha1').update(ROOT).digest('hex').slice(0, 8)}`);
const SOURCES = [...CLIENT_SOURCES, 'package-lock.json'];

/**
 * A production build of the client (`npx vite build` with NODE_ENV=production) in a folder of
 * its own, left alone by anything that rebuilds client/dist meanwhile; kept in the temp folder
 * across runs and rebuilt when a source is newer. Returns the folder.
 */
export function buildClient(log: (line: string) => void): string {
  const index = path.join(CACHE, 'index.html');
  const newest = Math.max(...SOURCES.map((p) => newestMtime(path.join(ROOT, p))));
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= newest) return CACHE;
  log(`    npx vite build (production) into ${CACHE}`);
  execFileSync('npx', ['vite', 'build', '--outDir', CACHE, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (!fs.existsSync(index)) throw new Error('vite build wrote no index.html');
  return CACHE;
}

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ARGS });
}

export interface PhoneResult {
  /** The JS files the route loaded: name, bytes as received, their gzip -6 size, bytes on the wire. */
  scripts: Array<{ name: string; bytes: number; gzip: number; transferred: number }>;
  gzipTotal: number;
  transferredTotal: number;
  /** Join link opened → join form usable, plus 参加する pressed → "write a card" button shown (in-page times). */
  usableMs: number;
  /** Link opened → the join form's name field and 参加する button in the page. */
  formMs: number;
  /** 参加する pressed → the カードを書く button in the page. */
  joinToBoardMs: number;
  /** The same path end to end as the harness saw it, including its typing and polling. */
  polledMs: number;
  /** … → the card form opened, a card sent and shown as the participant's own. */
  cardSentMs: number;
}

/**
 * A phone on Fast 3G (150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up, emulated by Chromium through
 * CDP Network.emulateNetworkConditions; no CPU throttling), empty cache: open the join link,
 * enter a name, pick an organisation, join, and write a card.
 */
export async function runPhone(browser: Browser, server: ServerProc): Promise<PhoneResult> {
  const target = await prepareYoriai(server, 0, 'スマホ');
  const joinCode = target.joinCode!;
  const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: (1.6e6 / 8) | 0, uploadThroughput: (750e3 / 8) | 0 });
    const scripts = new Map<string, string>();
    const transferred = new Map<string, number>();
    cdp.on('Network.responseReceived', (e) => {
      if (e.type === 'Script') scripts.set(e.requestId, e.response.url);
    });
    cdp.on('Network.loadingFinished', (e) => transferred.set(e.requestId, e.encodedDataLength));

    // Timed in the page (ms since navigation start), so the harness's own polling for elements
    // (Playwright re-checks every 100–500 ms) does not count: when the join form could be
    // used, when 参加する was pressed, when the カードを書く button appeared.
    await page.addInitScript(PHONE_PROBE);
    const start = performance.now();
    await page.goto(`${server.url}/j/${joinCode}`, { waitUntil: 'commit' });
    await page.getByLabel('お名前（カードに表示されます）').fill('ベンチ');
    await page.getByRole('radio', { name: 'NPO・市民活動団体' }).check();
    await page.getByRole('button', { name: '参加する' }).click();
    await page.getByRole('button', { name: 'カードを書く' }).waitFor({ state: 'visible', timeout: 60_000 });
    const polledMs = performance.now() - start;
    const marks = await page.evaluate(() => (window as unknown as { __phone: { formAt: number; joinAt: number; boardAt: number } }).__phone);
    // Link → form usable, plus 参加する → board usable: the wait a person sees, without their typing.
    const formMs = marks.formAt;
    const joinToBoardMs = marks.boardAt - marks.joinAt;
    const usableMs = formMs + joinToBoardMs;
    await page.getByRole('button', { name: 'カードを書く' }).click();
    const text = 'ボランティアの募集を学校と一緒にしたい';
    await page.getByLabel('内容', { exact: true }).fill(text);
    await page.getByRole('button', { name: '送る' }).click();
    await page.getByRole('region', { name: '自分のカード' }).getByRole('article').filter({ hasText: text }).waitFor({ timeout: 60_000 });
    const cardSentMs = performance.now() - start;

    // The bodies as received (client/dist may be rebuilt meanwhile by someone else).
    const rows = await Promise.all(
      [...scripts].map(async ([id, url]) => {
        const { body: text, base64Encoded } = await cdp.send('Network.getResponseBody', { requestId: id });
        const body = Buffer.from(text, base64Encoded ? 'base64' : 'utf8');
        return { name: new URL(url).pathname, bytes: body.length, gzip: zlib.gzipSync(body, { level: 6 }).length, transferred: transferred.get(id) ?? 0 };
      }),
    );
    return {
      scripts: rows,
      gzipTotal: rows.reduce((s, r) => s + r.gzip, 0),
      transferredTotal: rows.reduce((s, r) => s + r.transferred, 0),
      usableMs,
      formMs,
      joinToBoardMs,
      polledMs,
      cardSentMs,
    };
  } finally {
    await context.close();
  }
}

/** Installed before the phone page's scripts: in-page times of the join path (see runPhone). */
const PHONE_PROBE = `(() => {
  const marks = { formAt: -1, joinAt: -1, boardAt: -1 };
  window.__phone = marks;
  const buttonWith = (text) => [...document.querySelectorAll('button')].find((b) => b.textContent && b.textContent.trim() === text);
  const check = () => {
    if (marks.formAt < 0 && document.querySelector('input') && buttonWith('参加する')) marks.formAt = performance.now();
    if (marks.boardAt < 0 && marks.joinAt >= 0 && buttonWith('カードを書く')) marks.boardAt = performance.now();
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, characterData: true });
  document.addEventListener('click', (e) => {
    const b = e.target instanceof Element ? e.target.closest('button') : null;
    if (marks.joinAt < 0 && b && b.textContent && b.textContent.trim() === '参加する') marks.joinAt = performance.now();
  }, true);
})();`;

/**
 * Installed before the page's scripts: times board messages and card elements. Plain JS text,
 * not a function, so no helper of the TypeScript compiler leaks into the page.
 */
const probe = (cards: number) => `(() => {
  const bench = { bigAt: -1, cardsAt: -1, cardsFrameAt: -1, watch: '', watchAt: -1, domAt: -1, frameAt: -1, removed: 0 };
  window.__bench = bench;
  const Original = window.WebSocket;
  window.WebSocket = class extends Original {
    constructor(url, protocols) {
      super(url, protocols);
      if (!String(url).includes('/yjs/')) return;
      this.addEventListener('message', (event) => {
        const now = performance.now();
        const data = event.data;
        const head = new Uint8Array(data, 0, Math.min(2, data.byteLength));
        // The server's sync step 2 (type 0, sub-type 1) that brings the cards.
        if (bench.bigAt < 0 && head[0] === 0 && head[1] === 1 && data.byteLength > 10000) bench.bigAt = now;
        if (bench.watch && bench.watchAt < 0 && new TextDecoder().decode(data).includes(bench.watch)) bench.watchAt = now;
      });
    }
  };
  const afterPaint = (set) => requestAnimationFrame(() => setTimeout(() => set(performance.now()), 0));
  const isCard = (node) => node instanceof Element && (node.matches('article[data-card-id]') || node.querySelector('article[data-card-id]') !== null);
  const isWatched = (node) => node instanceof Element && (node.matches('[data-card-id="' + bench.watch + '"]') || node.querySelector('[data-card-id="' + bench.watch + '"]') !== null);
  new MutationObserver((records) => {
    const now = performance.now();
    if (bench.cardsAt < 0 && document.querySelectorAll('article[data-card-id]').length >= ${cards}) {
      bench.cardsAt = now;
      afterPaint((t) => (bench.cardsFrameAt = t));
    }
    if (!bench.watch) return;
    for (const record of records) {
      for (const node of record.removedNodes) if (isCard(node)) bench.removed++;
      if (bench.domAt >= 0) continue;
      for (const node of record.addedNodes) {
        if (isWatched(node)) {
          bench.domAt = now;
          afterPaint((t) => (bench.frameAt = t));
          break;
        }
      }
    }
  }).observe(document, { childList: true, subtree: true });
})();`;

export interface BoardResult {
  /** Board data received (the sync message) → every card in the DOM, → the frame after. */
  renderMs: number;
  renderFrameMs: number;
  /** Navigation start → every card painted. */
  fromNavigationMs: number;
  /** Per new card: its update received → card in the DOM → the frame after; cards re-mounted. */
  newCard: Array<{ domMs: number; frameMs: number; remounted: number }>;
}

/**
 * The facilitator's board (`/facilitator/sessions/:id/board`, no throttling) on a room holding
 * `cards` cards (written 50 per update), then `newCards` cards written one at a time by another facilitator client.
 */
export async function runFacilitatorBoard(browser: Browser, server: ServerProc, cards: number, newCards: number): Promise<BoardResult> {
  const target: Target = await prepareYoriai(server, 1, 'ボード');
  await pump(target, { writers: 1, window: 200, total: cards, mode: 'cards', batch: 50 });
  const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1600, height: 1000 } });
  try {
    const login = await context.request.post(`${server.url}/api/auth/login`, { data: ADMIN });
    if (!login.ok()) throw new Error(`login failed: ${login.status()}`);
    await context.addInitScript({ content: probe(cards) });
    const page = await context.newPage();
    const sessionId = target.room.split('.')[0];
    await page.goto(`${server.url}/facilitator/sessions/${sessionId}/board`);
    await page.waitForFunction(() => (window as unknown as { __bench: { cardsFrameAt: number } }).__bench.cardsFrameAt >= 0, null, { timeout: 60_000 });
    const first = await page.evaluate(() => (window as unknown as { __bench: Record<string, number> }).__bench);
    const writer = connectWriter(target, '追加', false);
    await writer.synced;
    const newCard: BoardResult['newCard'] = [];
    await pool(Array.from({ length: newCards }, (_, i) => i), 1, async (i) => {
      await sleep(300);
      const id = randomUUID();
      await page.evaluate((cardId) => {
        const b = (window as unknown as { __bench: Record<string, unknown> }).__bench;
        Object.assign(b, { watch: cardId, watchAt: -1, domAt: -1, frameAt: -1, removed: 0 });
      }, id);
      writer.writeCard(1_000_000 + i, id);
      await page.waitForFunction(() => (window as unknown as { __bench: { frameAt: number } }).__bench.frameAt >= 0, null, { timeout: 30_000 });
      const b = await page.evaluate(() => (window as unknown as { __bench: Record<string, number> }).__bench);
      newCard.push({ domMs: b.domAt - b.watchAt, frameMs: b.frameAt - b.watchAt, remounted: b.removed });
    });
    writer.destroy();
    return { renderMs: first.cardsAt - first.bigAt, renderFrameMs: first.cardsFrameAt - first.bigAt, fromNavigationMs: first.cardsFrameAt, newCard };
  } finally {
    await context.close();
  }
}
