import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import * as Y from 'yjs';
import { describe, expect, it, vi } from 'vitest';
import { createSessionAsAdmin, joinAs } from '../support/api';
import { connectBoard, connectControl, request, whenConnected, whenSynced } from '../support/clients';
import { ADMIN } from '../support/server';
import { OUTPUT, useBrowserTest, watchErrors } from './browser-support';

const TITLE = '第1回 作業部会「こども食堂を地域で支えるには」';
const HIDDEN = 'こんな会議は意味がない';
/** A4 at 72 dpi, as pdftoppm -r 72 renders it. */
const PT_PER_PX = 1; // -bbox reports points already; kept for the 72 dpi renders beside it

/** A page rendered as 8-bit grey (pdftoppm -gray writes binary PGM, P5): width, height, pixels. */
function readPgm(bytes: Buffer): { width: number; height: number; pixels: Buffer } {
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(bytes.subarray(0, 40).toString('latin1'));
  if (!header) throw new Error('not a binary PGM');
  return { width: Number(header[1]), height: Number(header[2]), pixels: bytes.subarray(header[0].length) };
}

/** Share of non-white pixels in rows [from, to) of a grey page (0..1). */
function inkShare(page: { width: number; pixels: Buffer }, from: number, to: number): number {
  let ink = 0;
  for (let i = from * page.width; i < to * page.width; i++) if (page.pixels[i] < 235) ink++;
  return ink / (page.width * (to - from));
}

/** Words of a PDF page with their boxes (pdftotext -bbox), in points. */
function wordsOf(pdf: string, page: number): Array<{ text: string; height: number; yMin: number }> {
  const html = execFileSync('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), pdf, '-'], { encoding: 'utf8' });
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({ text: m[5], height: Number(m[4]) - Number(m[2]), yMin: Number(m[2]) }));
}

describe('the printed report', () => {
  const test = useBrowserTest();

  async function closedSession() {
    const url = test.server.url;
    const { api, session, facilitatorToken } = await createSessionAsAdmin(url, TITLE, 'community-lab');
    await api.json('PATCH', `/api/sessions/${session.id}`, { venue: '市民活動センター 第1会議室', heldOn: '2026-12-01', theme: 'こども食堂を地域で支えるには' });
    const fac = connectControl(url, facilitatorToken);
    await whenConnected(fac);
    const people = [];
    for (const [type, n] of [['npo', 3], ['company', 3], ['other', 1]] as const) for (let i = 0; i < n; i++) people.push(await joinAs(url, session.joinCode, `${type}${i}`, type));
    await api.json('POST', `/api/sessions/${session.id}/participants`, { displayName: '', organizationType: 'other' }, 201);
    const room = session.boards[0].room;
    await request(fac, 'phase:set', { index: 3 });
    const phone = connectControl(url, people[0].token);
    await whenConnected(phone);
    const hiddenId = randomUUID();
    const cards = ['場所が知られていない', '送迎の手が足りない', '食材の寄付の受け皿がない'];
    for (const text of cards) expect(await request(phone, 'card:add', { room, id: randomUUID(), kind: 'issue', text, stageId: 'know' })).toMatchObject({ ok: true });
    expect(await request(phone, 'card:add', { room, id: hiddenId, kind: 'issue', text: HIDDEN, stageId: 'know' })).toMatchObject({ ok: true });
    const board = connectBoard(url, room, facilitatorToken);
    await whenSynced(board.provider);
    await vi.waitFor(() => expect(board.doc.getMap<Y.Map<unknown>>('cards').has(hiddenId)).toBe(true));
    board.doc.getMap<Y.Map<unknown>>('cards').get(hiddenId)!.set('hidden', true);
    await vi.waitFor(async () => expect((await api.json<{ moderation: { hiddenCards: unknown[] } }>('GET', `/api/sessions/${session.id}/report`)).moderation.hiddenCards).toHaveLength(1));
    board.destroy();
    for (const [i, p] of people.entries()) {
      const res = await fetch(`${url}/api/sessions/${session.id}/survey`, {
        method: 'POST',
        headers: { authorization: `Bearer ${p.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ answers: { satisfaction: i < 3 ? 'very_satisfied' : 'satisfied', understanding: 'deepened', intent: i % 2 ? 'yes' : 'interested' } }),
      });
      expect(res.status).toBe(204);
    }
    phone.close();
    fac.close();
    await api.json('POST', `/api/sessions/${session.id}/close`, undefined, 204);
    return session;
  }

  it('prints page 1 with the header and the city figures, filled, text of 9 pt or more, page numbers, no hidden card', async () => {
    const session = await closedSession();
    const context = await test.context({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP' });
    context.setDefaultTimeout(20_000);
    const desk = await context.newPage();
    const errors: string[] = [];
    watchErrors(desk, errors);
    await desk.goto(`${test.server.url}/login`);
    await desk.getByLabel('メールアドレス').fill(ADMIN.email);
    await desk.getByLabel('パスワード').fill(ADMIN.password);
    await desk.getByRole('button', { name: 'ログインする' }).click();
    await desk.waitForURL((u) => !u.pathname.startsWith('/login'));
    await desk.goto(`${test.server.url}/secretariat/sessions/${session.id}/report`);
    await desk.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    // The clerk types in two paper sheets from the venue.
    const paper = desk.getByRole('form', { name: '紙のアンケートを入力する' });
    for (const choice of ['満足', 'どちらでもない']) {
      await paper.getByLabel('今日の会はいかがでしたか').selectOption({ label: choice });
      await paper.getByRole('button', { name: 'この回答を追加' }).click();
      await desk.getByText('紙の回答を追加しました。').waitFor();
    }
    // (7 phones + 2 paper) / (7 phones + 2 sheets): the proxy participant is not in it.
    await desk.getByText('100.0%（9/9）').waitFor();
    await desk.getByRole('region', { name: 'モデレーション（事務局用）' }).getByText(HIDDEN).waitFor();

    // Laid out at the printed column's width (A4 less 15 mm margins: 180 mm, 680 px), as Chromium prints.
    await desk.setViewportSize({ width: 680, height: 1000 });
    await desk.emulateMedia({ media: 'print' });
    await desk.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    // Each chart redrawn at its printed width (not a screen-wide canvas shrunk onto paper).
    await expect
      .poll(() => desk.evaluate(() => [...document.querySelectorAll('.chart-box canvas')].every((c) => c.getBoundingClientRect().width <= (c.parentElement?.getBoundingClientRect().width ?? 0) + 1)))
      .toBe(true);
    const pdf = path.join(OUTPUT, 'report-print.pdf');
    await desk.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
    execFileSync('pdftoppm', ['-r', '72', '-png', pdf, path.join(OUTPUT, 'report-print')]);
    const pages = (await fs.readdir(OUTPUT)).filter((f) => /^report-print-\d+\.png$/.test(f)).sort();
    expect(pages.length).toBeGreaterThan(0);

    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    const [first] = text.split('\f');
    // (Words only: a machine without CJK fonts drops a few glyphs such as 年 from the text layer.)
    for (const expected of ['作業部会', '令和8', '12月1日', '市民活動センター', '主な数字', '参加者数', '満足度', '理解度', '参画意向', '回収率']) expect(first).toContain(expected);
    expect(text).not.toContain(HIDDEN);
    expect(text).not.toContain('モデレーション');
    // Page numbers in the bottom margin of every page.
    text.split('\f').filter((p) => p.trim()).forEach((p, i, all) => expect(p).toMatch(new RegExp(`\\b${i + 1}\\s*/\\s*${all.length}\\b`)));

    // Every word at 9 pt or more (a box is the font's full height, about 1.2 × its size).
    const words = pages.flatMap((_, i) => wordsOf(pdf, i + 1)).filter((w) => w.text.trim());
    const small = words.filter((w) => w.height * PT_PER_PX < 9 * 1.1);
    expect(small.map((w) => `${w.text} ${w.height.toFixed(1)}`)).toEqual([]);

    // Page 1 is not half empty: ink in its bottom 40 %, unless the report ends on it.
    execFileSync('pdftoppm', ['-r', '72', '-gray', '-f', '1', '-l', '1', '-singlefile', pdf, path.join(OUTPUT, 'report-print-gray')]);
    const grey = readPgm(await fs.readFile(path.join(OUTPUT, 'report-print-gray.pgm')));
    if (pages.length > 1) expect(inkShare(grey, Math.round(grey.height * 0.6), grey.height - 40)).toBeGreaterThan(0.01);
    expect(errors).toEqual([]);
  }, 120_000);
});
