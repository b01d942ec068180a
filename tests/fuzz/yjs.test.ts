import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { boardParts, readCards, readGroups, readStages } from '../../shared/board/model';
import { connectBoard, whenSynced } from '../support/clients';
import { useTestServer } from '../support/lifecycle';
import { syncUpdateFrame } from '../support/raw';
import { createFuzzWorld, expectSessionReadable, fuzzSettings, fuzzTimeout, hostileValue, PROTOTYPE_NAMES } from './fuzz-support';

/** A "query awareness" message: answered in order, so its answer says every earlier message was handled. */
const QUERY_AWARENESS = Uint8Array.from([3]);

/** A value of the wrong type for a board field: a number, an object, an array, a boolean, a Y type, or a huge string. */
const wrongValue = fc.oneof(
  fc.oneof(fc.integer(), fc.double(), fc.constant(null)),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
  fc.boolean(),
  fc.constantFrom('ytext', 'ymap', 'yarray', 'huge'),
);

/** A well-formed card, as the server itself writes one. */
function realCard(id: string): Record<string, unknown> {
  return { id, kind: 'idea', text: '直接書いたカード', authorId: 'facilitator', authorName: 'ファシリ', anonymous: false, createdAt: new Date().toISOString() };
}

const CARD_FIELDS = ['id', 'kind', 'text', 'stageId', 'groupId', 'authorId', 'authorName', 'organizationType', 'anonymous', 'createdAt', 'hidden', 'extra', ...PROTOTYPE_NAMES];

/** What a run does to the board document, as a facilitator or scribe could through a stock provider. */
const boardChange = fc.oneof(
  { weight: 2, arbitrary: fc.record({ op: fc.constant('card' as const), field: fc.constantFrom(...CARD_FIELDS), value: wrongValue, drop: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('edit-existing' as const), which: fc.nat(), field: fc.constantFrom('text', 'kind', 'createdAt', 'anonymous', 'id', 'authorId'), value: wrongValue, drop: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('stage' as const), field: fc.constantFrom('id', 'title', 'description', 'extra'), value: wrongValue, drop: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('group' as const), field: fc.constantFrom('id', 'title', 'stageId'), value: wrongValue, drop: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('comment' as const), field: fc.constantFrom('id', 'cardId', 'text', 'authorId', 'createdAt'), value: wrongValue, drop: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('persona' as const), field: fc.constantFrom('name', 'summary', 'needs', 'pains', 'age', 'emoji', 'extra'), value: wrongValue }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('meta' as const), field: fc.constantFrom('title', 'theme', 'template', 'extra'), value: wrongValue }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('top-level' as const), name: fc.constantFrom('secrets', ...PROTOTYPE_NAMES), value: hostileValue }) },
  { weight: 1, arbitrary: fc.constant({ op: 'valid-card' as const }) },
);

/** What is done to the encoded update before it is sent. */
const byteChange = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ op: 'as-is' as const }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('flip' as const), at: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), to: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 4, maxLength: 4 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('truncate' as const), keep: fc.nat() }) },
  { weight: 1, arbitrary: fc.constant({ op: 'concatenate' as const }) },
  { weight: 1, arbitrary: fc.constant({ op: 'merge-with-valid' as const }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('random' as const), bytes: fc.uint8Array({ maxLength: 64 }) }) },
);

type BoardChange = typeof boardChange extends fc.Arbitrary<infer T> ? T : never;

/** Put a wrong value where a board field belongs, as plain JSON or as a Yjs type. */
function place(map: Y.Map<unknown>, field: string, value: unknown): void {
  if (value === 'ytext') map.set(field, new Y.Text('文字'));
  else if (value === 'ymap') map.set(field, new Y.Map([['x', 1]]));
  else if (value === 'yarray') map.set(field, Y.Array.from([1, 2]));
  else if (value === 'huge') map.set(field, 'あ'.repeat(5000));
  // fast-check's objects have no prototype, which Yjs does not encode: a JSON round trip gives plain ones.
  else map.set(field, JSON.parse(JSON.stringify(value ?? null)) as string);
}

/** An entity map from fields, with one field replaced by a wrong value (or dropped). */
function entity(fields: Record<string, unknown>, field: string, value: unknown, drop: boolean): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(fields)) if (!(drop && k === field)) map.set(k, v);
  if (!drop) place(map, field, value);
  return map;
}

/** Apply a change to `doc` (a copy of the server's board). */
function applyChange(doc: Y.Doc, change: BoardChange, existing: string[]): void {
  const parts = boardParts(doc);
  doc.transact(() => {
    switch (change.op) {
      case 'valid-card': {
        const id = randomUUID();
        parts.cards.set(id, entity(realCard(id), 'id', id, false));
        return;
      }
      case 'card': {
        const id = randomUUID();
        parts.cards.set(id, entity(realCard(id), change.field, change.value, change.drop));
        return;
      }
      case 'edit-existing': {
        const card = parts.cards.get(existing[change.which % existing.length]) as Y.Map<unknown> | undefined;
        if (!card) return;
        // Every change here is one the schema refuses (a pre-written card must come out unchanged):
        // a boolean is a valid `anonymous`, so it becomes a number.
        if (change.drop) card.delete(change.field);
        else place(card, change.field, change.field === 'anonymous' && typeof change.value === 'boolean' ? Number(change.value) : change.value);
        return;
      }
      case 'stage':
        parts.stages.push([entity({ id: `s-${randomUUID().slice(0, 8)}`, title: '段階', description: '' }, change.field, change.value, change.drop)]);
        return;
      case 'group': {
        const id = randomUUID();
        parts.groups.set(id, entity({ id, title: 'グループ' }, change.field, change.value, change.drop));
        return;
      }
      case 'comment': {
        const id = randomUUID();
        parts.comments.set(id, entity({ id, cardId: existing[0], text: 'コメント', authorId: 'facilitator', createdAt: new Date().toISOString() }, change.field, change.value, change.drop));
        return;
      }
      case 'persona':
        place(doc.getMap('persona'), change.field, change.value);
        return;
      case 'meta':
        place(doc.getMap('meta'), change.field, change.value);
        return;
      case 'top-level':
        doc.getMap(change.name).set('k', JSON.parse(JSON.stringify(change.value ?? null)) as string);
        return;
    }
  });
}

describe('hostile Yjs updates from a facilitator and a scribe', () => {
  const test = useTestServer();

  it(
    'refuses malformed cards, stages and bytes whole over a stock y-websocket connection, stores nothing that does not fit, and the session stays readable',
    async () => {
      const world = await createFuzzWorld(test.server);
      for (const s of world.sockets) test.defer(() => s.close());
      const writers = [
        { who: 'facilitator', room: world.main, token: world.facilitatorToken },
        { who: 'facilitator', room: world.table, token: world.facilitatorToken },
        { who: 'scribe', room: world.table, token: world.scribe.token },
      ];
      // The cards written before the run (three on the main board, one at the table) are targets of refused edits only.
      const existing = new Map([
        [world.main, world.before.slice(0, 3).map((c) => c.id)],
        [world.table, world.before.slice(3).map((c) => c.id)],
      ]);
      // What the server should hold: its boards as they started, with every update it accepted
      // applied as sent. A mutated update can be a valid write too (a flipped byte deleting an
      // optional field of another card): accepted, it must be stored exactly; refused, not at all.
      const models = new Map<string, Y.Doc>();
      for (const room of [world.main, world.table]) {
        const reader = connectBoard(test.server.url, room, world.facilitatorToken);
        await whenSynced(reader.provider);
        const model = new Y.Doc();
        Y.applyUpdate(model, Y.encodeStateAsUpdate(reader.doc));
        models.set(room, model);
        reader.destroy();
      }
      const outcomes = new Map<string, number>();
      const settings = fuzzSettings(60);
      await fc.assert(
        fc.asyncProperty(fc.nat(), boardChange, byteChange, async (w, change, bytes) => {
          const writer = writers[w % writers.length];
          const board = connectBoard(test.server.url, writer.room, writer.token);
          try {
            await whenSynced(board.provider);
            const closed = new Promise<number>((resolve) => board.provider.on('connection-close', (e: CloseEvent | null) => resolve(e?.code ?? -1)));
            // The change is made on a copy of the board, so its bytes can be mutated before the stock provider's socket sends them.
            const copy = new Y.Doc();
            Y.applyUpdate(copy, Y.encodeStateAsUpdate(board.doc));
            const updates: Uint8Array[] = [];
            copy.on('update', (u: Uint8Array) => updates.push(u));
            try {
              applyChange(copy, change, existing.get(writer.room)!);
            } catch {
              // Yjs itself cannot encode the value (an object whose own `constructor` is not Object's): no client can send it.
              return;
            }
            const valid = new Y.Doc();
            Y.applyUpdate(valid, Y.encodeStateAsUpdate(board.doc));
            const validUpdates: Uint8Array[] = [];
            valid.on('update', (u: Uint8Array) => validUpdates.push(u));
            applyChange(valid, { op: 'valid-card' }, []);
            const update = updates.length > 0 ? Y.mergeUpdates(updates) : new Uint8Array([0, 0]);
            let sent: Uint8Array;
            switch (bytes.op) {
              case 'as-is':
                sent = update;
                break;
              case 'flip':
                sent = Uint8Array.from(update);
                bytes.at.forEach((at, i) => (sent[at % sent.length] = bytes.to[i]));
                break;
              case 'truncate':
                sent = update.slice(0, bytes.keep % Math.max(1, update.length));
                break;
              case 'concatenate':
                sent = Uint8Array.from([...validUpdates[0], ...update]);
                break;
              case 'merge-with-valid':
                sent = Y.mergeUpdates([validUpdates[0], update]);
                break;
              case 'random':
                sent = bytes.bytes;
                break;
            }
            const ws = board.provider.ws!;
            const answered = new Promise<'answered'>((resolve) =>
              ws.addEventListener('message', (event: MessageEvent) => {
                if (new Uint8Array(event.data as ArrayBuffer)[0] === 1) resolve('answered');
              }),
            );
            ws.send(syncUpdateFrame(sent));
            ws.send(QUERY_AWARENESS);
            const result = await Promise.race([answered, closed.then((code) => `closed ${code}`)]);
            if (result === 'answered') Y.applyUpdate(models.get(writer.room)!, sent);
            const key = `${change.op}/${bytes.op}: ${result}`;
            outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
          } finally {
            board.destroy();
          }
        }),
        settings,
      );

      // What was accepted fits the board schema: every stored entity reads back, none is skipped.
      for (const room of [world.main, world.table]) {
        const reader = connectBoard(test.server.url, room, world.facilitatorToken);
        try {
          await whenSynced(reader.provider);
          const skipped: unknown[] = [];
          readCards(reader.doc, (s) => skipped.push(s));
          readStages(reader.doc, (s) => skipped.push(s));
          readGroups(reader.doc, (s) => skipped.push(s));
          expect(skipped, `stored on ${room} though it does not fit the board schema (seed ${settings.seed}); outcomes ${JSON.stringify([...outcomes])}`).toEqual([]);
        } finally {
          reader.destroy();
        }
      }
      const modelled = new Map([...models.values()].flatMap((model) => readCards(model)).map((c) => [c.id, c]));
      // What was accepted is stored as sent: the boards equal the model, card for card.
      for (const [room, model] of models) {
        const reader = connectBoard(test.server.url, room, world.facilitatorToken);
        try {
          await whenSynced(reader.provider);
          expect(readCards(reader.doc), `the cards on ${room} (seed ${settings.seed})`).toEqual(readCards(model));
        } finally {
          reader.destroy();
        }
      }
      await expectSessionReadable(world, settings.seed, world.before.map((c) => modelled.get(c.id)));
    },
    fuzzTimeout(90_000),
  );
});
