import type * as Y from 'yjs';
import { readCard, readGroup } from '../../shared/board/model';
import type { BallotItem } from '../../shared/schemas/consensus';
import { AppError } from '../errors';

/**
 * The cards or groups a vote or poll is about, labelled as they read now (so results and the
 * report keep the wording people voted on even if the card is edited later).
 */
export function readBallotItems(doc: Y.Doc, itemIds: string[]): BallotItem[] {
  const unique = [...new Set(itemIds)];
  return unique.map((id) => {
    const card = readCard(doc, id);
    if (card) return { id, label: card.text, kind: 'card' as const };
    const group = readGroup(doc, id);
    if (group) return { id, label: group.title, kind: 'group' as const };
    throw new AppError('bad_request', `no card or group ${id} on this board`);
  });
}
