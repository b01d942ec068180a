import { describe, expect, it } from 'vitest';
import { createRunSplitter } from '../../client/src/components/card-runs';

const cards = (ids: number[]) => ids.map((n) => ({ id: `c${n}` }));
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
/** Each card's run key, by id. */
const keysOf = (runs: ReturnType<ReturnType<typeof createRunSplitter<{ id: string }>>>) =>
  new Map(runs.flatMap((run) => run.cards.map((card) => [card.id, run.key] as const)));

describe('runs of a column of cards', () => {
  it('splits a column into runs of the given size, in order, with where each starts', () => {
    const split = createRunSplitter<{ id: string }>(3);
    const runs = split(cards(range(0, 8)));
    expect(runs.map((run) => run.cards.map((c) => c.id))).toEqual([['c0', 'c1', 'c2'], ['c3', 'c4', 'c5'], ['c6', 'c7']]);
    expect(runs.map((run) => run.start)).toEqual([0, 3, 6]);
  });

  it('moves no card to another run when a card is added at the end, in the middle, or removed', () => {
    const split = createRunSplitter<{ id: string }>(3);
    const column = cards(range(0, 8));
    const first = keysOf(split(column));
    const changes = [
      [...column, ...cards([8, 9])],
      [...column.slice(0, 4), { id: 'new' }, ...column.slice(4)],
      [...column.slice(0, 1), ...column.slice(2)],
    ];
    for (const changed of changes) {
      const runs = split(changed);
      expect(runs.flatMap((run) => run.cards.map((c) => c.id))).toEqual(changed.map((c) => c.id));
      const now = keysOf(runs);
      for (const [id, key] of first) if (now.has(id)) expect(now.get(id)).toBe(key);
    }
  });

  it('fills the last run before it starts another', () => {
    const split = createRunSplitter<{ id: string }>(3);
    split(cards(range(0, 7)));
    expect(split(cards(range(0, 10))).map((run) => run.cards.length)).toEqual([3, 3, 3, 1]);
  });

  it('keeps the array of a run whose cards did not change', () => {
    const split = createRunSplitter<{ id: string }>(3);
    const column = cards(range(0, 7));
    const before = split(column);
    const after = split([...column, { id: 'c7' }]);
    expect(after[0].cards).toBe(before[0].cards);
    expect(after[1].cards).toBe(before[1].cards);
    expect(after[2].cards).not.toBe(before[2].cards);
  });

  it('splits a run that grew past twice its size', () => {
    const split = createRunSplitter<{ id: string }>(2);
    const column = cards(range(0, 4));
    split(column);
    // One card at a time between c0 and c1: each joins the run around it (the next card stays
    // in it), so the run grows until it passes twice its size and must be split.
    let grown = split(column);
    for (let n = 1; n <= 5; n++) {
      const changed = [column[0], ...cards(range(10, 10 + n)), ...column.slice(1)];
      grown = split(changed);
      expect(grown.flatMap((run) => run.cards.map((c) => c.id))).toEqual(changed.map((c) => c.id));
    }
    expect(grown.map((run) => run.cards.map((c) => c.id))).toEqual([['c0', 'c10', 'c11', 'c12'], ['c13', 'c14'], ['c1'], ['c2', 'c3']]);
  });
});
