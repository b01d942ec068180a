import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { appendUpdate } from '../../db/repositories/doc-store.repository';
import { boardParts, putCard } from '../../shared/board/model';
import { BOARD_MAX_BYTES } from '../../shared/board/schema';
import { CloseCode } from '../../shared/protocol';
import { createSessionAsAdmin } from '../support/api';
import { connectBoard, whenSynced } from '../support/clients';
import { useTestServer } from '../support/lifecycle';
import { rawBoardSocket, syncUpdateFrame } from '../support/raw';
import { storedUpdateCount } from '../support/stored';

const goodCard = (id: string, text = '地域の居場所が少ない') => ({ id, kind: 'issue' as const, text, authorId: 'user:x', anonymous: true, createdAt: new Date().toISOString() });

/** Updates a hostile or buggy facilitator client could send, each breaking the schema one way. */
const MALFORMED: Array<[string, (doc: Y.Doc) => void]> = [
  ['a card whose text is an object', (doc) => boardParts(doc).cards.set('c-obj', mapOf({ ...goodCard('c-obj'), text: { a: 1 } }))],
  ['a card whose text is a number', (doc) => boardParts(doc).cards.set('c-num', mapOf({ ...goodCard('c-num'), text: 12 }))],
  ['a card with no createdAt', (doc) => boardParts(doc).cards.set('c-time', mapOf({ ...goodCard('c-time'), createdAt: undefined }))],
  ['a stage whose title is a number', (doc) => boardParts(doc).stages.push([mapOf({ id: 'bad', title: 3, description: '' })])],
  ['an unknown top-level type', (doc) => doc.getMap('secrets').set('k', 'v')],
];

function mapOf(record: Record<string, unknown>): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(record)) if (value !== undefined) map.set(key, value);
  return map;
}

describe('the board schema at the server', () => {
  const test = useTestServer();

  async function setup() {
    const { api, session, facilitatorToken } = await createSessionAsAdmin(test.server.url);
    const room = session.boards[0].room;
    const reference = connectBoard(test.server.url, room, facilitatorToken);
    test.defer(() => reference.destroy());
    await whenSynced(reference.provider);
    return { api, session, facilitatorToken, room, reference };
  }

  async function readBack(room: string, token: string): Promise<Y.Doc> {
    const reader = connectBoard(test.server.url, room, token);
    test.defer(() => reader.destroy());
    await whenSynced(reader.provider);
    return reader.doc;
  }

  it.each(MALFORMED)('refuses %s written over Yjs by a facilitator, closing the socket and storing nothing', async (_what, edit) => {
    const { facilitatorToken, room, reference } = await setup();
    const before = await storedUpdateCount(test.server, room);
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(reference.doc));
    const vector = Y.encodeStateVector(client);
    edit(client);
    const raw = rawBoardSocket(test.server.url, room, facilitatorToken);
    await raw.opened;
    raw.ws.send(syncUpdateFrame(Y.encodeStateAsUpdate(client, vector)));
    expect(await raw.closed).toBe(CloseCode.forbidden);
    expect(await storedUpdateCount(test.server, room)).toBe(before);
    const after = await readBack(room, facilitatorToken);
    expect(Y.encodeStateVector(after)).toEqual(Y.encodeStateVector(reference.doc));
  });

  // A client without GC keeps what it deleted in the same transaction and sends it along with its delete set.
  it.each([
    ['a new card whose createdAt the same update deletes', (doc: Y.Doc) => doc.transact(() => {
      const card = mapOf(goodCard('c-gone'));
      boardParts(doc).cards.set('c-gone', card);
      card.delete('createdAt');
    })],
    ['a card whose text the same update replaces and deletes', (doc: Y.Doc) => doc.transact(() => {
      const card = boardParts(doc).cards.get('c-live') as Y.Map<unknown>;
      card.set('text', '書き換え');
      card.delete('text');
    })],
  ])('refuses %s, closing the socket and storing nothing', async (_what, edit) => {
    const { facilitatorToken, room, reference } = await setup();
    const empty = await storedUpdateCount(test.server, room);
    putCard(reference.doc, goodCard('c-live'));
    await expect.poll(() => storedUpdateCount(test.server, room)).toBe(empty + 1);
    const before = empty + 1;
    const client = new Y.Doc({ gc: false });
    Y.applyUpdate(client, Y.encodeStateAsUpdate(reference.doc));
    const vector = Y.encodeStateVector(client);
    edit(client);
    const raw = rawBoardSocket(test.server.url, room, facilitatorToken);
    await raw.opened;
    raw.ws.send(syncUpdateFrame(Y.encodeStateAsUpdate(client, vector)));
    expect(await raw.closed).toBe(CloseCode.forbidden);
    expect(await storedUpdateCount(test.server, room)).toBe(before);
    const after = await readBack(room, facilitatorToken);
    expect(boardParts(after).cards.get('c-live')?.get('text')).toBe('地域の居場所が少ない');
    expect(boardParts(after).cards.has('c-gone')).toBe(false);
  });

  it('keeps a well-formed direct write: the card is stored once and reaches a new reader', async () => {
    const { facilitatorToken, room, reference } = await setup();
    const before = await storedUpdateCount(test.server, room);
    putCard(reference.doc, goodCard('c-ok'));
    await expect.poll(() => storedUpdateCount(test.server, room)).toBe(before + 1);
    const after = await readBack(room, facilitatorToken);
    expect(boardParts(after).cards.get('c-ok')?.get('text')).toBe('地域の居場所が少ない');
  });

  it('refuses a write that would grow the board past its size cap', async () => {
    const { facilitatorToken, room } = await setup();
    const room_ = await test.server.app.rooms.acquire(room);
    test.defer(() => test.server.app.rooms.release(room_));
    // As if the board had been filled already: the cap is on the stored state's size.
    room_.storedBytes = BOARD_MAX_BYTES - 100;
    const before = await storedUpdateCount(test.server, room);
    const writer = connectBoard(test.server.url, room, facilitatorToken);
    test.defer(() => writer.destroy());
    await whenSynced(writer.provider);
    const closed = new Promise<number>((resolve) => writer.provider.ws?.addEventListener('close', (event) => resolve(event.code)));
    putCard(writer.doc, goodCard('c-big', 'あ'.repeat(900)));
    expect(await closed).toBe(CloseCode.tooLarge);
    expect(await storedUpdateCount(test.server, room)).toBe(before);
  });

  it('reads around a stored card or stage that does not fit: report, exports, templates and close answer', async () => {
    const { api, session, room, reference } = await setup();
    putCard(reference.doc, goodCard('c-ok', '見守り活動の担い手不足'));
    await expect.poll(async () => (await api.request('GET', `/api/sessions/${session.id}/report`)).status).toBe(200);
    // Data written by an older version or a bug, straight into the store (no check in the way).
    const bad = new Y.Doc();
    Y.applyUpdate(bad, Y.encodeStateAsUpdate(reference.doc));
    const vector = Y.encodeStateVector(bad);
    boardParts(bad).cards.set('c-obj', mapOf({ ...goodCard('c-obj'), text: { html: '<b>' } }));
    boardParts(bad).cards.set('c-time', mapOf({ ...goodCard('c-time'), createdAt: undefined }));
    boardParts(bad).stages.push([mapOf({ id: 'bad-stage', title: 42, description: '' })]);
    reference.destroy();
    await test.server.app.database.db.transaction().execute((trx) => appendUpdate(trx, room, Y.encodeStateAsUpdate(bad, vector), new Date().toISOString()));
    const server = await test.restart();
    const { ApiClient } = await import('../support/api');
    const admin = new ApiClient(server.url);
    await admin.login();

    const report = await admin.request('GET', `/api/sessions/${session.id}/report`);
    expect(report.status).toBe(200);
    const body = await report.text();
    expect(body).toContain('見守り活動の担い手不足');
    expect(body).not.toContain('c-obj');
    expect(body).not.toContain('bad-stage');
    for (const path of ['export.md', 'export/cards.csv', 'export/actions.csv', 'export/survey.csv', 'export.json']) {
      expect((await admin.request('GET', `/api/sessions/${session.id}/${path}`)).status, path).toBe(200);
    }
    expect((await admin.request('POST', '/api/templates', { name: '壊れた会', fromSessionId: session.id })).status).toBe(201);
    const templates = await admin.request('GET', '/api/templates');
    expect(templates.status).toBe(200);
    expect(((await templates.json()) as Array<{ name: string }>).map((t) => t.name)).toContain('壊れた会');
    expect((await admin.request('POST', `/api/sessions/${session.id}/close`)).status).toBe(204);
    const archived = await admin.request('GET', `/api/sessions/${session.id}/report`);
    expect(archived.status).toBe(200);
    expect(await archived.text()).toContain('見守り活動の担い手不足');
  });

  it.each([
    ['an unknown top-level type', (doc: Y.Doc) => doc.getMap('secrets').set('k', 'v')],
    ['a sub-document', (doc: Y.Doc) => boardParts(doc).meta.set('title', new Y.Doc() as never)],
    ['a 2 MB string', (doc: Y.Doc) => boardParts(doc).meta.set('theme', 'x'.repeat(2_000_000))],
    ['a card whose text is an object', (doc: Y.Doc) => boardParts(doc).cards.set('c-obj', mapOf({ ...goodCard('c-obj'), text: { a: 1 } }))],
  ])('refuses an import whose board holds %s, and creates no session', async (_what, edit) => {
    const { api, session } = await setup();
    const exported = await api.json<{ boards: Array<{ state: string }> }>('GET', `/api/sessions/${session.id}/export.json`);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, new Uint8Array(Buffer.from(exported.boards[0].state, 'base64')));
    edit(doc);
    exported.boards[0].state = Buffer.from(Y.encodeStateAsUpdate(doc)).toString('base64');
    const before = (await api.json<unknown[]>('GET', '/api/sessions')).length;
    const res = await api.request('POST', '/api/sessions/import', exported);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('bad_request');
    expect((await api.json<unknown[]>('GET', '/api/sessions')).length).toBe(before);
  });

  it('refuses an import whose votes carry negative dots', async () => {
    const { api, session } = await setup();
    const exported = await api.json<Record<string, unknown>>('GET', `/api/sessions/${session.id}/export.json`);
    exported.votes = [{ id: 'v1', room: 'main', title: '投票', items: '[]', dotsPerPerson: 3, maxPerItem: 3, anonymous: true, status: 'revealed', createdAt: new Date().toISOString(), revealedAt: null, dots: [{ voter: 'a', itemId: 'x', dots: -5 }] }];
    const res = await api.request('POST', '/api/sessions/import', exported);
    expect(res.status).toBe(400);
  });
});
