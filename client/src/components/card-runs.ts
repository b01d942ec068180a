/*
 * A long column of cards is split into runs of consecutive cards, each its own element, so the
 * browser lays out, and checks against the screen (`content-visibility: auto`), a few dozen runs
 * rather than a thousand cards, and React compares a run's cards only when that run changed.
 * A card is moved to another run as little as possible, because moving it re-creates its
 * element (and loses an editor open on it).
 */

/** Consecutive cards of a column under one key. */
export interface CardRun<C> {
  key: number;
  cards: C[];
  /** The index of the run's first card in the column. */
  start: number;
}

/**
 * Returns a function that splits a column's cards, in order, into runs of `size` cards, and on
 * later calls keeps each card in the run it was in: a card added in the middle joins the run
 * around it, one added at the end fills the last run and then starts a new one, and a card
 * removed moves nobody. A run that grows past twice `size` is split. A run whose cards are all
 * unchanged keeps its `cards` array, so a memoised run renders nothing again.
 */
export function createRunSplitter<C extends { id: string }>(size: number): (cards: readonly C[]) => CardRun<C>[] {
  let runOf = new Map<string, number>();
  let previous = new Map<number, C[]>();
  let nextKey = 0;

  return (cards) => {
    const runs: CardRun<C>[] = [];
    const used = new Set<number>();
    let current: CardRun<C> | undefined;
    const open = (key: number, start: number) => {
      current = { key, cards: [], start };
      used.add(key);
      runs.push(current);
      return current;
    };
    cards.forEach((card, index) => {
      const before = runOf.get(card.id);
      let run = current;
      if (before !== undefined && before !== run?.key && !used.has(before)) run = open(before, index);
      else if (!run) run = open(nextKey++, index);
      else if (run.cards.length >= 2 * size) run = open(nextKey++, index);
      else if (before !== run.key && run.cards.length >= size) {
        // A card new to this run: in the middle of the run (the next card stays in it) it joins, at its end it starts the next.
        const next = cards[index + 1];
        if (!next || runOf.get(next.id) !== run.key) run = open(nextKey++, index);
      }
      run.cards.push(card);
    });
    runOf = new Map(runs.flatMap((run) => run.cards.map((card) => [card.id, run.key] as const)));
    for (const run of runs) {
      const old = previous.get(run.key);
      if (old && old.length === run.cards.length && old.every((card, i) => card === run.cards[i])) run.cards = old;
    }
    previous = new Map(runs.map((run) => [run.key, run.cards]));
    return runs;
  };
}
