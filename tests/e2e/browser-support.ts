import fs from 'node:fs/promises';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { ConfigInput } from '../../server/config';
import { ADMIN, startTestServer, type TestServer } from '../support/server';

/** Where the browser tests write screenshots for a person to look at (ignored by git). */
export const OUTPUT = path.resolve(import.meta.dirname, 'output');

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Debian's Chromium (or CHROMIUM_PATH); never a downloaded browser. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** A browser test file's server and Chromium: started before its tests, closed after them. */
export interface BrowserTest {
  readonly server: TestServer;
  readonly browser: Browser;
  /** A new browser context (a device), closed with the rest after the file's tests. */
  context(options?: BrowserContextOptions): Promise<BrowserContext>;
}

/** Start a test server and Chromium for the tests of one file (call at the top of `describe`). */
export function useBrowserTest(options: ConfigInput = {}): BrowserTest {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    await fs.mkdir(OUTPUT, { recursive: true });
    server = await startTestServer(options);
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const context of contexts.splice(0)) await context.close();
    await browser?.close();
    await server?.close();
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the ${what} is not started yet (use it inside a test)`);
    return value;
  };
  return {
    get server() {
      return started(server, 'test server');
    },
    get browser() {
      return started(browser, 'browser');
    },
    async context(options) {
      const context = await started(browser, 'browser').newContext(options);
      contexts.push(context);
      return context;
    },
  };
}

/** Accessibility problems axe rates serious or critical, as readable lines. */
export async function seriousViolations(page: Page): Promise<string[]> {
  // Only violations are reported in full: listing every passing node costs seconds on a big page.
  const results = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/**
 * Collect uncaught page errors and console errors (a CSP refusal or a React warning shows up as
 * one). `expected` names the failed requests the test provokes on purpose.
 */
export function watchErrors(page: Page, into: string[], expected: RegExp[] = []): void {
  page.on('pageerror', (error) => into.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const url = message.location().url;
    if (!expected.some((pattern) => pattern.test(`${message.text()} ${url}`))) into.push(`console: ${message.text()} ${url}`);
  });
}

/**
 * The facilitator's laptop (1366 × 768, Japanese): signs in as the test admin and opens a
 * session's run page. Console errors go to `errors`.
 */
export async function openRunPage(test: BrowserTest, sessionId: string, errors: string[]): Promise<Page> {
  const context = await test.context({ viewport: { width: 1366, height: 768 }, locale: 'ja-JP' });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  watchErrors(page, errors);
  await page.goto(`${test.server.url}/login`);
  await page.getByLabel('メールアドレス').fill(ADMIN.email);
  await page.getByLabel('パスワード').fill(ADMIN.password);
  await page.getByRole('button', { name: 'ログインする' }).click();
  await page.getByRole('heading', { name: 'セッション一覧' }).waitFor();
  await page.goto(`${test.server.url}/facilitator/sessions/${sessionId}/run`);
  return page;
}
