/**
 * What a garbage-collected board holds after many card-text edits, and whether editing the text
 * in place (a Y.Text) instead of replacing the card's `text` value keeps it flat.
 *
 *   npx tsx tests/bench/measure-edits.ts [edits=100000] [cards=100] [writers=5]
 *
 * Three ways of editing the same `cards` cards (writers take turns, one transaction per edit,
 * every doc with gc on, as the server's):
 * - `replace`: today's board: the card is a Y.Map and an edit sets its `text` to the new string;
 * - `ytext-diff`: the text is a Y.Text and an edit deletes and inserts only what changed
 *   (common prefix and suffix kept), as an editor would;
 * - `ytext-whole`: the text is a Y.Text and an edit deletes all of it and inserts the new text;
 * - `recreate`: an edit puts a new Y.Map for the card under the same key (the old one deleted
 *   whole, so its items become GC structs that merge).
 * For each: `Y.encodeStateAsUpdate` bytes, structs and delete-set ranges in it, and the time to
 * apply it to a fresh Y.Doc (median of 5). Nothing here changes the board schema.
 */
import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import { putCard } from '../../shared/board/model';
import { cardText } from './clients';

type Mode = 'replace' | 'ytext-diff' | 'ytext-whole' | 'recreate';

/** Replace `from` by `to` in a Y.Text, touching only the changed middle. */
function diffInto(text: Y.Text, from: string, to: string): void {
  let start = 0;
  while (start < from.length && start < to.length && from[start] === to[start]) start++;
  let end = 0;
  while (end < from.length - start && end < to.length - start && from[from.length - 1 - end] === to[to.length - 1 - end]) end++;
  if (from.length - start - end > 0) text.delete(start, from.length - start - end);
  if (to.length - start - end > 0) text.insert(start, to.slice(start, to.length - end));
}

function run(mode: Mode, edits: number, cards: number, writers: number) {
  const docs = Array.from({ length: writers }, () => new Y.Doc({ gc: true }));
  // Every writer's change reaches the others at once, as through a server.
  docs.forEach((doc, i) => doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin === 'relay') return;
    docs.forEach((other, j) => j !== i && Y.applyUpdate(other, update, 'relay'));
  }));
  const ids = Array.from({ length: cards }, () => randomUUID());
  const texts = ids.map((_, n) => cardText(n, 0));
  docs[0].transact(() => {
    ids.forEach((id, n) => {
      putCard(docs[0], { id, kind: 'issue', text: mode === 'replace' || mode === 'recreate' ? texts[n] : '', authorId: 'a', anonymous: true, createdAt: new Date(0).toISOString() });
      if (mode === 'ytext-diff' || mode === 'ytext-whole') (docs[0].getMap('cards').get(id) as Y.Map<unknown>).set('body', new Y.Text(texts[n]));
    });
  });
  for (let e = 0; e < edits; e++) {
    const doc = docs[e % writers];
    const n = e % cards;
    const next = cardText(cards + e, e);
    const card = doc.getMap('cards').get(ids[n]) as Y.Map<unknown>;
    doc.transact(() => {
      if (mode === 'replace') card.set('text', next);
      else if (mode === 'recreate') putCard(doc, { id: ids[n], kind: 'issue', text: next, authorId: 'a', anonymous: true, createdAt: new Date(0).toISOString() });
      else if (mode === 'ytext-whole') {
        const body = card.get('body') as Y.Text;
        body.delete(0, body.length);
        body.insert(0, next);
      } else diffInto(card.get('body') as Y.Text, texts[n], next);
    });
    texts[n] = next;
  }
  const state = Y.encodeStateAsUpdate(docs[0]);
  const decoded = Y.decodeUpdate(state);
  let deleteRanges = 0;
  for (const ranges of decoded.ds.clients.values()) deleteRanges += ranges.length;
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    Y.applyUpdate(new Y.Doc(), state);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  for (const doc of docs) doc.destroy();
  return { bytes: state.byteLength, structs: decoded.structs.length, gcStructs: decoded.structs.filter((s) => s instanceof Y.GC).length, deleteRanges, applyMs: times[2] };
}

const [edits = 100_000, cards = 100, writers = 5] = process.argv.slice(2).map(Number);
process.stdout.write(`${cards} cards of ~240-byte text, ${writers} writers, gc on; edits → encodeStateAsUpdate\n`);
process.stdout.write('| edits | mode | bytes | structs (GC) | delete-set ranges | apply to a fresh doc |\n| --- | --- | --- | --- | --- | --- |\n');
for (const count of [1_000, edits]) {
  for (const mode of ['replace', 'ytext-diff', 'ytext-whole', 'recreate'] as const) {
    const r = run(mode, count, cards, writers);
    process.stdout.write(`| ${count.toLocaleString('en-US')} | ${mode} | ${(r.bytes / 1000).toFixed(1)} kB | ${r.structs.toLocaleString('en-US')} (${r.gcStructs.toLocaleString('en-US')}) | ${r.deleteRanges.toLocaleString('en-US')} | ${r.applyMs.toFixed(1)} ms |\n`);
  }
}
