import { describe, expect, it } from 'vitest';
import { createSessionAsAdmin } from '../support/api';
import { ADMIN } from '../support/server';
import { useBrowserTest, watchErrors } from './browser-support';

describe('joins seen by the facilitator', () => {
  const test = useBrowserTest();

  it('keeps one identity for a phone that opens the join link again, and shows the join rate, the limit and the projector links on the run page, and a template shared from the prepare page', async () => {
    const errors: string[] = [];
    const { api, session } = await createSessionAsAdmin(test.server.url, '見守りを考える');
    const phone = await test.context({ viewport: { width: 360, height: 740 }, locale: 'ja-JP', isMobile: true, hasTouch: true });
    const p = await phone.newPage();
    watchErrors(p, errors);
    await p.goto(`${test.server.url}/j/${session.joinCode}`);
    await p.getByLabel('お名前（カードに表示されます）').fill('佐藤');
    await p.getByRole('radio', { name: 'NPO・市民活動団体' }).check();
    await p.getByRole('button', { name: '参加する' }).click();
    await p.getByRole('button', { name: 'カードを書く' }).waitFor();
    // The QR code again, from the same phone: the same person, not a second one.
    await p.goto(`${test.server.url}/j/${session.joinCode}`);
    await p.getByRole('button', { name: 'カードを書く' }).waitFor();
    expect((await api.json<unknown[]>('GET', `/api/sessions/${session.id}/participants`)).length).toBe(1);

    const desk = await test.context({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP' });
    const fac = await desk.newPage();
    watchErrors(fac, errors);
    await fac.goto(`${test.server.url}/login`);
    await fac.getByLabel('メールアドレス').fill(ADMIN.email);
    await fac.getByLabel('パスワード').fill(ADMIN.password);
    await fac.getByRole('button', { name: 'ログインする' }).click();
    await fac.waitForURL(/\/facilitator/);
    await fac.goto(`${test.server.url}/facilitator/sessions/${session.id}/run`);
    const people = fac.getByRole('region', { name: /参加者/ });
    await people.getByText('直近1分の参加: 1人').waitFor();
    await people.getByText('参加 1人 ／ 定員 300人').waitFor();
    await people.getByLabel('定員（人）').fill('1');
    await people.getByRole('button', { name: '定員を変更' }).click();
    await people.getByText('定員を 1人にしました。').waitFor();
    await people.getByText('定員に達したため、新しい参加はできません。').waitFor();
    const full = await fetch(`${test.server.url}/api/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ joinCode: session.joinCode, displayName: '', organizationType: 'npo' }),
    });
    expect(full.status).toBe(409);

    // A projector link, listed and revoked from the run page.
    const link = await api.json<{ id: string; token: string }>('POST', `/api/sessions/${session.id}/observer-link`, undefined, 201);
    await fac.reload();
    await fac.getByText('発行済みのプロジェクター用リンク').click();
    await fac.getByRole('button', { name: /このリンクを無効にする/ }).click();
    await fac.getByText('リンクを無効にしました。そのリンクで開いている画面は切断されます。').waitFor();
    const me = await fetch(`${test.server.url}/api/me`, { headers: { authorization: `Bearer ${link.token}` } });
    expect(me.status).toBe(401);

    // A template saved from the prepare page, shared with the other facilitators on request.
    await fac.goto(`${test.server.url}/facilitator/sessions/${session.id}`);
    const save = fac.getByRole('region', { name: 'テンプレートとして保存' });
    await save.getByLabel('テンプレート名').fill('見守りの型');
    await save.getByLabel('ほかの進行役も使えるように共有する').check();
    await save.getByRole('button', { name: 'テンプレートを保存する' }).click();
    await save.getByText('テンプレート「見守りの型」を保存し、ほかの進行役と共有しました。').waitFor();
    const templates = await api.json<Array<{ name: string; shared: boolean }>>('GET', '/api/templates');
    expect(templates.find((tpl) => tpl.name === '見守りの型')).toMatchObject({ shared: true });
    expect(errors).toEqual([]);
  }, 90_000);
});
