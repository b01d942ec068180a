import type { CardKind } from '../../../../shared/schemas/cards';
import type { BallotItem, VoteState } from '../../../../shared/schemas/consensus';
import type { BoardCard } from '../../realtime/board';
import { type BoardGroup, groupOf } from '../../realtime/groups';

/** Something a vote, poll or decision can be about: a card or a group of one board. */
export interface Candidate extends BallotItem {
  /** The card's kind (cards only). */
  cardKind?: CardKind;
  /** Cards in the group (groups only). */
  size?: number;
}

/** The groups that hold at least one visible card, and the visible cards, as candidates. */
export function boardCandidates(cards: BoardCard[], groups: BoardGroup[]): { groups: Candidate[]; cards: Candidate[] } {
  const visible = cards.filter((card) => !card.hidden);
  const known = new Set(groups.map((g) => g.id));
  const sizes = new Map<string, number>();
  for (const card of visible) {
    const group = groupOf(card, known);
    if (group) sizes.set(group, (sizes.get(group) ?? 0) + 1);
  }
  return {
    groups: groups.filter((g) => sizes.has(g.id)).map((g) => ({ id: g.id, label: g.title, kind: 'group', size: sizes.get(g.id) })),
    cards: visible.map((card) => ({ id: card.id, label: card.text, kind: 'card', cardKind: card.kind })),
  };
}

/**
 * The items of a new vote: the groups (when chosen) and the visible cards of the chosen kinds.
 * With groups chosen, a card in a group is voted on through its group, not twice.
 */
export function voteItems(cards: BoardCard[], groups: BoardGroup[], kinds: ReadonlySet<CardKind>, withGroups: boolean): Candidate[] {
  const known = new Set(groups.map((g) => g.id));
  const all = boardCandidates(cards, groups);
  const inGroup = new Set(cards.filter((card) => groupOf(card, known)).map((card) => card.id));
  const cardItems = all.cards.filter((c) => c.cardKind && kinds.has(c.cardKind) && !(withGroups && inGroup.has(c.id)));
  return [...(withGroups ? all.groups : []), ...cardItems];
}

type Revealed = Extract<VoteState, { status: 'revealed' }>;

/**
 * The items a poll starts with after a vote: the top three with dots, and any tied with the
 * third, up to five.
 */
export function topItems(results: Revealed['results']): string[] {
  const ranked = results.filter((r) => r.dots > 0);
  const third = ranked[2]?.dots;
  return ranked.filter((r, i) => i < 3 || (third !== undefined && r.dots === third)).slice(0, 5).map((r) => r.itemId);
}

/** The board new votes, polls and decisions are about, as the facilitator's panel reads it. */
export interface BoardContent {
  room: string;
  boardName: string;
  cards: BoardCard[];
  groups: BoardGroup[];
  /**
   * On the main board of a session with tables (a plenary vote, poll or decision): the table each
   * card or group of another board comes from, by id.
   */
  origin?: ReadonlyMap<string, { room: string; table: string }>;
}
