import { randomUUID } from 'node:crypto';
import * as encoding from 'lib0/encoding';
import { describe, expect, it, vi } from 'vitest';
import { readCards } from '../../shared/board/model';
import { ApiClient, createSessionAsAdmin, joinAs } from '../support/api';
import { connectBoard, connectControl, request, whenConnected, whenSynced } from '../support/clients';
import { rawBoardSocket } from '../support/raw';
import { useTestServer } from '../support/lifecycle';

/** An awareness frame claiming `clientId` with `state`. */
function awarenessFrame(clientId: number, clock: number, state: unknown): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, 1);
  encoding.writeVarUint(inner, clientId);
  encoding.writeVarUint(inner, clock);
  encoding.writeVarString(inner, JSON.stringify(state));
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
  return encoding.toUint8Array(e);
}

describe('guards', () => {
  const test = useTestServer();

  it('lets nobody overwrite or remove another connection’s presence', async () => {
    const { session } = await createSessionAsAdmin(test.server.url);
    const a = await joinAs(test.server.url, session.joinCode, '田中');
    const b = await joinAs(test.server.url, session.joinCode, '佐藤');
    const room = session.boards[0].room;
    const alice = connectBoard(test.server.url, room, a.token);
    test.defer(() => alice.destroy());
    await whenSynced(alice.provider);
    alice.provider.awareness.setLocalStateField('user', { name: '田中' });
    const watcher = connectBoard(test.server.url, room, b.token);
    test.defer(() => watcher.destroy());
    await whenSynced(watcher.provider);
    await vi.waitFor(() => expect(watcher.provider.awareness.getStates().get(alice.doc.clientID)).toEqual({ user: { name: '田中' } }));

    // A stolen id as the first claim, then an overwrite and a removal of alice's presence.
    const attacker = rawBoardSocket(test.server.url, room, b.token);
    await attacker.opened;
    attacker.ws.send(awarenessFrame(alice.doc.clientID, 99, { user: { name: '偽物' } }));
    attacker.ws.send(awarenessFrame(777, 1, { user: { name: 'me' } }));
    attacker.ws.send(awarenessFrame(alice.doc.clientID, 100, null));
    attacker.ws.send(awarenessFrame(777, 2, { done: true }));
    await vi.waitFor(() => expect(watcher.provider.awareness.getStates().get(777)).toEqual({ done: true }));
    expect(watcher.provider.awareness.getStates().get(alice.doc.clientID)).toEqual({ user: { name: '田中' } });
    attacker.ws.close();

    // Its state must never reach anyone, not even briefly before the connection is closed.
    const heardBig: number[] = [];
    watcher.provider.awareness.on('update', ({ added, updated }: { added: number[]; updated: number[] }) => {
      if ([...added, ...updated].includes(4242)) heardBig.push(4242);
    });
    const big = rawBoardSocket(test.server.url, room, b.token);
    await big.opened;
    big.ws.send(awarenessFrame(4242, 1, { blob: 'x'.repeat(5000) }));
    expect(await big.closed).toBe(4413);
    // A marker from a quiet connection, sent after the refusal, shows the watcher has heard
    // everything the server relayed before it.
    const marker = connectBoard(test.server.url, room, b.token);
    test.defer(() => marker.destroy());
    await whenSynced(marker.provider);
    marker.provider.awareness.setLocalStateField('marker', true);
    await vi.waitFor(() => expect(watcher.provider.awareness.getStates().get(marker.doc.clientID)).toMatchObject({ marker: true }));
    expect(heardBig).toEqual([]);
    expect(watcher.provider.awareness.getStates().has(4242)).toBe(false);
  });

  it('drops awareness updates past the rate cap', async () => {
    const { session } = await createSessionAsAdmin(test.server.url);
    const p = await joinAs(test.server.url, session.joinCode, '田中');
    const room = session.boards[0].room;
    const watcher = connectBoard(test.server.url, room, p.token);
    test.defer(() => watcher.destroy());
    await whenSynced(watcher.provider);
    let seen = 0;
    watcher.provider.awareness.on('update', ({ updated, added }: { updated: number[]; added: number[] }) => {
      if ([...updated, ...added].includes(5151)) seen += 1;
    });
    const flooder = rawBoardSocket(test.server.url, room, p.token);
    await flooder.opened;
    for (let clock = 1; clock <= 200; clock++) flooder.ws.send(awarenessFrame(5151, clock, { n: clock }));
    await vi.waitFor(() => expect(seen).toBeGreaterThan(0));
    // A marker sent after the flood on a second, quiet connection shows the flood was processed.
    const marker = connectBoard(test.server.url, room, p.token);
    test.defer(() => marker.destroy());
    await whenSynced(marker.provider);
    marker.provider.awareness.setLocalStateField('marker', true);
    await vi.waitFor(() => expect(watcher.provider.awareness.getStates().get(marker.doc.clientID)).toMatchObject({ marker: true }));
    expect(seen).toBeLessThanOrEqual(40);
    flooder.ws.close();
  });

  it('refuses websocket upgrades from a foreign Origin', async () => {
    const { session, facilitatorToken } = await createSessionAsAdmin(test.server.url);
    const raw = rawBoardSocket(test.server.url, session.boards[0].room, facilitatorToken, { origin: 'https://evil.example' });
    await expect(raw.opened).rejects.toThrow(/403/);
    const ok = rawBoardSocket(test.server.url, session.boards[0].room, facilitatorToken, { origin: test.server.url });
    await ok.opened;
    ok.ws.close();
  });

  it('cuts off a removed participant everywhere and revokes the token', async () => {
    const { api, session } = await createSessionAsAdmin(test.server.url);
    const p = await joinAs(test.server.url, session.joinCode, '田中');
    const board = connectBoard(test.server.url, session.boards[0].room, p.token);
    test.defer(() => board.destroy());
    await whenSynced(board.provider);
    const socket = connectControl(test.server.url, p.token);
    test.defer(() => socket.close());
    await whenConnected(socket);
    const revoked = new Promise((resolve) => socket.on('session:revoked', resolve));
    const yjsClosed = new Promise<number>((resolve) => board.provider.on('connection-close', (e: CloseEvent | null) => resolve(e?.code ?? -1)));

    const list = await api.json<Array<{ id: string }>>('GET', `/api/sessions/${session.id}/participants`);
    expect(list.map((x) => x.id)).toEqual([p.participantId]);
    expect((await api.request('DELETE', `/api/sessions/${session.id}/participants/${p.participantId}`)).status).toBe(204);
    expect(await revoked).toEqual({ reason: 'removed' });
    expect(await yjsClosed).toBe(4401);
    const me = await fetch(`${test.server.url}/api/me`, { headers: { authorization: `Bearer ${p.token}` } });
    expect(me.status).toBe(401);
    const again = connectControl(test.server.url, p.token);
    test.defer(() => again.close());
    await expect(whenConnected(again)).rejects.toThrow(/unauthorized/);

    const audit = await api.json<Array<{ action: string; target: string }>>('GET', `/api/audit?sessionId=${session.id}`);
    expect(audit.map((e) => e.action)).toContain('participant.remove');
    expect((await new ApiClient(test.server.url).request('GET', '/api/audit')).status).toBe(401);
  });

  it('answers a flood of commands with rate_limited without hurting other people', async () => {
    const { session } = await createSessionAsAdmin(test.server.url);
    const noisy = await joinAs(test.server.url, session.joinCode, '連打');
    const calm = await joinAs(test.server.url, session.joinCode, '静か');
    const room = session.boards[0].room;
    const a = connectControl(test.server.url, noisy.token);
    const b = connectControl(test.server.url, calm.token);
    test.defer(() => a.close());
    test.defer(() => b.close());
    await Promise.all([whenConnected(a), whenConnected(b)]);
    const acks = await Promise.all(
      Array.from({ length: 100 }, (_, i) => request(a, 'card:add', { room, id: randomUUID(), kind: 'issue', text: `連打 ${i}` })),
    );
    // One socket may send 40 requests in 10 s: the rest of the burst is refused, nothing else.
    expect(acks.filter((x) => x.ok).length).toBe(40);
    expect(acks.filter((x) => !x.ok && x.error.code === 'rate_limited').length).toBe(60);
    expect(await request(b, 'card:add', { room, id: randomUUID(), kind: 'idea', text: '普通に書く' })).toMatchObject({ ok: true });
  });

  it('never acknowledges a card it could not store when the disk is full', async () => {
    const { session, facilitatorToken } = await createSessionAsAdmin(test.server.url);
    const p = await joinAs(test.server.url, session.joinCode, '田中');
    const room = session.boards[0].room;
    const socket = connectControl(test.server.url, p.token);
    test.defer(() => socket.close());
    await whenConnected(socket);
    const sqlite = test.server.app.database.sqlite!;
    const pages = sqlite.pragma('page_count', { simple: true }) as number;
    sqlite.pragma(`max_page_count = ${pages + 1}`);

    const acked: string[] = [];
    let failure: unknown = null;
    for (let i = 0; i < 200 && !failure; i++) {
      const id = randomUUID();
      const ack = await request(socket, 'card:add', { room, id, kind: 'issue', text: `満杯 ${i} ${'あ'.repeat(300)}` });
      if (ack.ok) acked.push(id);
      else failure = ack.error;
    }
    expect(failure).toMatchObject({ code: 'storage_failed' });
    sqlite.pragma('max_page_count = 1073741823');

    const reader = connectBoard(test.server.url, room, facilitatorToken);
    test.defer(() => reader.destroy());
    await whenSynced(reader.provider);
    expect(readCards(reader.doc).map((c) => c.id).sort()).toEqual([...acked].sort());
    const after = randomUUID();
    expect(await request(socket, 'card:add', { room, id: after, kind: 'idea', text: '空いた' })).toMatchObject({ ok: true });
    await vi.waitFor(() => expect(reader.doc.getMap('cards').has(after)).toBe(true));
  });
});
