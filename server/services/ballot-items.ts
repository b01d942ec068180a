import * as Y from 'yjs';
import { boardParts } from '../../shared/board/model';
import type { BallotItem } from '../../shared/schemas/consensus';
import { AppError } from '../errors';

/**
 * The cards or groups a vote or poll is about, labelled as they read now (so results and the
 * report keep the wording people voted on even if the card is edited later).
 */
export function readBallotItems(doc: Y.Doc, itemIds: string[]): BallotItem[] {
  const { cards, groups } = boardParts(doc);
  const unique = [...new Set(itemIds)];
  return unique.map((id) => {
    const card = cards.get(id);
    if (card instanceof Y.Map) return { id, label: String(card.get('text') ?? ''), kind: 'card' as const };
    const group = groups.get(id);
    if (group instanceof Y.Map) return { id, label: String(group.get('title') ?? ''), kind: 'group' as const };
    throw new AppError('bad_request', `no card or group ${id} on this board`);
  });
}
