import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { readCards } from '../../shared/board/model';
import { createSessionAsAdmin, joinAs } from '../support/api';
import { connectBoard, connectControl, request, whenConnected, whenSynced } from '../support/clients';
import { useTestServer } from '../support/lifecycle';

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
});
