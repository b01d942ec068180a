import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { Rollup, VoteState, VoteView } from '../../shared/schemas/consensus';
import type { SessionView } from '../../shared/schemas/api';
import { createSessionAsAdmin, joinAs } from '../support/api';
import { connectBoard, connectControl, type ControlSocket, request, whenConnected, whenSynced } from '../support/clients';
import { useTestServer } from '../support/lifecycle';

describe('tables that roll up to the main board', () => {
  const test = useTestServer();

  async function control(token: string): Promise<ControlSocket> {
    const socket = connectControl(test.server.url, token);
    test.defer(() => socket.close());
    await whenConnected(socket);
    return socket;
  }

  /** A session with tables A卓 and B卓, one participant seated at each, each with two cards. */
  async function twoTables() {
    const { api, session, facilitatorToken } = await createSessionAsAdmin(test.server.url);
    const withTables = await api.json<SessionView>('PUT', `/api/sessions/${session.id}/tables`, {
      mode: 'choose',
      tables: [{ name: 'A卓' }, { name: 'B卓' }],
    });
    const main = withTables.boards.find((b) => b.kind === 'main')!.room;
    const [tableA, tableB] = withTables.boards.filter((b) => b.kind === 'table').map((b) => b.room);
    const fac = await control(facilitatorToken);
    const people = [];
    for (const [name, room, texts] of [
      ['田中', tableA, ['送迎がない', '移動手段が少ない']],
      ['佐藤', tableB, ['相談窓口が分かりにくい', '寄付の受け皿']],
    ] as const) {
      const p = await joinAs(test.server.url, session.joinCode, name);
      const socket = await control(p.token);
      expect(await request(socket, 'table:choose', { room })).toEqual({ ok: true });
      const ids: string[] = [];
      for (const text of texts) {
        const id = randomUUID();
        expect(await request(socket, 'card:add', { room, id, kind: 'issue', text })).toMatchObject({ ok: true, id });
        ids.push(id);
      }
      people.push({ ...p, socket, room, ids });
    }
    return { api, session, facilitatorToken, fac, main, tableA, tableB, people };
  }

  it('reads every table’s visible cards by stage, with the table’s groups, for the share-out', async () => {
    const { fac, facilitatorToken, tableA, tableB, people } = await twoTables();
    // The facilitator groups table A's two cards and hides one of table B's.
    const board = connectBoard(test.server.url, tableA, facilitatorToken);
    test.defer(() => board.destroy());
    await whenSynced(board.provider);
    board.doc.transact(() => {
      board.doc.getMap('groups').set('g1', new Y.Map<unknown>([['id', 'g1'], ['title', '移動']]));
      for (const id of people[0].ids) (board.doc.getMap('cards').get(id) as Y.Map<unknown>).set('groupId', 'g1');
    });
    const boardB = connectBoard(test.server.url, tableB, facilitatorToken);
    test.defer(() => boardB.destroy());
    await whenSynced(boardB.provider);
    (boardB.doc.getMap('cards').get(people[1].ids[1]) as Y.Map<unknown>).set('hidden', true);

    const observer = people[1].socket;
    await vi.waitFor(async () => {
      const rollup = await request<Rollup>(observer, 'board:rollup', {});
      expect(rollup.ok).toBe(true);
      const tables = rollup.ok ? rollup.tables : [];
      expect(tables.map((t) => t.name)).toEqual(['A卓', 'B卓']);
      const texts = (i: number) => tables[i].stages.flatMap((s) => s.cards.map((c) => c.text));
      expect(texts(0)).toEqual(['送迎がない', '移動手段が少ない']);
      expect(texts(1)).toEqual(['相談窓口が分かりにくい']);
      expect(tables[0].groups).toEqual([{ id: 'g1', title: '移動', cardIds: people[0].ids }]);
    });
    // The facilitator reads the same roll-up.
    expect(await request<Rollup>(fac, 'board:rollup', {})).toMatchObject({ ok: true, tables: [{ name: 'A卓' }, { name: 'B卓' }] });
  });

  it('runs a plenary vote over one item of each table: both tables cast, nobody hears dots before the reveal', async () => {
    const { session, api, fac, facilitatorToken, main, tableA, people } = await twoTables();
    const board = connectBoard(test.server.url, tableA, facilitatorToken);
    test.defer(() => board.destroy());
    await whenSynced(board.provider);
    board.doc.transact(() => {
      board.doc.getMap('groups').set('g1', new Y.Map<unknown>([['id', 'g1'], ['title', '移動']]));
      for (const id of people[0].ids) (board.doc.getMap('cards').get(id) as Y.Map<unknown>).set('groupId', 'g1');
    });
    const link = await api.json<{ token: string }>('POST', `/api/sessions/${session.id}/observer-link`, {}, 201);
    const projector = await control(link.token);
    const sockets = [fac, projector, people[0].socket, people[1].socket];
    const heard: Array<{ event: string; args: unknown[] }> = [];
    for (const s of sockets) s.onAny((event: string, ...args: unknown[]) => heard.push({ event, args }));

    // Table A's group and table B's first card, on the main board.
    const bCard = people[1].ids[0];
    await vi.waitFor(async () => {
      const rollup = await request<Rollup>(fac, 'board:rollup', {});
      expect(rollup.ok && rollup.tables[0].groups[0]?.cardIds).toEqual(people[0].ids);
    });
    const opened = await request<{ voteId: string }>(fac, 'vote:open', { room: main, itemIds: ['g1', bCard], dotsPerPerson: 3, maxPerItem: 3, title: '全体投票' });
    expect(opened).toMatchObject({ ok: true });
    const voteId = opened.ok ? opened.voteId : '';

    // A participant at table B sees table A's group with its cards, each item naming its table.
    const view = await request<{ vote: VoteView }>(people[1].socket, 'vote:get', { voteId });
    expect(view.ok && view.vote.items).toEqual([
      { id: 'g1', label: '移動', kind: 'group', room: tableA, table: 'A卓', cards: ['送迎がない', '移動手段が少ない'] },
      { id: bCard, label: '相談窓口が分かりにくい', kind: 'card', room: people[1].room, table: 'B卓' },
    ]);

    expect(await request(people[0].socket, 'vote:cast', { voteId, itemId: bCard, dots: 2 })).toMatchObject({ ok: true, remaining: 1 });
    expect(await request(people[1].socket, 'vote:cast', { voteId, itemId: 'g1', dots: 3 })).toMatchObject({ ok: true, remaining: 0 });
    expect(await request(people[1].socket, 'vote:cast', { voteId, itemId: 'nope', dots: 1 })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    await vi.waitFor(() => expect(heard.filter((h) => h.event === 'vote:state').map((h) => (h.args[0] as VoteState).voters)).toContain(2));

    for (const { event, args } of heard) {
      if (event === 'vote:state') expect(Object.keys(args[0] as object).sort()).toEqual(['status', 'voteId', 'voters']);
      else expect(JSON.stringify(args)).not.toMatch(/dots|"mine"|results/);
    }

    heard.length = 0;
    expect(await request(fac, 'vote:reveal', { voteId })).toEqual({ ok: true });
    await vi.waitFor(() => expect(heard.filter((h) => h.event === 'vote:state' && (h.args[0] as VoteState).status === 'revealed')).toHaveLength(sockets.length));
    const revealed = heard.find((h) => h.event === 'vote:state')!.args[0] as Extract<VoteState, { status: 'revealed' }>;
    expect(revealed.results.map((r) => [r.table, r.label, r.dots, r.voters])).toEqual([
      ['A卓', '移動', 3, 1],
      ['B卓', '相談窓口が分かりにくい', 2, 1],
    ]);
  });

  it('refuses a plenary item that is on no board of the session', async () => {
    const { fac, main } = await twoTables();
    const other = await twoTables();
    const ack = await request(fac, 'vote:open', { room: main, itemIds: [other.people[0].ids[0]], dotsPerPerson: 1, maxPerItem: 1 });
    expect(ack).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });
});
