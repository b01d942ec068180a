import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { readCards, readPersona, readStages } from '../../shared/board/model';
import type { ControlState } from '../../shared/protocol';
import type { AccessView, SessionView } from '../../shared/schemas/api';
import { createSessionAsAdmin, joinAs } from '../support/api';
import { connectBoard, connectControl, type ControlSocket, request, whenConnected, whenSynced } from '../support/clients';
import { useTestServer } from '../support/lifecycle';

/** Keep the latest `session:state` a socket received. */
function trackState(socket: ControlSocket) {
  const seen: { state: ControlState | null } = { state: null };
  socket.on('session:state', (state) => (seen.state = state));
  return seen;
}

describe('running a workshop', () => {
  const test = useTestServer();

  async function control(token: string) {
    const socket = connectControl(test.server.url, token);
    test.defer(() => socket.close());
    const seen = trackState(socket);
    await whenConnected(socket);
    await vi.waitFor(() => expect(seen.state).not.toBeNull());
    return { socket, seen };
  }

  async function communityLab() {
    const created = await createSessionAsAdmin(test.server.url, 'こども食堂', 'community-lab');
    const fac = await control(created.facilitatorToken);
    return { ...created, fac };
  }

  async function readBoard(room: string, token: string) {
    const board = connectBoard(test.server.url, room, token);
    test.defer(() => board.destroy());
    await whenSynced(board.provider);
    return board;
  }

  it('runs one timer for every device and moves through phases', async () => {
    const { session, fac } = await communityLab();
    const p = await joinAs(test.server.url, session.joinCode, '田中');
    const phone = await control(p.token);
    expect(phone.seen.state).toMatchObject({ phaseIndex: 0, timer: { running: false, remainingMs: 5 * 60_000 } });

    expect(await request(fac.socket, 'timer:start', {})).toEqual({ ok: true });
    await vi.waitFor(() => expect(phone.seen.state?.timer.running).toBe(true));
    const { timer, serverNow } = phone.seen.state!;
    expect(timer.endsAt! - serverNow).toBeGreaterThan(5 * 60_000 - 2000);
    expect(timer.endsAt! - serverNow).toBeLessThanOrEqual(5 * 60_000);

    await request(fac.socket, 'timer:add', { seconds: 60 });
    await vi.waitFor(() => expect(phone.seen.state?.timer.endsAt).toBe(timer.endsAt! + 60_000));
    await request(fac.socket, 'timer:pause', {});
    await vi.waitFor(() => expect(phone.seen.state?.timer.running).toBe(false));
    expect(phone.seen.state!.timer.remainingMs).toBeGreaterThan(6 * 60_000 - 2000);

    await request(fac.socket, 'phase:set', { index: 3 });
    await vi.waitFor(() => expect(phone.seen.state?.phaseIndex).toBe(3));
    expect(phone.seen.state!.phases[3]).toMatchObject({ key: 'issues', allowedKinds: ['issue', 'question'] });
    expect(phone.seen.state!.timer).toMatchObject({ running: false, remainingMs: 15 * 60_000 });
    expect(await request(phone.socket, 'phase:set', { index: 4 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('lets participants write only the kinds the phase allows, and nothing while locked', async () => {
    const { session, fac } = await communityLab();
    const p = await joinAs(test.server.url, session.joinCode, '田中');
    const phone = await control(p.token);
    const room = session.boards[0].room;
    const add = (socket: ControlSocket, kind: string) => request(socket, 'card:add', { room, id: randomUUID(), kind, text: 'カード' });

    expect(await add(phone.socket, 'issue')).toMatchObject({ ok: false, error: { code: 'phase_forbids' } });
    await request(fac.socket, 'phase:set', { index: 3 });
    expect(await add(phone.socket, 'issue')).toMatchObject({ ok: true });
    expect(await add(phone.socket, 'idea')).toMatchObject({ ok: false, error: { code: 'phase_forbids' } });
    await request(fac.socket, 'board:lock', { locked: true });
    expect(await add(phone.socket, 'issue')).toMatchObject({ ok: false, error: { code: 'board_locked' } });
    expect(await add(fac.socket, 'idea')).toMatchObject({ ok: true });
    await request(fac.socket, 'board:lock', { locked: false });
    expect(await add(phone.socket, 'question')).toMatchObject({ ok: true });
  });

  it('seats participants at the table they choose and keeps them writing there', async () => {
    const { api, session, fac } = await communityLab();
    const updated = await api.json<SessionView>('PUT', `/api/sessions/${session.id}/tables`, {
      mode: 'choose',
      tables: [{ name: 'A卓', theme: '' }, { name: 'B卓', theme: '' }],
    });
    const tables = updated.boards.filter((b) => b.kind === 'table');
    expect(tables.map((t) => t.name)).toEqual(['A卓', 'B卓']);
    await request(fac.socket, 'phase:set', { index: 3 });
    const p = await joinAs(test.server.url, session.joinCode, '田中');
    expect(p).toMatchObject({ tableMode: 'choose', room: null });
    const phone = await control(p.token);
    const add = (room: string) => request(phone.socket, 'card:add', { room, id: randomUUID(), kind: 'issue', text: 'x' });
    expect(await add(tables[0].room)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await request(phone.socket, 'table:choose', { room: tables[1].room })).toEqual({ ok: true });
    expect(await add(tables[1].room)).toMatchObject({ ok: true });
    expect(await add(tables[0].room)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const me = await (await fetch(`${test.server.url}/api/me`, { headers: { authorization: `Bearer ${p.token}` } })).json() as AccessView;
    expect(me).toMatchObject({ room: tables[1].room, tableMode: 'choose', joinCode: session.joinCode });

    // Tables start with the main board's journey.
    const board = await readBoard(tables[1].room, p.token);
    expect(readStages(board.doc).map((s) => s.title)).toEqual(['知る', '行ってみる', '参加する', '続ける']);
  });

  it('assigns tables evenly when the session assigns them', async () => {
    const { api, session } = await communityLab();
    await api.json('PUT', `/api/sessions/${session.id}/tables`, { mode: 'assign', tables: [{ name: '1' }, { name: '2' }, { name: '3' }] });
    const people = [];
    for (let i = 0; i < 7; i++) people.push(await joinAs(test.server.url, session.joinCode, `p${i}`));
    const counts = new Map<string, number>();
    for (const p of people) counts.set(p.room!, (counts.get(p.room!) ?? 0) + 1);
    expect([...counts.values()].sort()).toEqual([2, 2, 3]);
    const phone = await control(people[0].token);
    expect(await request(phone.socket, 'table:choose', { room: people[1].room })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('lets an appointed scribe write their table directly, after a reconnect', async () => {
    const { api, session, fac, facilitatorToken } = await communityLab();
    const withTables = await api.json<SessionView>('PUT', `/api/sessions/${session.id}/tables`, { mode: 'assign', tables: [{ name: 'A卓' }] });
    const table = withTables.boards.find((b) => b.kind === 'table')!.room;
    const p = await joinAs(test.server.url, session.joinCode, '書記');
    const board = connectBoard(test.server.url, table, p.token);
    test.defer(() => board.destroy());
    await whenSynced(board.provider);
    const closes: number[] = [];
    board.provider.on('connection-close', (e: CloseEvent | null) => closes.push(e?.code ?? -1));
    expect(await request(fac.socket, 'scribe:set', { participantId: p.participantId, scribe: true })).toEqual({ ok: true });
    await vi.waitFor(() => expect(closes).toContain(4100));
    await vi.waitFor(() => expect(board.provider.synced).toBe(true));
    board.doc.getMap('groups').set('g1', new Y.Map<unknown>([['id', 'g1'], ['title', '居場所']]));
    const watcher = await readBoard(table, facilitatorToken);
    await vi.waitFor(() => expect((watcher.doc.getMap('groups').get('g1') as Y.Map<unknown> | undefined)?.get('title')).toBe('居場所'));
    expect(closes.filter((c) => c === 4403)).toEqual([]);

    // A scribe writes only their own table: the main board stays read-only for them.
    const main = connectBoard(test.server.url, session.boards[0].room, p.token);
    test.defer(() => main.destroy());
    await whenSynced(main.provider);
    const mainCloses: number[] = [];
    main.provider.on('connection-close', (e: CloseEvent | null) => mainCloses.push(e?.code ?? -1));
    main.doc.getMap('groups').set('g2', new Y.Map<unknown>([['id', 'g2'], ['title', '本会場']]));
    await vi.waitFor(() => expect(mainCloses).toContain(4403));
  });

  it('writes cards for someone without a phone, with their organisation type', async () => {
    const { api, session, fac } = await communityLab();
    const { id } = await api.json<{ id: string }>('POST', `/api/sessions/${session.id}/participants`, { displayName: '山田さん', organizationType: 'religious' }, 201);
    const cardId = randomUUID();
    const room = session.boards[0].room;
    expect(await request(fac.socket, 'card:add', { room, id: cardId, kind: 'idea', text: 'お寺を開放', onBehalfOf: id })).toMatchObject({ ok: true });
    const p = await joinAs(test.server.url, session.joinCode, '田中');
    const phone = await control(p.token);
    expect(await request(phone.socket, 'card:add', { room, id: randomUUID(), kind: 'idea', text: 'x', onBehalfOf: id })).toMatchObject({ ok: false });
    const board = connectBoard(test.server.url, room, p.token);
    test.defer(() => board.destroy());
    await whenSynced(board.provider);
    expect(readCards(board.doc)).toEqual([expect.objectContaining({ id: cardId, authorId: id, authorName: '山田さん', organizationType: 'religious' })]);
    const list = await api.json<Array<{ id: string }>>('GET', `/api/sessions/${session.id}/participants`);
    expect(list.map((x) => x.id)).toContain(id);
  });

  it('gives the projector a read-only link that sees the state and the board', async () => {
    const { api, session, fac } = await communityLab();
    const link = await api.json<{ token: string; url: string }>('POST', `/api/sessions/${session.id}/observer-link`, {}, 201);
    expect(link.url).toMatch(new RegExp(`/projector/${session.id}#token=`));
    const projector = await control(link.token);
    await api.json('PUT', `/api/sessions/${session.id}/tables`, { mode: 'choose', tables: [{ name: 'A' }, { name: 'B' }] });
    await request(fac.socket, 'share:set', { active: true, index: 1 });
    await vi.waitFor(() => expect(projector.seen.state?.share).toEqual({ active: true, index: 1 }));
    // Past the last table the index is clamped to it: from table 0, so the wait needs the change.
    await request(fac.socket, 'share:set', { active: true, index: 0 });
    await vi.waitFor(() => expect(projector.seen.state?.share).toEqual({ active: true, index: 0 }));
    await request(fac.socket, 'share:set', { active: true, index: 5 });
    await vi.waitFor(() => expect(projector.seen.state?.share).toEqual({ active: true, index: 1 }));
    await request(fac.socket, 'spotlight:set', { room: session.boards[0].room, cardId: 'c1' });
    await vi.waitFor(() => expect(projector.seen.state?.spotlight).toEqual({ room: session.boards[0].room, cardId: 'c1' }));
    await request(fac.socket, 'follow:set', { room: session.boards[0].room, stageId: 'visit' });
    await vi.waitFor(() => expect(projector.seen.state?.follow).toEqual({ room: session.boards[0].room, stageId: 'visit' }));
    expect(await request(fac.socket, 'follow:set', { room: 'elsewhere', stageId: null })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const add = await request(projector.socket, 'card:add', { room: session.boards[0].room, id: randomUUID(), kind: 'idea', text: 'x' });
    expect(add).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const board = connectBoard(test.server.url, session.boards[0].room, link.token);
    test.defer(() => board.destroy());
    await whenSynced(board.provider);
    const closes: number[] = [];
    board.provider.on('connection-close', (e: CloseEvent | null) => closes.push(e?.code ?? -1));
    // A card that fits the schema: what is refused is the projector writing at all.
    board.doc.getMap('cards').set('x', new Y.Map<unknown>([['id', 'x'], ['kind', 'idea'], ['text', '偽物'], ['authorId', 'p'], ['anonymous', true], ['createdAt', new Date().toISOString()]]));
    await vi.waitFor(() => expect(closes).toContain(4403));
  });

  it('keeps the phase, timer and lock through a restart', async () => {
    const { session, fac } = await communityLab();
    await request(fac.socket, 'phase:set', { index: 4 });
    await request(fac.socket, 'timer:start', {});
    await request(fac.socket, 'board:lock', { locked: true });
    await vi.waitFor(() => expect(fac.seen.state?.locked).toBe(true));
    const endsAt = fac.seen.state!.timer.endsAt;
    await test.restart();
    const p = await joinAs(test.server.url, session.joinCode, '田中');
    const phone = await control(p.token);
    await vi.waitFor(() => expect(phone.seen.state?.locked).toBe(true));
    expect(phone.seen.state).toMatchObject({ phaseIndex: 4, timer: { running: true, endsAt } });
  });

  it('saves a session as a template and starts the next one from it or from the session', async () => {
    const { api, session, facilitatorToken } = await communityLab();
    await api.json('PUT', `/api/sessions/${session.id}/phases`, [
      { key: 'opening', title: '開会', durationSec: 120, allowedKinds: [] },
      { key: 'talk', title: '話し合い', durationSec: 1800, allowedKinds: ['issue', 'idea'] },
    ]);
    await api.json('PUT', `/api/sessions/${session.id}/tables`, { mode: 'choose', tables: [{ name: '居場所', theme: '居場所づくり' }] });
    const editor = connectBoard(test.server.url, session.boards[0].room, facilitatorToken);
    test.defer(() => editor.destroy());
    await whenSynced(editor.provider);
    (editor.doc.getMap('persona').get('name') as Y.Text).insert(0, 'ゆうきさん');
    editor.doc.getMap('persona').set('emoji', '🧒');
    const check = await readBoard(session.boards[0].room, facilitatorToken);
    await vi.waitFor(() => expect(readPersona(check.doc)).toMatchObject({ name: 'ゆうきさん', emoji: '🧒' }));

    const template = await api.json<{ id: string }>('POST', '/api/templates', { name: '私のラボ', fromSessionId: session.id }, 201);
    const templates = await api.json<Array<{ id: string; name: string; builtIn: boolean }>>('GET', '/api/templates');
    expect(templates.map((t) => t.id)).toEqual(['community-lab', 'theme-tables', 'free-board', template.id]);
    const next = await api.json<SessionView>('POST', '/api/sessions', { title: '第2回', template: template.id }, 201);
    expect(next.phases.map((p) => p.title)).toEqual(['開会', '話し合い']);
    expect(next.tableMode).toBe('choose');
    expect(next.boards.map((b) => [b.kind, b.name, b.theme])).toEqual([['main', '全体ボード', ''], ['table', '居場所', '居場所づくり']]);
    const copy = await api.json<SessionView>('POST', '/api/sessions', { title: '第3回', template: 'free-board', copyFrom: session.id }, 201);
    for (const s of [next, copy]) {
      const { token } = await api.json<{ token: string }>('GET', `/api/sessions/${s.id}/token`);
      const reader = await readBoard(s.boards[0].room, token);
      expect(readPersona(reader.doc)).toMatchObject({ name: 'ゆうきさん', emoji: '🧒' });
      expect(readStages(reader.doc).map((st) => st.id)).toEqual(['know', 'visit', 'join', 'continue']);
    }
  });
});
