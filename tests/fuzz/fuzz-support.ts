/*
 * What the hostile-input properties share: run settings (short and seeded in `npm test`, a
 * time budget under `npm run test:fuzz`), the hostile strings they draw from, a session with
 * every role in it, and the check after a run: the server is up and the session is still
 * readable end to end, with the cards written before the run unchanged.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { expect } from 'vitest';
import { type Card, readCards } from '../../shared/board/model';
import type { JoinResult, SessionView } from '../../shared/schemas/api';
import { ApiClient, createSessionAsAdmin, joinAs } from '../support/api';
import { connectBoard, connectControl, type ControlSocket, request, whenConnected, whenSynced } from '../support/clients';
import type { TestServer } from '../support/server';

/** `FUZZ_MINUTES`: the whole hostile-input run's wall-clock budget, shared by its properties. */
const MINUTES = Number(process.env.FUZZ_MINUTES ?? 0);
/** How many properties share the budget (one per file of tests/fuzz, run one file at a time). */
const PROPERTIES = 3;
const budgetMs = () => Math.floor((MINUTES * 60_000) / PROPERTIES);

/**
 * fast-check settings for one property. In `npm test`: `defaultRuns` runs from a fixed seed
 * (`FUZZ_SEED` overrides it), so a failure reproduces. With `FUZZ_MINUTES`: as many runs as fit
 * in this property's share of the budget, from a fresh seed that every failure message names.
 */
export function fuzzSettings(defaultRuns: number): { seed: number; numRuns: number; interruptAfterTimeLimit?: number; markInterruptAsFailure?: boolean; endOnFailure: true } {
  const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : MINUTES > 0 ? Date.now() % 2 ** 31 : 20261201;
  // Shrinking would replay inputs against a server whose state earlier inputs changed: it
  // finds nothing smaller, only takes long. The seed and the failing input are what reproduce.
  if (MINUTES > 0) return { seed, numRuns: Number.MAX_SAFE_INTEGER, interruptAfterTimeLimit: budgetMs(), markInterruptAsFailure: false, endOnFailure: true };
  return { seed, numRuns: defaultRuns, endOnFailure: true };
}

/** The test's timeout: its default in `npm test`, the property's budget plus the checks under `npm run test:fuzz`. */
export function fuzzTimeout(defaultMs: number): number {
  return MINUTES > 0 ? budgetMs() + 180_000 : defaultMs;
}

/** Percent-escapes that do not decode, and names that resolve to something on every object. */
export const MALFORMED_ESCAPES = ['%', '%E0', '%E0%A4%A', '%ZZ', '%C0%AF', '%ED%A0%80', '%FF%FE', '%%', '%2', '%u00e9'];
export const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];

/** One path segment or parameter an attacker or a broken integration might send, raw (not escaped). */
export const hostileSegment: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...MALFORMED_ESCAPES, ...PROTOTYPE_NAMES, '..', '.', '', '%00', '%2F', '%2e%2e'),
  fc.tuple(fc.constantFrom(...MALFORMED_ESCAPES, ...PROTOTYPE_NAMES), fc.string({ maxLength: 8 })).map(([a, b]) => a + b),
  fc.string({ unit: 'grapheme', maxLength: 24 }),
  fc.string({ maxLength: 16 }).map((s) => encodeURIComponent(s)),
  fc.uuid(),
  fc.constantFrom('x'.repeat(2000), 'あ'.repeat(700), '%E0'.repeat(300)),
);

/** A query string of hostile keys and values (without the leading `?`), or nothing. */
export const hostileQuery: fc.Arbitrary<string> = fc.oneof(
  fc.constant(''),
  fc.array(fc.tuple(fc.oneof(hostileSegment, fc.constantFrom('q', 'sessionId', 'status', 'from', 'to', 'overdue', 'lang', 'a[b]', '__proto__[x]')), hostileSegment), { maxLength: 4 })
    .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&')),
);

/** Field names the routes and events read, so random objects sometimes reach past the first check. */
const FIELDS = ['title', 'text', 'id', 'room', 'kind', 'email', 'password', 'displayName', 'joinCode', 'organizationType', 'template', 'phases', 'answers', 'sources', 'tables', 'mode', 'status', 'index', 'locked', 'voteId', 'pollId', 'itemId', 'itemIds', 'dots', 'choice', 'stageId', 'seconds', 'participantId', 'scribe', 'venue', 'name', 'fromSessionId', ...PROTOTYPE_NAMES];

/** A JSON value of the wrong type or shape for whatever reads it. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(fc.constantFrom(...FIELDS), fc.oneof(fc.jsonValue({ maxDepth: 2 }), hostileSegment), { maxKeys: 6 }),
  fc.constantFrom(null, 0, -1, 1e308, -0, '', [], {}, true, 'x'.repeat(300_000)),
);

/** A request body as sent: JSON of a hostile value, JSON that does not parse, a prototype-polluting object, or none. */
export const hostileBody: fc.Arbitrary<string | undefined> = fc.oneof(
  hostileValue.map((v) => JSON.stringify(v)),
  fc.constantFrom(undefined, '{', '{"a":', '[1,', 'null', '"', '\u0000', '{"__proto__":{"role":"admin"}}', '{"constructor":{"prototype":{"x":1}}}'),
  fc.string({ maxLength: 40 }),
);

/** A session with every role in it, cards written before the run, and a table with a scribe. */
export interface FuzzWorld {
  server: TestServer;
  session: SessionView;
  main: string;
  table: string;
  /** Logged in as the admin; used only by the checks (a fuzzed logout cannot sign it out). */
  admin: ApiClient;
  facilitatorToken: string;
  observerToken: string;
  participants: JoinResult[];
  scribe: JoinResult;
  /** The cards written before the run, as stored then. */
  before: Card[];
  /** Everything to close when the test ends. */
  sockets: ControlSocket[];
}

/** Build the world a hostile-input run attacks. */
export async function createFuzzWorld(server: TestServer): Promise<FuzzWorld> {
  const { api, session, facilitatorToken } = await createSessionAsAdmin(server.url, 'ハードニング確認', 'free-board');
  const main = session.boards[0].room;
  const participants = await Promise.all(['田中', '佐藤', '鈴木'].map((name) => joinAs(server.url, session.joinCode, name)));
  const sockets: ControlSocket[] = [];
  const ids: string[] = [];
  // Cards on the main board first: once tables are in use, participants write at their table.
  for (const [i, p] of participants.entries()) {
    const phone = connectControl(server.url, p.token);
    sockets.push(phone);
    await whenConnected(phone);
    const id = randomUUID();
    ids.push(id);
    expect(await request(phone, 'card:add', { room: main, id, kind: 'idea', text: `事前のカード ${i}` })).toEqual({ ok: true, id });
  }
  const withTables = await api.json<SessionView>('PUT', `/api/sessions/${session.id}/tables`, { mode: 'choose', tables: [{ name: 'A卓' }] });
  const table = withTables.boards.find((b) => b.kind === 'table')!.room;
  const scribe = await joinAs(server.url, session.joinCode, '書記', 'university');
  await api.request('PUT', `/api/sessions/${session.id}/participants/${scribe.participantId}/table`, { room: table });
  const fac = connectControl(server.url, facilitatorToken);
  sockets.push(fac);
  await whenConnected(fac);
  expect(await request(fac, 'scribe:set', { participantId: scribe.participantId, scribe: true })).toEqual({ ok: true });
  const scribeId = randomUUID();
  ids.push(scribeId);
  expect(await request(fac, 'card:add', { room: table, id: scribeId, kind: 'issue', text: 'テーブルのカード', onBehalfOf: scribe.participantId })).toEqual({ ok: true, id: scribeId });
  const observerToken = (await api.json<{ token: string }>('POST', `/api/sessions/${session.id}/observer-link`, {}, 201)).token;
  const before = [...(await readBoardCards(server.url, main, facilitatorToken)), ...(await readBoardCards(server.url, table, facilitatorToken))];
  expect(before.map((c) => c.id).sort()).toEqual([...ids].sort());
  return { server, session: withTables, main, table, admin: api, facilitatorToken, observerToken, participants, scribe, before, sockets };
}

/** The cards of a board as a fresh stock reader gets them. */
export async function readBoardCards(url: string, room: string, token: string): Promise<Card[]> {
  const reader = connectBoard(url, room, token);
  try {
    await whenSynced(reader.provider);
    return readCards(reader.doc);
  } finally {
    reader.destroy();
  }
}

/**
 * After a run: the server answers /healthz; the session's report, every export, saving it as a
 * template, the template list and closing it all answer as they should (report and exports again
 * once closed, from the archive); the cards written before the run are exactly as they were
 * (or, where the run's writers may write, as `before` says the accepted writes left them).
 */
export async function expectSessionReadable(world: FuzzWorld, seed: number, before: Array<Card | undefined> = world.before): Promise<void> {
  const { server, admin, session } = world;
  const why = (what: string) => `${what} after the run (seed ${seed}; FUZZ_SEED=${seed} reproduces it)`;
  const health = await fetch(`${server.url}/healthz`);
  expect(health.status, why('/healthz')).toBe(200);
  expect(await health.json()).toEqual({ status: 'ok' });
  const pages = ['/report', '/export.md', '/export/cards.csv', '/export/actions.csv', '/export/survey.csv', '/export.json', '/outcome', ''].map((p) => `/api/sessions/${session.id}${p}`);
  const statuses = async () => Object.fromEntries(await Promise.all(pages.map(async (p) => [p, (await admin.request('GET', p)).status] as const)));
  const want = Object.fromEntries(pages.map((p) => [p, 200]));
  expect(await statuses(), why('the session pages')).toEqual(want);
  const saved = await admin.request('POST', '/api/templates', { name: `fuzz ${seed}`, fromSessionId: session.id });
  expect(saved.status, why(`saving as a template (${await saved.clone().text()})`)).toBe(201);
  expect((await admin.request('GET', '/api/templates')).status, why('GET /api/templates')).toBe(200);
  const closed = await admin.request('POST', `/api/sessions/${session.id}/close`);
  expect(closed.status, why(`close (${await closed.clone().text()})`)).toBe(204);
  expect(await statuses(), why('the closed session pages')).toEqual(want);
  const after = [...(await readBoardCards(server.url, world.main, world.facilitatorToken)), ...(await readBoardCards(server.url, world.table, world.facilitatorToken))];
  const byId = new Map(after.map((c) => [c.id, c]));
  expect(world.before.map((c) => byId.get(c.id)), why('the cards written before')).toEqual(before);
}
