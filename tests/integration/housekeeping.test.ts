import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AccountListEntry, FiguresView, PasswordLinkView, RegisterRow, SearchView } from '../../shared/schemas/clerk';
import type { ArchiveEntry, SinceLastView } from '../../shared/schemas/reports';
import type { SessionView } from '../../shared/schemas/api';
import { ApiClient, createSessionAsAdmin, joinAs } from '../support/api';
import { connectBoard, connectControl, request, whenConnected, whenSynced } from '../support/clients';
import { useTestServer } from '../support/lifecycle';
import { storedUpdateCount } from '../support/stored';

describe("the clerk's register, figures by 年度 and housekeeping", () => {
  const t = useTestServer();

  async function sessionOn(api: ApiClient, title: string, heldOn: string, series = '') {
    const session = await api.json<SessionView>('POST', '/api/sessions', { title, template: 'free-board' }, 201);
    await api.json('PATCH', `/api/sessions/${session.id}`, { heldOn, series });
    return session;
  }

  it('notes a register edit in the action’s history and names it in 前回から変化あり', async () => {
    const { api } = await createSessionAsAdmin(t.server.url, 'ignored');
    const first = await sessionOn(api, '第1回', '2026-10-01', '部会A');
    const action = await api.json<{ id: string }>('POST', `/api/sessions/${first.id}/actions`, { title: '名簿をつくる', ownerPerson: '高橋', dueDate: '2026-10-31' }, 201);
    await api.request('POST', `/api/sessions/${first.id}/close`);
    const second = await sessionOn(api, '第2回', '2026-11-01', '部会A');
    await api.json('PATCH', `/api/actions/${action.id}`, { dueDate: '2026-12-15', ownerPerson: '佐藤', status: 'in_progress' });
    await api.json('POST', `/api/actions/${action.id}/notes`, { note: '半分できた' }, 201);

    const [row] = await api.json<RegisterRow[]>('GET', '/api/actions');
    // One edit, three changes at the same moment: their order among themselves is not kept.
    const byField = (a: { field: string }, b: { field: string }) => a.field.localeCompare(b.field);
    expect(row.history.map(({ field, from, to, by }) => ({ field, from, to, by })).sort(byField)).toEqual([
      { field: 'dueDate', from: '2026-10-31', to: '2026-12-15', by: 'admin' },
      { field: 'ownerPerson', from: '高橋', to: '佐藤', by: 'admin' },
      { field: 'status', from: 'not_started', to: 'in_progress', by: 'admin' },
    ]);
    const since = await api.json<SinceLastView & { actions: Array<{ changes: RegisterRow['history']; newNotes: number; changedSince: boolean }> }>('GET', `/api/sessions/${second.id}/since-last`);
    expect(since.actions[0]).toMatchObject({ changedSince: true, newNotes: 1 });
    expect(since.actions[0].changes.map((c) => `${c.field}:${c.from}→${c.to}`).sort()).toEqual(['dueDate:2026-10-31→2026-12-15', 'ownerPerson:高橋→佐藤', 'status:not_started→in_progress']);

    const csv = await api.request('GET', '/api/actions/export.csv');
    const text = await csv.text();
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(text).toContain('名簿をつくる,,佐藤,2026-12-15,進行中');
  });

  it('puts a session held on 31 March and one held on 1 April in different 年度', async () => {
    const { api } = await createSessionAsAdmin(t.server.url, '第0回');
    await api.json('PATCH', `/api/sessions/${(await api.json<SessionView[]>('GET', '/api/sessions'))[0].id}`, { heldOn: '2026-06-01' });
    const march = await sessionOn(api, '三月の会', '2027-03-31');
    const april = await sessionOn(api, '四月の会', '2027-04-01');
    for (const [s, names] of [[march, ['山田', '鈴木']], [april, ['山田']]] as const) {
      for (const name of names) await joinAs(t.server.url, s.joinCode, name, 'npo');
    }
    const fy2026 = await api.json<FiguresView>('GET', '/api/stats?fiscalYear=2026');
    expect(fy2026.sessions.map((s) => s.title)).toEqual(['第0回', '三月の会']);
    const fy2027 = await api.json<FiguresView>('GET', '/api/stats?fiscalYear=2027');
    expect(fy2027.sessions.map((s) => s.title)).toEqual(['四月の会']);
    expect(fy2027.fiscalYears).toEqual([2027, 2026]);
    // 山田 of an NPO came to both: 3 participations, 2 people.
    const all = await api.json<FiguresView>('GET', '/api/stats');
    expect(all.totals.participants).toBe(3);
    expect(all.distinct).toEqual({ people: 2, identified: 2, unidentified: 0 });
    expect(all.byOrganizationType).toEqual({ npo: 3 });
    const csv = await (await api.request('GET', '/api/stats/export/sessions.csv?fiscalYear=2026')).text();
    expect(csv).toContain('令和8年度,2027-03-31,三月の会,2');
    expect(csv).not.toContain('四月の会');
    expect((await api.request('GET', '/api/stats/export/constructor.csv')).status).toBe(404);
    expect((await api.request('GET', '/api/stats?fiscalYear=abc')).status).toBe(400);
  });

  it('deletes a session from the figures, archive, search and the board store, cutting its sockets', async () => {
    const { api, session, facilitatorToken } = await createSessionAsAdmin(t.server.url, '試しのセッション');
    const keep = await sessionOn(api, '残すセッション', '2026-11-02');
    const room = session.boards[0].room;
    const person = await joinAs(t.server.url, session.joinCode, '試し', 'npo');
    const phone = connectControl(t.server.url, person.token);
    t.defer(() => phone.close());
    await whenConnected(phone);
    expect(await request(phone, 'card:add', { room, id: randomUUID(), kind: 'idea', text: '試しに食堂のカード' })).toMatchObject({ ok: true });
    await api.request('POST', `/api/sessions/${session.id}/close`);
    await api.request('POST', `/api/sessions/${session.id}/reopen`);
    const board = connectBoard(t.server.url, room, facilitatorToken);
    t.defer(() => board.destroy());
    await whenSynced(board.provider);
    expect((await api.json<SearchView>('GET', `/api/search?q=${encodeURIComponent('食堂')}`)).hits).toHaveLength(1);

    const stored = async () =>
      (await storedUpdateCount(t.server, room)) + (await t.server.app.database.db.selectFrom('doc_snapshots').select('room').where('room', '=', room).execute()).length;
    expect(await stored()).toBeGreaterThan(0);
    expect(await board.provider.ws).toBeTruthy();
    board.doc.getMap('meta').set('title', '消える前の編集');
    await expect.poll(() => storedUpdateCount(t.server, room)).toBeGreaterThan(0);
    const closed = new Promise<number>((resolve) => board.provider.ws?.addEventListener('close', (e) => resolve(e.code)));
    expect((await api.request('DELETE', `/api/sessions/${session.id}`)).status).toBe(204);
    expect(await closed).toBeGreaterThanOrEqual(4000);
    expect((await api.request('GET', `/api/sessions/${session.id}`)).status).toBe(404);
    expect((await api.json<FiguresView>('GET', '/api/stats')).sessions.map((s) => s.title)).toEqual(['残すセッション']);
    expect((await api.json<ArchiveEntry[]>('GET', '/api/archive')).map((s) => s.id)).toEqual([keep.id]);
    expect((await api.json<SearchView>('GET', `/api/search?q=${encodeURIComponent('食堂')}`)).hits).toEqual([]);
    // Nothing of its rooms is stored, not even a last snapshot written as the room leaves memory.
    expect(await stored()).toBe(0);
    expect(t.server.app.rooms.loadedRooms()).not.toContain(room);
    const audit = await api.json<Array<{ action: string; target: string | null }>>('GET', '/api/audit');
    expect(audit.find((a) => a.action === 'session.delete')).toMatchObject({ target: session.id });
  });

  it('refuses sign-in to a disabled account (401) and revokes its tokens at once', async () => {
    const admin = new ApiClient(t.server.url);
    await admin.login();
    const created = await admin.json<{ id: string }>('POST', '/api/users', { email: 'fac@example.jp', displayName: '進行', password: 'a long password 1' }, 201);
    const fac = new ApiClient(t.server.url);
    await fac.login('fac@example.jp', 'a long password 1');
    const session = await fac.json<SessionView>('POST', '/api/sessions', { title: '進行の会', template: 'free-board' }, 201);
    const { token } = await fac.json<{ token: string }>('GET', `/api/sessions/${session.id}/token`);
    const socket = connectControl(t.server.url, token);
    t.defer(() => socket.close());
    await whenConnected(socket);
    const cut = new Promise<void>((resolve) => socket.on('disconnect', () => resolve()));

    const listed = await admin.json<AccountListEntry>('PATCH', `/api/users/${created.id}`, { disabled: true });
    expect(listed).toMatchObject({ disabled: true, email: 'fac@example.jp' });
    await cut;
    expect((await fac.request('GET', '/api/sessions')).status).toBe(401);
    const again = await new ApiClient(t.server.url).request('POST', '/api/auth/login', { email: 'fac@example.jp', password: 'a long password 1' });
    expect(again.status).toBe(401);
    expect(await again.json()).toMatchObject({ error: { code: 'account_disabled' } });
    expect((await fetch(`${t.server.url}/api/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);

    await admin.json('PATCH', `/api/users/${created.id}`, { disabled: false });
    await new ApiClient(t.server.url).login('fac@example.jp', 'a long password 1');
    const accounts = await admin.json<AccountListEntry[]>('GET', '/api/users');
    expect(accounts.find((a) => a.id === created.id)).toMatchObject({ disabled: false, lastLoginAt: expect.any(String) });
  });

  it('gives a new account a set-password link that works once', async () => {
    const admin = new ApiClient(t.server.url);
    await admin.login();
    const created = await admin.json<{ id: string; setPasswordLink: PasswordLinkView }>('POST', '/api/users', { email: 'new@example.jp', displayName: '新人', role: 'secretariat' }, 201);
    const { url, expiresAt } = created.setPasswordLink;
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(71 * 3600_000);
    const token = url.split('/set-password/')[1];
    // Nothing the person could type signs in before the link is used.
    expect((await new ApiClient(t.server.url).request('POST', '/api/auth/login', { email: 'new@example.jp', password: '!unset' })).status).toBe(401);
    expect(await admin.json('GET', `/api/password-links/${token}`)).toMatchObject({ email: 'new@example.jp', displayName: '新人' });
    const stored = await t.server.app.database.db.selectFrom('password_links').select('token_hash').execute();
    expect(stored.map((r) => r.token_hash)).not.toContain(token);

    expect((await admin.request('POST', `/api/password-links/${token}`, { password: 'short' })).status).toBe(400);
    expect((await admin.request('POST', `/api/password-links/${token}`, { password: 'my own long password' })).status).toBe(204);
    const again = await admin.request('POST', `/api/password-links/${token}`, { password: 'another long password' });
    expect(again.status).toBe(410);
    expect(await again.json()).toMatchObject({ error: { code: 'link_expired' } });
    const person = new ApiClient(t.server.url);
    await person.login('new@example.jp', 'my own long password');
    expect((await person.request('PUT', '/api/auth/password', { currentPassword: 'wrong one here', newPassword: 'a newer long password' })).status).toBe(401);
    expect((await person.request('PUT', '/api/auth/password', { currentPassword: 'my own long password', newPassword: 'short' })).status).toBe(400);
    expect((await person.request('PUT', '/api/auth/password', { currentPassword: 'my own long password', newPassword: 'a newer long password' })).status).toBe(204);
    await new ApiClient(t.server.url).login('new@example.jp', 'a newer long password');
    expect((await admin.request('GET', '/api/password-links/not-a-token-at-all-xxxxx')).status).toBe(404);
    expect((await admin.request('GET', '/api/password-links/bad%ZZ')).status).toBe(400);
  });
});
