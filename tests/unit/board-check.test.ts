import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkUpdate } from '../../server/rooms/update-check';
import { boardParts, initBoard, putCard, readCards, readStages } from '../../shared/board/model';
import { BOARD_SCHEMA } from '../../shared/board/schema';

const limits = { maxContentChars: 20_000 };
const card = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  kind: 'idea' as const,
  text: 'こども食堂の場所が分からない',
  authorId: 'p1',
  anonymous: false,
  createdAt: '2026-12-01T09:00:00.000Z',
  ...extra,
});

/** A board as the server holds it: template content and one card. */
function serverBoard() {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'こども食堂', template: 'community-lab', stages: [{ id: 'know', title: '知る', description: '' }] });
  putCard(doc, card('c1'));
  return doc;
}

/** What a facilitator's client would send after `edit`: one update against the server's state. */
function writeOn(server: Y.Doc, edit: (doc: Y.Doc) => void): Uint8Array {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  edit(client);
  return Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));
}

/** A card's Y.Map with these fields exactly, as a hostile client might build it. */
function rawCard(fields: Record<string, unknown>) {
  const map = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(fields)) map.set(key, value);
  return map;
}

describe('the board schema on a direct write', () => {
  it('accepts what the facilitator client writes: a card, a group, a stage, persona text', () => {
    const server = serverBoard();
    const update = writeOn(server, (doc) => {
      const parts = boardParts(doc);
      doc.transact(() => {
        putCard(doc, card('c2', { stageId: 'know', hidden: true }));
        parts.groups.set('g1', rawCard({ id: 'g1', title: '居場所', stageId: 'know' }));
        parts.cards.get('c1')!.set('groupId', 'g1');
        parts.stages.push([rawCard({ id: 'visit', title: '行ってみる', description: '' })]);
        (parts.persona.get('summary') as Y.Text).insert(0, '一人暮らしの高齢者');
        parts.persona.set('age', '72');
      });
    });
    expect(checkUpdate(server, update, limits)).toEqual({ ok: true, noop: false });
  });

  it.each([
    ['text is an object', { text: { evil: true } }],
    ['text is a number', { text: 42 }],
    ['kind is not a card kind', { kind: 'spam' }],
    ['anonymous is a string', { anonymous: 'yes' }],
    ['createdAt is not a time', { createdAt: 'yesterday' }],
    ['an unknown field', { score: 3 }],
    ['text is longer than a card holds', { text: 'あ'.repeat(1001) }],
  ])('refuses a new card whose %s', (_what, extra) => {
    const server = serverBoard();
    const update = writeOn(server, (doc) => boardParts(doc).cards.set('c2', rawCard(card('c2', extra))));
    expect(checkUpdate(server, update, limits)).toMatchObject({ ok: false, reason: 'schema' });
  });

  it('refuses a new card with no createdAt, and one whose id differs from its key', () => {
    const server = serverBoard();
    const { createdAt: _, ...noTime } = card('c2');
    expect(checkUpdate(server, writeOn(server, (doc) => boardParts(doc).cards.set('c2', rawCard(noTime))), limits)).toMatchObject({ ok: false, reason: 'schema' });
    expect(checkUpdate(server, writeOn(server, (doc) => boardParts(doc).cards.set('c2', rawCard(card('other')))), limits)).toMatchObject({ ok: false, reason: 'schema' });
  });

  it('refuses a card that is not a map, and a map nested in a card', () => {
    const server = serverBoard();
    expect(checkUpdate(server, writeOn(server, (doc) => boardParts(doc).cards.set('c2', 'text' as never)), limits)).toMatchObject({ ok: false, reason: 'schema' });
    expect(checkUpdate(server, writeOn(server, (doc) => boardParts(doc).cards.get('c1')!.set('text', new Y.Map())), limits)).toMatchObject({ ok: false, reason: 'schema' });
  });

  it('refuses changing an existing card to a wrong type, and accepts a right one', () => {
    const server = serverBoard();
    expect(checkUpdate(server, writeOn(server, (doc) => boardParts(doc).cards.get('c1')!.set('text', 7)), limits)).toMatchObject({ ok: false, reason: 'schema' });
    expect(checkUpdate(server, writeOn(server, (doc) => boardParts(doc).cards.get('c1')!.set('hidden', 'yes')), limits)).toMatchObject({ ok: false, reason: 'schema' });
    expect(checkUpdate(server, writeOn(server, (doc) => boardParts(doc).cards.get('c1')!.set('text', '見守りが足りない')), limits)).toEqual({ ok: true, noop: false });
  });

  it('refuses removing a required field of a card, and accepts removing the card', () => {
    const server = serverBoard();
    expect(checkUpdate(server, writeOn(server, (doc) => boardParts(doc).cards.get('c1')!.delete('createdAt')), limits)).toMatchObject({ ok: false, reason: 'schema' });
    expect(checkUpdate(server, writeOn(server, (doc) => boardParts(doc).cards.get('c1')!.delete('hidden')), limits)).toEqual({ ok: true, noop: true });
    expect(checkUpdate(server, writeOn(server, (doc) => boardParts(doc).cards.delete('c1')), limits)).toEqual({ ok: true, noop: false });
  });

  it('refuses a stage whose title is a number, and a stage put into a keyed map', () => {
    const server = serverBoard();
    expect(checkUpdate(server, writeOn(server, (doc) => boardParts(doc).stages.push([rawCard({ id: 's2', title: 5 })])), limits)).toMatchObject({ ok: false, reason: 'schema' });
    expect(checkUpdate(server, writeOn(server, (doc) => (boardParts(doc).stages.get(0) as Y.Map<unknown>).set('title', 5)), limits)).toMatchObject({ ok: false, reason: 'schema' });
    expect(checkUpdate(server, writeOn(server, (doc) => boardParts(doc).stages.push(['plain' as never])), limits)).toMatchObject({ ok: false, reason: 'schema' });
  });

  it('refuses a persona field of the wrong kind and meta keys the board does not have', () => {
    const server = serverBoard();
    expect(checkUpdate(server, writeOn(server, (doc) => boardParts(doc).persona.set('summary', 'plain string')), limits)).toMatchObject({ ok: false, reason: 'schema' });
    expect(checkUpdate(server, writeOn(server, (doc) => boardParts(doc).persona.set('age', 72)), limits)).toMatchObject({ ok: false, reason: 'schema' });
    expect(checkUpdate(server, writeOn(server, (doc) => boardParts(doc).meta.set('__proto__', 'x')), limits)).toMatchObject({ ok: false, reason: 'schema' });
    expect(checkUpdate(server, writeOn(server, (doc) => boardParts(doc).meta.set('title', { x: 1 })), limits)).toMatchObject({ ok: false, reason: 'schema' });
  });

  it('refuses persona text grown past its limit, counting what is there already', () => {
    const server = serverBoard();
    const max = BOARD_SCHEMA.persona.spec.summary.max;
    Y.applyUpdate(server, writeOn(server, (doc) => (boardParts(doc).persona.get('summary') as Y.Text).insert(0, 'あ'.repeat(max - 10))));
    expect(checkUpdate(server, writeOn(server, (doc) => (boardParts(doc).persona.get('summary') as Y.Text).insert(0, 'い'.repeat(10))), limits)).toEqual({ ok: true, noop: false });
    expect(checkUpdate(server, writeOn(server, (doc) => (boardParts(doc).persona.get('summary') as Y.Text).insert(0, 'い'.repeat(11))), limits)).toMatchObject({ ok: false, reason: 'too_large' });
  });

  it('refuses more stages than a board holds', () => {
    const server = serverBoard();
    const max = BOARD_SCHEMA.stages.max;
    const fill = (n: number) => (doc: Y.Doc) => boardParts(doc).stages.push(Array.from({ length: n }, (_, i) => rawCard({ id: `s${i}`, title: `段階${i}` })));
    expect(checkUpdate(server, writeOn(server, fill(max - 1)), limits)).toEqual({ ok: true, noop: false });
    expect(checkUpdate(server, writeOn(server, fill(max)), limits)).toMatchObject({ ok: false, reason: 'too_large' });
  });

  it('refuses more groups than a board holds, counting only those still there', () => {
    const server = serverBoard();
    const max = BOARD_SCHEMA.groups.max;
    const groups = boardParts(server).groups;
    const addGroups = (from: number, n: number) => (doc: Y.Doc) =>
      doc.transact(() => {
        for (let i = from; i < from + n; i++) boardParts(doc).groups.set(`g${i}`, rawCard({ id: `g${i}`, title: `グループ${i}` }) as never);
      });
    Y.applyUpdate(server, writeOn(server, addGroups(0, max - 1)));
    expect(groups.size).toBe(max - 1);
    expect(checkUpdate(server, writeOn(server, addGroups(max - 1, 2)), limits)).toMatchObject({ ok: false, reason: 'too_large' });
    // A removed group leaves its key behind as a tombstone; it no longer counts.
    Y.applyUpdate(server, writeOn(server, (doc) => boardParts(doc).groups.delete('g0')));
    expect(checkUpdate(server, writeOn(server, addGroups(max - 1, 2)), limits)).toEqual({ ok: true, noop: false });
    expect(checkUpdate(server, writeOn(server, addGroups(max - 1, 3)), limits)).toMatchObject({ ok: false, reason: 'too_large' });
  });

  it('places an item by its origin when the update omits its parent, as Yjs does', () => {
    const server = serverBoard();
    // The second value for `text` carries no parent in the encoding: it sits where its origin is.
    const update = writeOn(server, (doc) => {
      const c1 = boardParts(doc).cards.get('c1')!;
      doc.transact(() => c1.set('text', '一回目'));
      doc.transact(() => c1.set('text', 99));
    });
    expect(checkUpdate(server, update, limits)).toMatchObject({ ok: false, reason: 'schema' });
  });
});

describe('the tolerant readers', () => {
  it('skip and report a stored card or stage that does not fit, and read the rest', () => {
    const doc = serverBoard();
    const parts = boardParts(doc);
    parts.cards.set('bad1', rawCard({ ...card('bad1'), text: { evil: true } }));
    const { createdAt: _, ...noTime } = card('bad2');
    parts.cards.set('bad2', rawCard(noTime));
    parts.stages.push([rawCard({ id: 's2', title: 5 })]);
    const skipped: string[] = [];
    const onSkip = ({ entity, id }: { entity: string; id: string }) => skipped.push(`${entity}:${id}`);
    expect(readCards(doc, onSkip).map((c) => c.id)).toEqual(['c1']);
    expect(readStages(doc, onSkip).map((s) => s.id)).toEqual(['know']);
    expect(skipped.sort()).toEqual(['card:bad1', 'card:bad2', 'stage:1']);
  });
});

describe('structs that wait on each other', () => {
  /** An update of one item whose left origin is the item itself: Yjs would keep it pending for ever. */
  function selfOriginUpdate(): Uint8Array {
    const id = Y.createID(7, 0);
    const item = new Y.Item(id, null, id, null, null, null, null, new Y.ContentAny(['x']));
    // The v1 layout: clients, each with its structs, then the delete set.
    const encoder = new Y.UpdateEncoderV1();
    encoding.writeVarUint(encoder.restEncoder, 1);
    encoding.writeVarUint(encoder.restEncoder, 1);
    encoder.writeClient(id.client);
    encoding.writeVarUint(encoder.restEncoder, id.clock);
    item.write(encoder, 0);
    encoding.writeVarUint(encoder.restEncoder, 0);
    return encoder.toUint8Array();
  }

  it('refuses an item whose origin is itself, on which Yjs throws mid-integration', () => {
    const server = serverBoard();
    const update = selfOriginUpdate();
    expect(checkUpdate(server, update, limits)).toMatchObject({ ok: false, reason: 'missing_dependency' });
    // What it would do if applied: Yjs throws halfway through integrating it.
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(server));
    expect(() => Y.applyUpdate(copy, update)).toThrow();
  });
});

describe('a required field replaced by a value that loses to the one it deletes', () => {
  it('refuses an update whose new text sorts before the live text it deletes, which would leave the card without text', () => {
    const server = serverBoard();
    // A second facilitator's edit makes the live text; their client id is high.
    const second = new Y.Doc();
    second.clientID = 900_000;
    Y.applyUpdate(second, Y.encodeStateAsUpdate(server));
    const before = Y.encodeStateAsUpdate(server);
    boardParts(second).cards.get('c1')!.set('text', '二人目の文');
    Y.applyUpdate(server, Y.encodeStateAsUpdate(second, Y.encodeStateVector(server)));

    // The attacker writes from the state before that edit (a lower client id, so its value sorts
    // first among the two made on the same origin) and adds the deletion of the live value.
    const attacker = new Y.Doc();
    attacker.clientID = 1;
    Y.applyUpdate(attacker, before);
    const vector = Y.encodeStateVector(attacker);
    boardParts(attacker).cards.get('c1')!.set('text', '負ける文');
    const setOld = Y.encodeStateAsUpdate(attacker, vector);
    const full = new Y.Doc();
    Y.applyUpdate(full, Y.encodeStateAsUpdate(server));
    const fullVector = Y.encodeStateVector(full);
    boardParts(full).cards.get('c1')!.delete('text');
    const deleteLive = Y.encodeStateAsUpdate(full, fullVector);
    const crafted = Y.mergeUpdates([setOld, deleteLive]);

    // What it would do: the card loses its text.
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(server));
    Y.applyUpdate(copy, crafted);
    expect(boardParts(copy).cards.get('c1')!.get('text')).toBeUndefined();
    expect(checkUpdate(server, crafted, limits)).toMatchObject({ ok: false, reason: 'schema' });
  });

  it('accepts the ordinary overwrite, whose origin is the live value', () => {
    const server = serverBoard();
    const update = writeOn(server, (doc) => boardParts(doc).cards.get('c1')!.set('text', '書き直した文'));
    expect(checkUpdate(server, update, limits)).toEqual({ ok: true, noop: false });
  });
});
