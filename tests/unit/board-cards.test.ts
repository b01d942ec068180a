import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { boardParts, type Card, putCard, readCards, removeCard } from '../../shared/board/model';
import { setCardHidden } from '../../client/src/realtime/board-edit';
import { type BoardCard, trackCards } from '../../client/src/realtime/board';

function card(id: string, createdAt: string, text = id): Card {
  return { id, kind: 'idea', text, authorId: 'p1', anonymous: false, createdAt };
}

/** A document whose card list is followed the way `useBoard` follows it. */
function followed() {
  const doc = new Y.Doc();
  const { cards } = boardParts(doc);
  const tracked = trackCards(cards);
  const seen = { list: [] as BoardCard[], calls: 0 };
  cards.observeDeep((events) => {
    const next = tracked.refresh(tracked.changedIds(events));
    if (next) seen.list = next;
    seen.calls++;
  });
  return { doc, seen };
}

describe('the board card list', () => {
  it('keeps the object of every card whose map did not change, and orders cards as readCards does', () => {
    const { doc, seen } = followed();
    doc.transact(() => {
      for (let i = 0; i < 50; i++) putCard(doc, card(`c${(i * 7) % 50}`, `2026-01-01T00:00:${String(i % 10).padStart(2, '0')}.000Z`));
    });
    expect(seen.list).toEqual(readCards(doc));
    const before = seen.list;

    putCard(doc, card('late', '2026-01-01T00:01:00.000Z'));
    expect(seen.list).not.toBe(before);
    expect(seen.list).toEqual(readCards(doc));
    expect(seen.list.filter((c) => c.id !== 'late').every((c, i) => c === before[i])).toBe(true);
  });

  it('replaces only a card that changed inside, and drops a removed card', () => {
    const { doc, seen } = followed();
    putCard(doc, card('a', '2026-01-01T00:00:01.000Z'));
    putCard(doc, card('b', '2026-01-01T00:00:02.000Z'));
    putCard(doc, card('c', '2026-01-01T00:00:02.000Z'));
    const [a, b, c] = seen.list;

    setCardHidden(doc, 'b', true);
    expect(seen.list[0]).toBe(a);
    expect(seen.list[1]).toMatchObject({ id: 'b', hidden: true });
    expect(seen.list[1]).not.toBe(b);
    expect(seen.list[2]).toBe(c);

    removeCard(doc, 'a');
    expect(seen.list.map((x) => x.id)).toEqual(['b', 'c']);
    expect(seen.list).toEqual(readCards(doc));
  });

  it('reads a board that arrives in one update (the first sync) in one pass', () => {
    const source = new Y.Doc();
    source.transact(() => {
      for (let i = 0; i < 200; i++) putCard(source, card(`id-${i}`, `2026-01-01T00:${String(59 - (i % 60)).padStart(2, '0')}:00.000Z`));
    });
    const { doc, seen } = followed();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(source));
    expect(seen.calls).toBe(1);
    expect(seen.list).toEqual(readCards(doc));
  });
});
