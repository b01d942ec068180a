import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openDatabase, type DbHandle } from '../../db/connect';
import { migrateToLatest } from '../../db/migrate';
import { searchArchive, replaceArchive } from '../../db/repositories/archive.repository';
import { createDocStore } from '../../server/rooms/doc-store';
import { readCards } from '../../shared/board/model';
import { createSessionAsAdmin, joinAs } from '../support/api';
import { connectBoard, connectControl, request, whenConnected, whenSynced } from '../support/clients';
import { createTestDatabase, TEST_POSTGRES_URL } from '../support/postgres';
import { startTestServer, type TestServer } from '../support/server';

/**
 * One storage contract, run against every store Yoriai supports: SQLite always, PostgreSQL
 * when the test environment provides one (CI does; see README).
 */
const STORES = ['sqlite', ...(TEST_POSTGRES_URL ? ['postgres'] : [])] as const;
if (!TEST_POSTGRES_URL) console.warn('YORIAI_TEST_POSTGRES_URL is not set: the storage contract runs on SQLite only');

describe.each(STORES)('storage contract on %s', (store) => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const fn of cleanups.splice(0).reverse()) await fn();
  });

  /** A migrated database of this kind, removed after the test. */
  async function database(): Promise<{ handle: DbHandle; options: { dataDir: string; databaseUrl?: string } }> {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'yoriai-contract-'));
    cleanups.push(() => fs.rm(dataDir, { recursive: true, force: true }));
    let databaseUrl: string | undefined;
    if (store === 'postgres') {
      const created = await createTestDatabase();
      cleanups.push(() => created.drop());
      databaseUrl = created.url;
    }
    const handle = openDatabase({ dataDir, databaseUrl });
    await migrateToLatest(handle.db);
    return { handle, options: { dataDir, databaseUrl } };
  }

  it('appends updates durably in order, across rooms at once, and compacts them into a snapshot', async () => {
    const { handle } = await database();
    cleanups.push(() => handle.close());
    const docStore = createDocStore(handle.db);
    const docs = ['a', 'b'].map(() => new Y.Doc());
    const updates: Uint8Array[][] = [[], []];
    docs.forEach((doc, i) => doc.on('update', (u: Uint8Array) => updates[i].push(u)));
    for (let n = 0; n < 50; n++) docs.forEach((doc, i) => doc.getMap('cards').set(`c${n}`, `カード ${i}-${n}`));
    const ids = await Promise.all(updates.flatMap((list, i) => list.map((u) => docStore.append(`room-${i}`, u))));
    expect(new Set(ids).size).toBe(100);
    const loaded = await docStore.load('room-0');
    expect(loaded.snapshot).toBeNull();
    expect(loaded.updates.map((u) => Buffer.from(u).toString('hex'))).toEqual(updates[0].map((u) => Buffer.from(u).toString('hex')));
    await docStore.compact('room-0', Y.encodeStateAsUpdate(docs[0]), loaded.lastUpdateId);
    docs[0].getMap('cards').set('after', 'あと');
    await docStore.append('room-0', updates[0].at(-1)!);
    const again = await docStore.load('room-0');
    expect(again.snapshot).not.toBeNull();
    expect(again.updates).toHaveLength(1);
    const restored = new Y.Doc();
    Y.applyUpdate(restored, again.snapshot!);
    for (const u of again.updates) Y.applyUpdate(restored, u);
    expect(restored.getMap('cards').get('c49')).toBe('カード 0-49');
    expect(await docStore.countPending('room-0')).toBe(1);
  });

  it('finds Japanese substrings of any length in the archive', async () => {
    const { handle } = await database();
    cleanups.push(() => handle.close());
    await handle.db.transaction().execute((trx) =>
      replaceArchive(trx, 's1', { boards: [], cards: [], groups: [], search: [{ source: 'card', text: 'こども食堂の運営が大変' }, { source: 'card', text: '100% の参加' }] }),
    );
    expect((await searchArchive(handle.db, '食堂')).map((r) => r.session_id)).toEqual(['s1']);
    expect((await searchArchive(handle.db, 'こども食堂')).map((r) => r.session_id)).toEqual(['s1']);
    expect((await searchArchive(handle.db, '100%')).map((r) => r.session_id)).toEqual(['s1']);
    expect(await searchArchive(handle.db, '図書館')).toEqual([]);
  });

  it('runs a whole session and reads it back after a restart', async () => {
    const { handle, options } = await database();
    await handle.close();
    let server: TestServer = await startTestServer({ ...options, logLevel: 'silent' });
    cleanups.push(() => server.stop());
    const { api, session } = await createSessionAsAdmin(server.url, 'こども食堂の会');
    const p = await joinAs(server.url, session.joinCode, '田中', 'religious');
    const socket = connectControl(server.url, p.token);
    cleanups.push(() => socket.close());
    await whenConnected(socket);
    const room = session.boards[0].room;
    const ids = [randomUUID(), randomUUID()];
    for (const id of ids) expect(await request(socket, 'card:add', { room, id, kind: 'idea', text: `地域食堂 ${id.slice(0, 4)}` })).toMatchObject({ ok: true });
    const { token } = await api.json<{ token: string }>('GET', `/api/sessions/${session.id}/token`);
    const fac = connectControl(server.url, token);
    cleanups.push(() => fac.close());
    await whenConnected(fac);
    const opened = await request<{ voteId: string }>(fac, 'vote:open', { room, itemIds: ids, dotsPerPerson: 2, maxPerItem: 2 });
    const voteId = opened.ok ? opened.voteId : '';
    // Whichever item is cast first takes the whole budget of 2: its replay is answered ok, the
    // other item's two casts are refused.
    const casts = await Promise.all([0, 1, 2, 3].map((i) => request(socket, 'vote:cast', { voteId, itemId: ids[i % 2], dots: 2 })));
    const won = casts.flatMap((c, i) => (c.ok ? [ids[i % 2]] : []));
    expect(won).toEqual([won[0], won[0]]);
    expect(casts.filter((c) => !c.ok).map((c) => !c.ok && c.error.code)).toEqual(['budget_exceeded', 'budget_exceeded']);
    await api.request('POST', `/api/sessions/${session.id}/close`);
    expect((await api.json<Array<{ id: string }>>('GET', '/api/archive?q=食堂')).map((s) => s.id)).toEqual([session.id]);
    const report = await api.json<{ participants: { byOrganizationType: Record<string, number> }; cards: { total: number } }>('GET', `/api/sessions/${session.id}/report`);
    expect(report).toMatchObject({ participants: { byOrganizationType: { religious: 1 } }, cards: { total: 2 } });

    socket.close();
    fac.close();
    await server.stop();
    server = await startTestServer({ ...options, logLevel: 'silent' });
    const reader = connectBoard(server.url, room, p.token);
    cleanups.push(() => reader.destroy());
    await whenSynced(reader.provider);
    expect(readCards(reader.doc).map((c) => c.id).sort()).toEqual([...ids].sort());
    const again = connectControl(server.url, p.token);
    cleanups.push(() => again.close());
    await whenConnected(again);
    const view = await request<{ vote: { remaining: number; mine: Record<string, number> } }>(again, 'vote:get', { voteId });
    expect(view).toMatchObject({ ok: true, vote: { mine: { [won[0]]: 2 }, remaining: 0 } });
  });
});

