import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkUpdate } from '../../server/rooms/update-check';
import { putCard } from '../../shared/board/model';

const limits = { maxContentChars: 100 };

const card = (id: string, text: string) => ({ id, kind: 'idea' as const, text, authorId: 'p1', anonymous: false, createdAt: '2026-12-01T09:00:00.000Z' });

function serverDocWithCard() {
  const server = new Y.Doc();
  putCard(server, card('a', 'first'));
  return server;
}

/** A client doc that starts from the server's state and records its next update. */
function clientOf(server: Y.Doc) {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const updates: Uint8Array[] = [];
  client.on('update', (u: Uint8Array) => updates.push(u));
  return { client, updates };
}

describe('checkUpdate', () => {
  it('accepts an update that follows the document and says whether it adds anything', () => {
    const server = serverDocWithCard();
    const { client, updates } = clientOf(server);
    putCard(client, card('b', 'second'));
    expect(checkUpdate(server, updates[0], limits)).toEqual({ ok: true, noop: false });
    Y.applyUpdate(server, updates[0]);
    expect(checkUpdate(server, updates[0], limits)).toEqual({ ok: true, noop: true });
    expect(checkUpdate(server, Y.encodeStateAsUpdate(client, Y.encodeStateVector(server)), limits)).toEqual({ ok: true, noop: true });
  });

  it('treats a reconnecting reader whose delete set the server already has as a no-op', () => {
    const server = serverDocWithCard();
    server.getMap('cards').delete('a');
    const { client } = clientOf(server);
    const step2 = Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));
    expect(checkUpdate(server, step2, limits)).toEqual({ ok: true, noop: true });
  });

  it('sees a new deletion as a change', () => {
    const server = serverDocWithCard();
    const { client, updates } = clientOf(server);
    client.getMap('cards').delete('a');
    expect(checkUpdate(server, updates[0], limits)).toEqual({ ok: true, noop: false });
  });

  it('sees a deletion that reaches past what is already deleted as a change', () => {
    const server = new Y.Doc();
    server.getText('comments').insert(0, 'abcdef');
    const { client, updates } = clientOf(server);
    server.getText('comments').delete(2, 2);
    client.getText('comments').delete(1, 4);
    expect(checkUpdate(server, updates[0], limits)).toEqual({ ok: true, noop: false });
    Y.applyUpdate(server, updates[0]);
    expect(checkUpdate(server, updates[0], limits)).toEqual({ ok: true, noop: true });
  });

  it('refuses truncated and random bytes as malformed', () => {
    const server = serverDocWithCard();
    const { client, updates } = clientOf(server);
    putCard(client, card('b', 'second'));
    const update = updates[0];
    for (let cut = 1; cut < update.length; cut++) {
      const result = checkUpdate(server, update.slice(0, cut), limits);
      expect(result.ok, `cut at ${cut}`).toBe(false);
    }
    expect(checkUpdate(server, new Uint8Array([255, 255, 255, 255, 255]), limits).ok).toBe(false);
  });

  it('refuses an update with a gap in a client clock', () => {
    const server = serverDocWithCard();
    const { client, updates } = clientOf(server);
    putCard(client, card('b', 'one'));
    putCard(client, card('c', 'two'));
    expect(checkUpdate(server, updates[1], limits)).toMatchObject({ ok: false, reason: 'missing_dependency' });
  });

  it('refuses deletions of structs the document has never seen', () => {
    const server = serverDocWithCard();
    const other = new Y.Doc();
    other.getMap('cards').set('x', 'y');
    other.getMap('cards').delete('x');
    const onlyDeletes = Y.encodeStateAsUpdate(other, Y.encodeStateVector(other));
    expect(checkUpdate(server, onlyDeletes, limits)).toMatchObject({ ok: false, reason: 'missing_dependency' });
  });

  it('refuses unknown top-level types, sub-documents and oversized values', () => {
    const server = serverDocWithCard();
    const a = clientOf(server);
    a.client.getMap('secrets').set('k', 'v');
    expect(checkUpdate(server, a.updates[0], limits)).toMatchObject({ ok: false, reason: 'schema' });
    const b = clientOf(server);
    b.client.getMap('cards').set('sub', new Y.Doc());
    expect(checkUpdate(server, b.updates[0], limits)).toMatchObject({ ok: false, reason: 'schema' });
    const c = clientOf(server);
    c.client.getMap('cards').set('big', 'x'.repeat(101));
    expect(checkUpdate(server, c.updates[0], limits)).toMatchObject({ ok: false, reason: 'too_large' });
    const d = clientOf(server);
    const text = new Y.Text();
    d.client.getMap('persona').set('summary', text);
    text.insert(0, 'y'.repeat(101));
    expect(checkUpdate(server, Y.mergeUpdates(d.updates), limits)).toMatchObject({ ok: false, reason: 'too_large' });
  });
});

describe('checkUpdate on what follows an update', () => {
  it('refuses a valid update followed by bytes Yjs would ignore (and store with it)', () => {
    const server = serverDocWithCard();
    const { client, updates } = clientOf(server);
    putCard(client, card('b', 'second'));
    const padded = new Uint8Array([...updates[0], 0, 1, 2, 3]);
    expect(checkUpdate(server, updates[0], limits)).toEqual({ ok: true, noop: false });
    expect(checkUpdate(server, padded, limits)).toMatchObject({ ok: false, reason: 'malformed' });
  });
});
