import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { createDocStore } from '../../server/rooms/doc-store';
import { createSqliteLogWriter } from '../../server/rooms/log-writer';
import { readCards } from '../../shared/board/model';
import { createSessionAsAdmin, joinAs } from '../support/api';
import { connectBoard, connectControl, request, whenConnected, whenSynced } from '../support/clients';
import { useTestServer } from '../support/lifecycle';
import { startTestServer } from '../support/server';
import { openTempSqlite } from '../support/database';
import { configFromEnv, parseConfig } from '../../server/config';

describe('board updates are committed off the event loop', () => {
  const test = useTestServer();

  it('keeps answering while a commit waits for the disk, and acknowledges the card only once it is stored', async () => {
    const { session, facilitatorToken } = await createSessionAsAdmin(test.server.url);
    const p = await joinAs(test.server.url, session.joinCode, '田中');
    const room = p.boards[0].room;
    const socket = connectControl(test.server.url, p.token);
    test.defer(() => socket.close());
    await whenConnected(socket);
    expect((await request(socket, 'card:add', { room, id: randomUUID(), kind: 'issue', text: '最初' })).ok).toBe(true);
    // A reader holds the room open, so it is not left idle, compacted and its log folded away
    // while the commit waits (the busy wait below can outlast the idle timeout on a slow machine).
    const reader = connectBoard(test.server.url, room, facilitatorToken);
    test.defer(() => reader.destroy());
    await whenSynced(reader.provider);

    // Another connection holds the write lock, as a slow disk would hold a commit: the log's
    // commit has to wait for it. A commit on the event loop would hold the whole server (and
    // this test, which runs in the same process) until the busy timeout gave up.
    const blocker = new Database(path.join(test.server.dataDir, 'yoriai.sqlite'));
    test.defer(() => blocker.close());
    blocker.exec('begin immediate');
    const id = randomUUID();
    let acked = false;
    const ack = request(socket, 'card:add', { room, id, kind: 'issue', text: '待たされる一枚' }).then((a) => {
      acked = true;
      return a;
    });
    // The server answers while the card's commit waits. With the commit on the event loop the
    // append would block it until the busy timeout, then fail: the card's ack would come (refused)
    // before this answer. No time bound here: another write of the main connection (it shares the
    // lock) may also wait meanwhile, and how long is the machine's business.
    const health = await fetch(`${test.server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(acked).toBe(false);
    const rows = () => (blocker.prepare('select count(*) n from doc_updates where room = ?').get(room) as { n: number }).n;
    const before = rows();
    blocker.exec('commit');

    expect(await ack).toMatchObject({ ok: true });
    expect(rows()).toBe(before + 1);
    await vi.waitFor(() => expect(readCards(reader.doc).map((c) => c.id)).toContain(id));
  });

  it('writes a compaction’s snapshot off the event loop too, after the appends before it', async () => {
    const { handle, file } = await openTempSqlite((fn) => test.defer(fn));
    const store = createDocStore(handle.db, undefined, undefined, createSqliteLogWriter(handle.location, handle.sqlite!));
    test.defer(() => store.close());
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    for (let n = 0; n < 3; n++) doc.getMap('cards').set(`c${n}`, `カード${n}`);
    const ids = await Promise.all(updates.map((u) => store.append('room-1', u)));

    const blocker = new Database(file);
    test.defer(() => blocker.close());
    blocker.exec('begin immediate');
    let settled = false;
    const compaction = store.compact('room-1', Y.encodeStateAsUpdate(doc), ids[1]).finally(() => {
      settled = true;
    });
    // On the main connection the write would busy-wait here for the lock (holding this thread,
    // the server's), then fail with SQLITE_BUSY, before the next turn of the event loop.
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    blocker.exec('commit');
    await compaction;
    const snapshot = blocker.prepare('select last_update_id from doc_snapshots where room = ?').get('room-1') as { last_update_id: number };
    expect(snapshot.last_update_id).toBe(ids[1]);
    const left = blocker.prepare('select id from doc_updates where room = ? order by id').pluck().all('room-1');
    expect(left).toEqual([ids[2]]);
  });

  it('commits on the event loop with YORIAI_SQLITE_COMMITS=loop, still storing before the ack', async () => {
    expect(parseConfig(configFromEnv({})).sqliteCommits).toBe('thread');
    expect(parseConfig(configFromEnv({ YORIAI_SQLITE_COMMITS: 'loop' })).sqliteCommits).toBe('loop');
    expect(() => parseConfig(configFromEnv({ YORIAI_SQLITE_COMMITS: 'fast' }))).toThrow();
    const server = await startTestServer({ sqliteCommits: 'loop' });
    test.defer(() => server.close());
    const { session } = await createSessionAsAdmin(server.url);
    const p = await joinAs(server.url, session.joinCode, '田中');
    const room = p.boards[0].room;
    const socket = connectControl(server.url, p.token);
    test.defer(() => socket.close());
    await whenConnected(socket);
    const reader = new Database(path.join(server.dataDir, 'yoriai.sqlite'), { readonly: true });
    test.defer(() => reader.close());
    const stored = () => (reader.prepare('select count(*) n from doc_updates where room = ?').get(room) as { n: number }).n;
    // Held open, so the room is not compacted (its log folded away) between the ack and the count.
    const board = connectBoard(server.url, room, p.token);
    test.defer(() => board.destroy());
    await whenSynced(board.provider);
    const before = stored();
    expect(await request(socket, 'card:add', { room, id: randomUUID(), kind: 'issue', text: '直接' })).toMatchObject({ ok: true });
    expect(stored()).toBe(before + 1);
  });
});
