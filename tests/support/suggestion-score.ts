import fixture from '../fixtures/group-suggestions.ja.json';

/** The labelled workshop cards of tests/fixtures/group-suggestions.ja.json. */
export const LABELLED_CARDS: Array<{ id: string; text: string; group: string }> = fixture.cards;

/**
 * Precision and recall of suggested groups over pairs: a pair of cards is suggested when they
 * land in one group, and right when the labels put them in one group.
 */
export function scorePairs(groups: Array<{ cardIds: string[] }>, cards = LABELLED_CARDS) {
  const key = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
  const predicted = new Set<string>();
  for (const g of groups) for (const a of g.cardIds) for (const b of g.cardIds) if (a !== b) predicted.add(key(a, b));
  const truth = new Set<string>();
  for (const a of cards) for (const b of cards) if (a.id !== b.id && a.group === b.group) truth.add(key(a.id, b.id));
  const hits = [...predicted].filter((p) => truth.has(p)).length;
  return { precision: predicted.size === 0 ? 1 : hits / predicted.size, recall: hits / truth.size, suggested: predicted.size, labelled: truth.size };
}
