import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api';
import { OUTPUT, seriousViolations, useBrowserTest } from './browser-support';
import { signedIn } from './directory-support';

describe('sending every member its update link from the member list', () => {
  const test = useBrowserTest();

  it('makes a link for each member still in and prints one letter a page with its QR code', async () => {
    const admin = new ApiClient(test.server.url);
    await admin.login();
    const [space] = await admin.json<Array<{ id: string }>>('GET', '/api/spaces');
    const names = ['あさひの会', 'いずみの会', 'うみべの会'];
    for (const name of names) await admin.json('POST', `/api/spaces/${space.id}/organizations`, { name, membership: 'partner', organizationType: 'npo' }, 201);
    await admin.json('POST', `/api/spaces/${space.id}/organizations`, { name: 'やめた会', membership: 'none', organizationType: 'npo', status: 'inactive' }, 201);

    const errors: string[] = [];
    const desk = await signedIn(test, errors);
    await desk.goto(`${test.server.url}/secretariat/organizations`);
    const panel = desk.getByRole('region', { name: '更新リンクをまとめて送る' });
    await panel.getByRole('button', { name: '3団体の更新リンクを作る' }).click();
    // Asked first, in the page: every link in use stops working.
    const dialog = desk.getByRole('dialog', { name: '更新リンクをまとめて作りますか' });
    await dialog.getByText('3団体の新しいリンクを作ります。').waitFor();
    await dialog.getByRole('button', { name: '3団体の更新リンクを作る' }).click();
    await panel.getByText('3団体のリンクを作りました（メールで送ったのは0団体）。').waitFor();
    const letters = panel.getByRole('region', { name: '印刷する案内（3枚）' }).getByRole('article');
    await expect.poll(() => letters.count()).toBe(3);
    for (const name of names) await letters.filter({ hasText: `${name} 御中` }).getByRole('img', { name: '更新用リンクのQRコード' }).waitFor();
    expect(await seriousViolations(desk)).toEqual([]);

    // Printed: three A4 pages, one letter each, nothing else of the page.
    const pdf = path.join(OUTPUT, 'directory-batch-letters.pdf');
    await desk.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1]);
    expect(pages).toBe(3);
    for (const [i, name] of names.entries()) {
      const text = execFileSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), pdf, '-'], { encoding: 'utf8' });
      expect(text).toContain(`${name} 御中`);
      expect(text).not.toContain('会員団体');
    }
    // Each printed URL opens its own organisation.
    const urls = await letters.locator('.update-letter-url').allTextContents();
    const opened = await Promise.all(urls.map(async (url) => (await (await fetch(`${test.server.url}/api/update-links/${new URL(url).pathname.replace('/u/', '')}`)).json()) as { organization: { name: string } }));
    expect(opened.map((o) => o.organization.name).sort()).toEqual(names);
    expect(errors).toEqual([]);
  }, 60_000);
});
