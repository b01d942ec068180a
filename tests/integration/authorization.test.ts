import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { SessionView } from '../../shared/schemas/api';
import { ApiClient, joinAs } from '../support/api';
import { connectBoard, connectControl, type ControlSocket, request, whenConnected, whenSynced } from '../support/clients';
import { startTestServer, type TestServer } from '../support/server';

/**
 * Every REST route, socket event and room against every role. A row names what each role gets;
 * a role missing from a row is expected to get the row's `others` outcome.
 */
type Role = 'none' | 'participant' | 'scribe' | 'observer' | 'otherFacilitator' | 'facilitator' | 'secretariat' | 'admin';
const ROLES: Role[] = ['none', 'participant', 'scribe', 'observer', 'otherFacilitator', 'facilitator', 'secretariat', 'admin'];
const ACCOUNTS: Role[] = ['otherFacilitator', 'facilitator', 'secretariat', 'admin'];

interface World {
  server: TestServer;
  session: SessionView;
  table: string;
  main: string;
  clients: Partial<Record<Role, ApiClient>>;
  tokens: Partial<Record<Role, string>>;
  owner: ApiClient;
  participantId: string;
}

let world: World;

async function account(url: string, admin: ApiClient, email: string, role: string) {
  await admin.json('POST', '/api/users', { email, password: 'password 123', displayName: email, role }, 201);
  const client = new ApiClient(url);
  await client.login(email, 'password 123');
  return client;
}

beforeAll(async () => {
  const server = await startTestServer();
  const admin = new ApiClient(server.url);
  await admin.login();
  const owner = await account(server.url, admin, 'owner@example.jp', 'facilitator');
  const other = await account(server.url, admin, 'other@example.jp', 'facilitator');
  const clerk = await account(server.url, admin, 'clerk@example.jp', 'secretariat');
  const created = await owner.json<SessionView>('POST', '/api/sessions', { title: '権限表', template: 'free-board' }, 201);
  const session = await owner.json<SessionView>('PUT', `/api/sessions/${created.id}/tables`, { mode: 'choose', tables: [{ name: 'A' }] });
  const table = session.boards.find((b) => b.kind === 'table')!.room;
  const main = session.boards.find((b) => b.kind === 'main')!.room;
  await other.json('POST', '/api/sessions', { title: '別の会', template: 'free-board' }, 201);
  const otherSessions = await other.json<SessionView[]>('GET', '/api/sessions');
  const participant = await joinAs(server.url, session.joinCode, '参加者');
  const scribe = await joinAs(server.url, session.joinCode, '書記');
  for (const p of [participant, scribe]) await owner.request('PUT', `/api/sessions/${session.id}/participants/${p.participantId}/table`, { room: table });
  const facilitatorToken = (await owner.json<{ token: string }>('GET', `/api/sessions/${session.id}/token`)).token;
  const fac = connectControl(server.url, facilitatorToken);
  await whenConnected(fac);
  await request(fac, 'scribe:set', { participantId: scribe.participantId, scribe: true });
  fac.close();
  world = {
    server,
    session,
    table,
    main,
    owner,
    participantId: participant.participantId,
    clients: { none: new ApiClient(server.url), participant: new ApiClient(server.url), scribe: new ApiClient(server.url), observer: new ApiClient(server.url), otherFacilitator: other, facilitator: owner, secretariat: clerk, admin },
    tokens: {
      participant: participant.token,
      scribe: scribe.token,
      observer: (await owner.json<{ token: string }>('POST', `/api/sessions/${session.id}/observer-link`, {}, 201)).token,
      facilitator: facilitatorToken,
      otherFacilitator: (await other.json<{ token: string }>('GET', `/api/sessions/${otherSessions[0].id}/token`)).token,
      admin: (await admin.json<{ token: string }>('GET', `/api/sessions/${session.id}/token`)).token,
      secretariat: (await clerk.json<{ token: string }>('GET', `/api/sessions/${session.id}/token`)).token,
    },
  };
});

afterAll(async () => {
  await world?.server.close();
});

type Outcome = number | 'ok';
interface RestRow {
  name: string;
  /** Build the request; runs once per role, so a row may create what it is about to delete. */
  make: (w: World) => Promise<{ method: string; path: string; body?: unknown }> | { method: string; path: string; body?: unknown };
  expect: Partial<Record<Role, Outcome>>;
  others: Outcome;
  /** Send the role's token as a Bearer header (token routes). */
  bearer?: boolean;
}

const sid = (w: World) => w.session.id;
const managers: Partial<Record<Role, Outcome>> = { facilitator: 'ok', secretariat: 'ok', admin: 'ok', otherFacilitator: 403 };
const session = (method: string, suffix: string, body?: unknown): RestRow['make'] => (w) => ({ method, path: `/api/sessions/${sid(w)}${suffix}`, body });
const tokenRoles: Partial<Record<Role, Outcome>> = { participant: 'ok', scribe: 'ok', observer: 'ok', facilitator: 'ok', otherFacilitator: 403, secretariat: 'ok', admin: 'ok' };

const REST: RestRow[] = [
  { name: 'GET /healthz', make: () => ({ method: 'GET', path: '/healthz' }), expect: {}, others: 'ok' },
  { name: 'GET /api/organization-types', make: () => ({ method: 'GET', path: '/api/organization-types' }), expect: {}, others: 'ok' },
  { name: 'POST /api/sessions', make: () => ({ method: 'POST', path: '/api/sessions', body: { title: 'x' } }), expect: Object.fromEntries(ACCOUNTS.map((r) => [r, 'ok'])), others: 401 },
  { name: 'GET /api/sessions', make: () => ({ method: 'GET', path: '/api/sessions' }), expect: Object.fromEntries(ACCOUNTS.map((r) => [r, 'ok'])), others: 401 },
  { name: 'GET /api/templates', make: () => ({ method: 'GET', path: '/api/templates' }), expect: Object.fromEntries(ACCOUNTS.map((r) => [r, 'ok'])), others: 401 },
  { name: 'GET /api/users', make: () => ({ method: 'GET', path: '/api/users' }), expect: { admin: 'ok', secretariat: 403, facilitator: 403, otherFacilitator: 403 }, others: 401 },
  { name: 'POST /api/users', make: () => ({ method: 'POST', path: '/api/users', body: { email: `${randomUUID()}@example.jp`, password: 'password 123', displayName: 'x' } }), expect: { admin: 'ok', secretariat: 403, facilitator: 403, otherFacilitator: 403 }, others: 401 },
  { name: 'GET /api/audit', make: () => ({ method: 'GET', path: '/api/audit' }), expect: { admin: 'ok', secretariat: 403, facilitator: 403, otherFacilitator: 403 }, others: 401 },
  { name: 'GET /api/archive', make: () => ({ method: 'GET', path: '/api/archive' }), expect: Object.fromEntries(ACCOUNTS.map((r) => [r, 'ok'])), others: 401 },
  { name: 'GET /api/actions', make: () => ({ method: 'GET', path: '/api/actions' }), expect: Object.fromEntries(ACCOUNTS.map((r) => [r, 'ok'])), others: 401 },
  { name: 'GET /api/stats', make: () => ({ method: 'GET', path: '/api/stats' }), expect: Object.fromEntries(ACCOUNTS.map((r) => [r, 'ok'])), others: 401 },
  { name: 'GET /api/stats/export/:table.csv', make: () => ({ method: 'GET', path: '/api/stats/export/sessions.csv?fiscalYear=2026' }), expect: Object.fromEntries(ACCOUNTS.map((r) => [r, 'ok'])), others: 401 },
  { name: 'GET /api/actions/export.csv', make: () => ({ method: 'GET', path: '/api/actions/export.csv' }), expect: Object.fromEntries(ACCOUNTS.map((r) => [r, 'ok'])), others: 401 },
  { name: 'GET /api/search', make: () => ({ method: 'GET', path: '/api/search?q=%E9%A3%9F%E5%A0%82' }), expect: Object.fromEntries(ACCOUNTS.map((r) => [r, 'ok'])), others: 401 },
  { name: 'GET /api/search/variants', make: () => ({ method: 'GET', path: '/api/search/variants' }), expect: Object.fromEntries(ACCOUNTS.map((r) => [r, 'ok'])), others: 401 },
  {
    name: 'PUT /api/search/variants',
    make: async (w) => ({ method: 'PUT', path: '/api/search/variants', body: await w.clients.admin!.json('GET', '/api/search/variants') }),
    expect: { admin: 'ok', secretariat: 403, facilitator: 403, otherFacilitator: 403 },
    others: 401,
  },
  {
    name: 'DELETE /api/sessions/:id',
    make: async (w) => {
      const doomed = await w.owner.json<SessionView>('POST', '/api/sessions', { title: '削除用', template: 'free-board' }, 201);
      return { method: 'DELETE', path: `/api/sessions/${doomed.id}` };
    },
    expect: managers,
    others: 401,
  },
  {
    name: 'PATCH /api/users/:id',
    make: async (w) => {
      const { id } = await w.clients.admin!.json<{ id: string }>('POST', '/api/users', { email: `${randomUUID()}@example.jp`, displayName: 'x' }, 201);
      return { method: 'PATCH', path: `/api/users/${id}`, body: { disabled: true } };
    },
    expect: { admin: 'ok', secretariat: 403, facilitator: 403, otherFacilitator: 403 },
    others: 401,
  },
  {
    name: 'POST /api/users/:id/password-link',
    make: async (w) => {
      const { id } = await w.clients.admin!.json<{ id: string }>('POST', '/api/users', { email: `${randomUUID()}@example.jp`, displayName: 'x' }, 201);
      return { method: 'POST', path: `/api/users/${id}/password-link` };
    },
    expect: { admin: 'ok', secretariat: 403, facilitator: 403, otherFacilitator: 403 },
    others: 401,
  },
  // Signed in first, then validated: an empty new password is 400 for an account, 401 for anyone else.
  { name: 'PUT /api/auth/password', make: () => ({ method: 'PUT', path: '/api/auth/password', body: { currentPassword: 'x', newPassword: '' } }), expect: Object.fromEntries(ACCOUNTS.map((r) => [r, 400])), others: 401 },
  // Anyone holding a link may use it; a token nobody was given is 404 for every role.
  { name: 'GET /api/password-links/:token', make: () => ({ method: 'GET', path: `/api/password-links/${randomUUID().replaceAll('-', '')}` }), expect: {}, others: 404 },
  { name: 'POST /api/password-links/:token', make: () => ({ method: 'POST', path: `/api/password-links/${randomUUID().replaceAll('-', '')}`, body: { password: 'a long password 1' } }), expect: {}, others: 404 },
  { name: 'GET /api/sessions/:id', make: session('GET', ''), expect: managers, others: 401 },
  { name: 'PATCH /api/sessions/:id', make: session('PATCH', '', { venue: '市民会館' }), expect: managers, others: 401 },
  { name: 'PUT /api/sessions/:id/phases', make: session('PUT', '/phases', [{ key: 'free', title: '', durationSec: 0, allowedKinds: ['idea', 'issue', 'opinion', 'question'] }]), expect: managers, others: 401 },
  { name: 'PUT /api/sessions/:id/tables', make: (w) => ({ method: 'PUT', path: `/api/sessions/${sid(w)}/tables`, body: { mode: 'choose', tables: [{ name: 'A' }] } }), expect: managers, others: 401 },
  { name: 'POST /api/sessions/:id/group-suggestions', make: (w) => ({ method: 'POST', path: `/api/sessions/${sid(w)}/group-suggestions`, body: { room: w.main } }), expect: managers, others: 401 },
  { name: 'POST /api/sessions/:id/tables/copy-prep', make: session('POST', '/tables/copy-prep'), expect: managers, others: 401 },
  { name: 'GET /api/sessions/:id/token', make: session('GET', '/token'), expect: managers, others: 401 },
  { name: 'POST /api/sessions/:id/observer-link', make: session('POST', '/observer-link'), expect: managers, others: 401 },
  { name: 'GET /api/sessions/:id/qr.svg', make: session('GET', '/qr.svg'), expect: managers, others: 401 },
  { name: 'GET /api/sessions/:id/observer-links', make: session('GET', '/observer-links'), expect: managers, others: 401 },
  {
    name: 'DELETE /api/sessions/:id/observer-links/:linkId',
    make: async (w) => {
      const { id } = await w.owner.json<{ id: string }>('POST', `/api/sessions/${sid(w)}/observer-link`, undefined, 201);
      return { method: 'DELETE', path: `/api/sessions/${sid(w)}/observer-links/${id}` };
    },
    expect: managers,
    others: 401,
  },
  { name: 'GET /api/sessions/:id/joins', make: session('GET', '/joins'), expect: managers, others: 401 },
  {
    name: "GET /api/templates/:id (the owner's private template)",
    make: async (w) => {
      const { id } = await w.owner.json<{ id: string }>('POST', '/api/templates', { name: '私の型', fromSessionId: sid(w) }, 201);
      return { method: 'GET', path: `/api/templates/${id}` };
    },
    expect: { facilitator: 'ok', secretariat: 'ok', admin: 'ok', otherFacilitator: 404 },
    others: 401,
  },
  {
    name: "PATCH /api/templates/:id (the owner's private template)",
    make: async (w) => {
      const { id } = await w.owner.json<{ id: string }>('POST', '/api/templates', { name: '私の型', fromSessionId: sid(w) }, 201);
      return { method: 'PATCH', path: `/api/templates/${id}`, body: { shared: true } };
    },
    expect: { facilitator: 'ok', secretariat: 'ok', admin: 'ok', otherFacilitator: 404 },
    others: 401,
  },
  { name: 'GET /api/sessions/:id/participants', make: session('GET', '/participants'), expect: managers, others: 401 },
  { name: 'POST /api/sessions/:id/participants', make: session('POST', '/participants', { displayName: '電話なし', organizationType: 'resident' }), expect: managers, others: 401 },
  {
    name: 'DELETE /api/sessions/:id/participants/:pid',
    make: async (w) => {
      const { id } = await w.owner.json<{ id: string }>('POST', `/api/sessions/${sid(w)}/participants`, { displayName: 'x', organizationType: 'other' }, 201);
      return { method: 'DELETE', path: `/api/sessions/${sid(w)}/participants/${id}` };
    },
    expect: managers,
    others: 401,
  },
  { name: 'GET /api/sessions/:id/outcome', make: session('GET', '/outcome'), expect: managers, others: 401 },
  { name: 'POST /api/sessions/:id/decisions', make: session('POST', '/decisions', { text: '決定' }), expect: managers, others: 401 },
  { name: 'POST /api/sessions/:id/actions', make: session('POST', '/actions', { title: '行動' }), expect: managers, others: 401 },
  { name: 'PUT /api/sessions/:id/survey', make: session('PUT', '/survey', [{ id: 'comments', kind: 'text' }]), expect: managers, others: 401 },
  { name: 'GET /api/sessions/:id/report', make: session('GET', '/report'), expect: managers, others: 401 },
  { name: 'GET /api/sessions/:id/export.md', make: session('GET', '/export.md'), expect: managers, others: 401 },
  { name: 'GET /api/sessions/:id/export/cards.csv', make: session('GET', '/export/cards.csv'), expect: managers, others: 401 },
  { name: 'GET /api/sessions/:id/export.json', make: session('GET', '/export.json'), expect: managers, others: 401 },
  { name: 'GET /api/sessions/:id/since-last', make: session('GET', '/since-last'), expect: managers, others: 401 },
  {
    name: 'POST /api/sessions/:id/close + reopen',
    make: async (w) => {
      const fresh = await w.owner.json<SessionView>('POST', '/api/sessions', { title: '閉会用', template: 'free-board' }, 201);
      return { method: 'POST', path: `/api/sessions/${fresh.id}/close` };
    },
    expect: managers,
    others: 401,
  },
  { name: 'GET /api/me', make: () => ({ method: 'GET', path: '/api/me' }), bearer: true, expect: { ...tokenRoles, otherFacilitator: 'ok' }, others: 401 },
  { name: 'GET /api/sessions/:id/survey', make: session('GET', '/survey'), bearer: true, expect: tokenRoles, others: 401 },
  { name: 'POST /api/sessions/:id/survey', make: session('POST', '/survey', { answers: { comments: '良かった' } }), bearer: true, expect: { participant: 'ok', scribe: 'ok', observer: 403, facilitator: 403, otherFacilitator: 403, secretariat: 403, admin: 403 }, others: 401 },
];

describe('authorisation matrix', () => {
  it.each(REST)('$name', async (row) => {
    const got: Partial<Record<Role, Outcome>> = {};
    const want: Partial<Record<Role, Outcome>> = {};
    for (const role of ROLES) {
      const { method, path, body } = await row.make(world);
      const client = row.bearer ? new ApiClient(world.server.url) : world.clients[role]!;
      const headers: Record<string, string> = row.bearer && world.tokens[role] ? { authorization: `Bearer ${world.tokens[role]}` } : {};
      const res = await client.request(method, path, body, headers);
      got[role] = res.status < 300 ? 'ok' : res.status;
      want[role] = row.expect[role] ?? row.others;
      if (res.status >= 400) expect((await res.json()).error.code).toEqual(expect.any(String));
    }
    expect(got).toEqual(want);
  });

  type Event = { name: string; payload: (w: World) => unknown; expect: Partial<Record<Role, string>>; others: string };
  const EVENTS: Event[] = [
    { name: 'card:add (own table)', payload: (w) => ({ room: w.table, id: randomUUID(), kind: 'idea', text: 'x' }), expect: { participant: 'ok', scribe: 'ok', facilitator: 'ok', secretariat: 'ok', admin: 'ok', otherFacilitator: 'forbidden' }, others: 'forbidden' },
    { name: 'card:add (main board, tables in use)', payload: (w) => ({ room: w.main, id: randomUUID(), kind: 'idea', text: 'x' }), expect: { facilitator: 'ok', secretariat: 'ok', admin: 'ok' }, others: 'forbidden' },
    { name: 'phase:set', payload: () => ({ index: 0 }), expect: { facilitator: 'ok', secretariat: 'ok', admin: 'ok', otherFacilitator: 'ok' }, others: 'forbidden' },
    { name: 'board:lock', payload: () => ({ locked: false }), expect: { facilitator: 'ok', secretariat: 'ok', admin: 'ok', otherFacilitator: 'ok' }, others: 'forbidden' },
    { name: 'follow:set (this session’s board)', payload: (w) => ({ room: w.main, stageId: null }), expect: { facilitator: 'ok', secretariat: 'ok', admin: 'ok', otherFacilitator: 'not_found' }, others: 'forbidden' },
    { name: 'vote:open', payload: () => ({ room: world.main, itemIds: ['nothing'], dotsPerPerson: 3, maxPerItem: 1 }), expect: { facilitator: 'bad_request', secretariat: 'bad_request', admin: 'bad_request', otherFacilitator: 'forbidden' }, others: 'forbidden' },
    { name: 'scribe:set', payload: (w) => ({ participantId: w.participantId, scribe: false }), expect: { facilitator: 'ok', secretariat: 'ok', admin: 'ok', otherFacilitator: 'not_found' }, others: 'forbidden' },
    { name: 'table:choose', payload: (w) => ({ room: w.table }), expect: { participant: 'ok', scribe: 'ok', otherFacilitator: 'forbidden' }, others: 'forbidden' },
  ];
  // Control events act on the caller's own session: another facilitator's phase:set changes
  // their own session, never this one (checked below).

  it.each(EVENTS)('socket $name', async (event) => {
    const got: Partial<Record<Role, string>> = {};
    const want: Partial<Record<Role, string>> = {};
    for (const role of ROLES.filter((r) => r !== 'none')) {
      const socket: ControlSocket = connectControl(world.server.url, world.tokens[role]!);
      await whenConnected(socket);
      const ack = await request(socket, event.name.split(' ')[0] as 'card:add', event.payload(world));
      socket.close();
      got[role] = ack.ok ? 'ok' : ack.error.code;
      want[role] = event.expect[role] ?? event.others;
    }
    expect(got).toEqual(want);
  });

  it('refuses a socket.io connection without a valid token', async () => {
    const socket = connectControl(world.server.url, 'no such token');
    await expect(whenConnected(socket)).rejects.toThrow(/unauthorized/);
    socket.close();
  });

  it('lets each role read and write the rooms it may, and no more', async () => {
    const closeCode = (board: ReturnType<typeof connectBoard>) =>
      new Promise<number>((resolve) => board.provider.on('connection-close', (e: CloseEvent | null) => resolve(e?.code ?? -1)));
    const outcome = async (role: Role, room: string): Promise<string> => {
      const board = connectBoard(world.server.url, room, world.tokens[role] ?? 'junk');
      const closed = closeCode(board);
      const first = await Promise.race([whenSynced(board.provider).then(() => 'synced'), closed.then((c) => `closed ${c}`)]);
      if (first !== 'synced') {
        board.destroy();
        return first;
      }
      const key = `probe-${role}-${room.slice(-4)}`;
      board.doc.getMap('groups').set(key, new Y.Map<unknown>([['id', key], ['title', role]]));
      const watcher = connectBoard(world.server.url, room, world.tokens.facilitator!);
      await whenSynced(watcher.provider);
      const result = await Promise.race([
        vi.waitFor(() => expect(watcher.doc.getMap('groups').has(key)).toBe(true), { timeout: 3000 }).then(() => 'writes'),
        closed.then((c) => `reads (write closed ${c})`),
      ]);
      board.destroy();
      watcher.destroy();
      return result;
    };
    const got: Record<string, string> = {};
    for (const role of ROLES) for (const [name, room] of [['main', world.main], ['table', world.table]] as const) got[`${role} ${name}`] = await outcome(role, room);
    expect(got).toEqual({
      'none main': 'closed 4401',
      'none table': 'closed 4401',
      'participant main': 'reads (write closed 4403)',
      'participant table': 'reads (write closed 4403)',
      'scribe main': 'reads (write closed 4403)',
      'scribe table': 'writes',
      'observer main': 'reads (write closed 4403)',
      'observer table': 'reads (write closed 4403)',
      'otherFacilitator main': 'closed 4403',
      'otherFacilitator table': 'closed 4403',
      'facilitator main': 'writes',
      'facilitator table': 'writes',
      'secretariat main': 'writes',
      'secretariat table': 'writes',
      'admin main': 'writes',
      'admin table': 'writes',
    });
  });
});
