import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { readCards } from '../../shared/board/model';
import type { ControlState } from '../../shared/protocol';
import type { VoteState } from '../../shared/schemas/consensus';
import { createSessionAsAdmin, joinAs } from '../support/api';
import { type ChildServer, startChildServer } from '../support/child-server';
import { connectBoard, connectControl, type ControlSocket, request, whenConnected, whenSynced } from '../support/clients';
import { createTestDatabase, TEST_POSTGRES_URL, TEST_REDIS_URL } from '../support/postgres';

const available = Boolean(TEST_POSTGRES_URL && TEST_REDIS_URL);
if (!available) console.warn('YORIAI_TEST_POSTGRES_URL / YORIAI_TEST_REDIS_URL are not set: the multi-process tests skip');

describe.skipIf(!available)('two server processes on one PostgreSQL and one Redis', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const fn of cleanups.splice(0).reverse()) await fn();
  });

  async function twoProcesses(): Promise<[ChildServer, ChildServer, string]> {
    const db = await createTestDatabase();
    cleanups.push(() => db.drop());
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'yoriai-cluster-'));
    cleanups.push(() => fs.rm(dataDir, { recursive: true, force: true }));
    const env = { DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL! };
    // One after the other: the first runs the migrations.
    const first = await startChildServer(dataDir, env);
    cleanups.push(() => first.process.kill('SIGKILL'));
    const second = await startChildServer(dataDir, env);
    cleanups.push(() => second.process.kill('SIGKILL'));
    return [first, second, db.url];
  }

  function socket(url: string, token: string): ControlSocket {
    const s = connectControl(url, token);
    cleanups.push(() => s.close());
    return s;
  }

  it('shows cards, votes and the phase to clients on either process', async () => {
    const [one, two] = await twoProcesses();
    const { session, facilitatorToken } = await createSessionAsAdmin(one.url);
    const room = session.boards[0].room;
    const a = await joinAs(one.url, session.joinCode, 'A');
    const b = await joinAs(two.url, session.joinCode, 'B');
    const boardA = connectBoard(one.url, room, a.token);
    const boardB = connectBoard(two.url, room, b.token);
    cleanups.push(() => boardA.destroy(), () => boardB.destroy());
    await Promise.all([whenSynced(boardA.provider), whenSynced(boardB.provider)]);
    const phoneA = socket(one.url, a.token);
    const phoneB = socket(two.url, b.token);
    await Promise.all([whenConnected(phoneA), whenConnected(phoneB)]);

    const fromA = randomUUID();
    const fromB = randomUUID();
    expect(await request(phoneA, 'card:add', { room, id: fromA, kind: 'issue', text: 'Aから' })).toMatchObject({ ok: true });
    expect(await request(phoneB, 'card:add', { room, id: fromB, kind: 'idea', text: 'Bから' })).toMatchObject({ ok: true });
    await vi.waitFor(() => {
      expect(readCards(boardA.doc).map((c) => c.id).sort()).toEqual([fromA, fromB].sort());
      expect(readCards(boardB.doc).map((c) => c.id).sort()).toEqual([fromA, fromB].sort());
    }, { timeout: 10_000 });

    // A facilitator writing directly on process one reaches a reader on process two.
    const facBoard = connectBoard(one.url, room, facilitatorToken);
    cleanups.push(() => facBoard.destroy());
    await whenSynced(facBoard.provider);
    facBoard.doc.getMap('groups').set('g', new Y.Map<unknown>([['id', 'g'], ['title', '居場所']]));
    await vi.waitFor(() => expect(boardB.doc.getMap('groups').has('g')).toBe(true), { timeout: 10_000 });

    const fac = socket(one.url, facilitatorToken);
    await whenConnected(fac);
    const stateOnTwo: { s: ControlState | null } = { s: null };
    phoneB.on('session:state', (s) => (stateOnTwo.s = s));
    await request(fac, 'timer:start', {});
    await vi.waitFor(() => expect(stateOnTwo.s?.timer.running).toBe(true), { timeout: 10_000 });

    const votes: VoteState[] = [];
    phoneA.on('vote:state', (s) => votes.push(s));
    const opened = await request<{ voteId: string }>(fac, 'vote:open', { room, itemIds: [fromA, fromB], dotsPerPerson: 2, maxPerItem: 2 });
    const voteId = opened.ok ? opened.voteId : '';
    expect(await request(phoneB, 'vote:cast', { voteId, itemId: fromA, dots: 2 })).toMatchObject({ ok: true, remaining: 0 });
    await vi.waitFor(() => expect(votes).toContainEqual({ voteId, status: 'open', voters: 1 }), { timeout: 10_000 });
  }, 60_000);

  it('loses no acknowledged card when one process is killed, and its clients go on with the other', async () => {
    const [one, two] = await twoProcesses();
    const { session } = await createSessionAsAdmin(one.url);
    const room = session.boards[0].room;
    const writer = await joinAs(one.url, session.joinCode, '書く人');
    const watcher = await joinAs(two.url, session.joinCode, '見る人');
    const watch = connectBoard(two.url, room, watcher.token);
    cleanups.push(() => watch.destroy());
    await whenSynced(watch.provider);

    const acked = new Set<string>();
    const sent: string[] = [];
    const phone = socket(one.url, writer.token);
    await whenConnected(phone);
    let killed = false;
    const loop = (async () => {
      while (!killed) {
        const id = randomUUID();
        sent.push(id);
        const ack = await Promise.race([
          request(phone, 'card:add', { room, id, kind: 'opinion', text: `カード ${sent.length}` }),
          new Promise<null>((resolve) => phone.once('disconnect', () => resolve(null))),
        ]);
        if (ack?.ok) acked.add(id);
        else break;
      }
    })();
    await vi.waitFor(() => expect(acked.size).toBeGreaterThanOrEqual(20), { timeout: 20_000 });
    one.process.kill('SIGKILL');
    killed = true;
    await one.exited;
    await loop;

    // The phone comes back through the load balancer, now on process two, and replays its outbox.
    const again = socket(two.url, writer.token);
    await whenConnected(again);
    for (const id of sent) expect(await request(again, 'card:add', { room, id, kind: 'opinion', text: 'replay' })).toMatchObject({ ok: true });
    await vi.waitFor(() => expect(readCards(watch.doc).map((c) => c.id).sort()).toEqual([...sent].sort()), { timeout: 10_000 });
    // A Y.Map keyed by id cannot show a duplicate; a replay stored over an acknowledged card
    // shows as its text turned into 'replay'.
    const texts = new Map(readCards(watch.doc).map((c) => [c.id, c.text]));
    for (const id of acked) expect(texts.get(id)).toBe(`カード ${sent.indexOf(id) + 1}`);
  }, 60_000);
});
