import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REQUESTS } from '../../shared/protocol/table';
import { connectControl, type ControlSocket, whenConnected } from '../support/clients';
import { useTestServer } from '../support/lifecycle';
import { createFuzzWorld, expectSessionReadable, fuzzSettings, fuzzTimeout, hostileSegment, hostileValue, PROTOTYPE_NAMES } from './fuzz-support';

const EVENTS = Object.keys(REQUESTS) as Array<keyof typeof REQUESTS>;
const SENDERS = ['participant', 'participant2', 'scribe', 'observer', 'facilitator'] as const;
type Sender = (typeof SENDERS)[number];
const ROLE_OF: Record<Sender, string> = { participant: 'participant', participant2: 'participant', scribe: 'participant', observer: 'observer', facilitator: 'facilitator' };

/** What the fuzz has made exist so far, so valid payloads can name it. */
interface Made {
  cards: Map<string, string[]>;
  votes: string[];
  polls: string[];
}

const pick = <T>(list: readonly T[], n: number, fallback: T): T => (list.length === 0 ? fallback : list[n % list.length]);

/**
 * A payload every event's schema accepts, naming the rooms, cards, votes and polls that exist,
 * so a mutation of one field reaches past the schema into the rules. An event added to the
 * protocol table without one here fails the test below.
 */
function validPayload(event: string, rooms: string[], participantId: string, made: Made, n: number): Record<string, unknown> | undefined {
  const room = pick(rooms, n, rooms[0]);
  const card = pick(made.cards.get(room) ?? [], n, randomUUID());
  const voteId = pick(made.votes, n, randomUUID());
  const pollId = pick(made.polls, n, randomUUID());
  const samples: Record<string, Record<string, unknown>> = {
    'card:add': { room, id: randomUUID(), kind: pick(['idea', 'issue', 'opinion', 'question'], n, 'idea'), text: 'ふざけた入力' },
    'card:edit': { room, id: card, text: '直した', kind: 'opinion' },
    'card:delete': { room, id: card },
    'card:move': { room, id: card, stageId: null },
    'phase:set': { index: n % 2 },
    'timer:start': {},
    'timer:pause': {},
    'timer:reset': {},
    'timer:add': { seconds: 30 },
    'board:lock': { locked: false },
    'board:rollup': {},
    'projector:set': { view: pick(['auto', 'board', 'spotlight', 'results', 'decisions', 'closing'], n, 'auto'), qr: pick(['auto', 'shown', 'hidden'], n, 'auto') },
    'timer:options': { chime: n % 2 === 0, startWithPhase: n % 3 === 0 },
    'reaction:toggle': { room, cardId: card, on: n % 2 === 0 },
    'reaction:get': { room },
    'comment:add': { room, id: randomUUID(), cardId: card, text: 'ひとこと' },
    'follow:set': { room, stageId: null },
    'spotlight:set': { room, cardId: card },
    'share:set': { active: true, index: 0 },
    'scribe:set': { participantId, scribe: n % 2 === 0 },
    'table:choose': { room: rooms[1] },
    'vote:open': { room, itemIds: (made.cards.get(room) ?? [card]).slice(0, 3), dotsPerPerson: 3, maxPerItem: 2 },
    'vote:cast': { voteId, itemId: card, dots: n % 3 },
    'vote:close': { voteId },
    'vote:reveal': { voteId },
    'vote:get': { voteId },
    'poll:open': { room, itemIds: (made.cards.get(room) ?? [card]).slice(0, 3), scale: pick(['agreement', 'fist-of-five'], n, 'agreement') },
    'poll:answer': { pollId, itemId: card, choice: pick(['agree', 'conditional', 'concern', 'oppose', '5'], n, 'agree') },
    'poll:close': { pollId },
    'poll:reveal': { pollId },
    'poll:get': { pollId },
  };
  return samples[event];
}

/** How a run changes the valid payload: not at all, one field replaced or removed, a field added, or a wholly random payload. */
const mutation = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ kind: 'valid' as const }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('replace' as const), field: fc.nat(), value: fc.oneof(hostileValue, hostileSegment) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), field: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('extra' as const), key: fc.oneof(fc.constantFrom(...PROTOTYPE_NAMES), fc.string({ maxLength: 8 })), value: hostileValue }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('random' as const), value: hostileValue }) },
);

type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(payload: Record<string, unknown>, m: Mutation): unknown {
  const keys = Object.keys(payload);
  switch (m.kind) {
    case 'valid':
      return payload;
    case 'replace':
      return keys.length === 0 ? m.value : { ...payload, [keys[m.field % keys.length]]: m.value };
    case 'remove': {
      if (keys.length === 0) return payload;
      const copy = { ...payload };
      delete copy[keys[m.field % keys.length]];
      return copy;
    }
    case 'extra': {
      const copy = { ...payload };
      Object.defineProperty(copy, m.key, { value: m.value, enumerable: true, configurable: true, writable: true });
      return copy;
    }
    case 'random':
      return m.value;
  }
}

describe('hostile socket.io payloads', () => {
  const test = useTestServer();

  it(
    'acknowledges every event of the protocol table, whatever its payload and sender, with ok or an error code (never internal), and the session stays readable',
    async () => {
      const world = await createFuzzWorld(test.server);
      for (const s of world.sockets) test.defer(() => s.close());
      const tokens: Record<Sender, string> = {
        participant: world.participants[0].token,
        participant2: world.participants[1].token,
        scribe: world.scribe.token,
        observer: world.observerToken,
        facilitator: world.facilitatorToken,
      };
      const sockets = new Map<Sender, ControlSocket>();
      /** The sender's socket; a new one if the server cut the last (a payload over the size limit does). */
      const socketOf = async (sender: Sender) => {
        const open = sockets.get(sender);
        if (open?.connected) return open;
        open?.close();
        const socket = connectControl(test.server.url, tokens[sender]);
        test.defer(() => socket.close());
        sockets.set(sender, socket);
        await whenConnected(socket);
        return socket;
      };
      const emitWithAck = (socket: ControlSocket, event: string, payload: unknown) =>
        new Promise<unknown>((resolve) => {
          const timer = setTimeout(() => resolve('no ack within 5 s'), 5000);
          const done = (ack: unknown) => {
            clearTimeout(timer);
            resolve(ack);
          };
          socket.once('disconnect', () => done('disconnected'));
          (socket.emit as (e: string, p: unknown, ack: (a: unknown) => void) => void)(event, payload, done);
        });

      const made: Made = { cards: new Map(), votes: [], polls: [] };
      for (const event of EVENTS) expect(validPayload(event, [world.main, world.table], world.participants[2].participantId, made, 0), `a valid ${event} payload`).toBeDefined();
      const settings = fuzzSettings(500);
      await fc.assert(
        fc.asyncProperty(
          fc.record({
            event: fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...EVENTS) }, { weight: 1, arbitrary: fc.constantFrom(...PROTOTYPE_NAMES, 'card:nope', 'session:state', '') }),
            change: mutation,
            n: fc.nat(),
            sender: fc.oneof({ weight: 4, arbitrary: fc.constant('allowed' as const) }, { weight: 1, arbitrary: fc.constantFrom(...SENDERS) }),
            withAck: fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
          }),
          async ({ event, change, n, sender: drawn, withAck }) => {
            // Mostly a sender the event's `who` lets through, so the payload reaches its handler.
            const allowed = SENDERS.filter((s) => (REQUESTS[event as keyof typeof REQUESTS]?.who as readonly string[] | undefined)?.includes(ROLE_OF[s]));
            const sender = drawn === 'allowed' ? pick(allowed, n, 'facilitator') : drawn;
            const socket = await socketOf(sender);
            const valid = validPayload(event, [world.main, world.table], world.participants[2].participantId, made, n);
            const payload = valid ? mutate(valid, change) : change.kind === 'random' ? change.value : {};
            const known = (EVENTS as string[]).includes(event);
            if (!known || !withAck) {
              // No ack to wait for: the socket must still answer a known request afterwards.
              (socket.emit as (e: string, p: unknown) => void)(event, payload);
              const probe = await emitWithAck(socket, 'vote:get', { voteId: 'probe' });
              if (probe === 'disconnected') return;
              expect(probe, `${sender} ${event} without ack, then vote:get`).toMatchObject({ ok: false, error: { code: expect.any(String) } });
              return;
            }
            const ack = await emitWithAck(socket, event, payload);
            // Cut for a frame over the size limit: allowed; the next run reconnects.
            if (ack === 'disconnected') return;
            const label = `${sender} ${event} ${JSON.stringify(payload)?.slice(0, 300)} → ${JSON.stringify(ack)?.slice(0, 300)}`;
            expect(ack, label).toSatisfy((a: unknown) => {
              if (typeof a !== 'object' || a === null) return false;
              const r = a as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
              if (r.ok === true) return true;
              return r.ok === false && typeof r.error?.code === 'string' && typeof r.error.message === 'string';
            });
            expect((ack as { error?: { code: string } }).error?.code, label).not.toBe('internal');
            // Remember what now exists, so later runs name it.
            const ok = ack as { ok: boolean; id?: string; voteId?: string; pollId?: string };
            if (ok.ok && event === 'card:add') {
              const room = (payload as { room: string }).room;
              made.cards.set(room, [...(made.cards.get(room) ?? []), ok.id!]);
            }
            if (ok.ok && ok.voteId) made.votes.push(ok.voteId);
            if (ok.ok && ok.pollId) made.polls.push(ok.pollId);
          },
        ),
        settings,
      );
      for (const s of sockets.values()) s.close();
      await expectSessionReadable(world, settings.seed);
    },
    fuzzTimeout(60_000),
  );
});
