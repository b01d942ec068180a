import type * as Y from 'yjs';
import { readCard, readCards, readGroup } from '../../shared/board/model';
import type { BallotItem } from '../../shared/schemas/consensus';
import { listBoards, type BoardRow } from '../../db/repositories/sessions.repository';
import { AppError } from '../errors';
import type { ServiceContext } from './context';
import { boardName } from './sessions.service';

/** The item `id` on one board, labelled as it reads now, or undefined when the board lacks it. */
function readBallotItem(doc: Y.Doc, from: { room: string; table?: string }, id: string): BallotItem | undefined {
  const card = readCard(doc, id);
  if (card) return { id, label: card.text, kind: 'card', ...from };
  const group = readGroup(doc, id);
  if (!group) return undefined;
  const cards = readCards(doc)
    .filter((c) => c.groupId === id && !c.hidden)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .map((c) => c.text);
  return { id, label: group.title, kind: 'group', ...from, cards };
}

/**
 * The cards or groups a vote or poll is about, labelled as they read now (so results and the
 * report keep the wording people voted on even if the card is edited later). Each id is looked
 * up on the vote's board first, then on the session's other boards in order: a plenary vote on
 * the main board takes items from every table. An item from a table names it (`table`), and a
 * group carries the texts of its visible cards (`cards`).
 */
export async function readBallotItems(ctx: ServiceContext, board: BoardRow, itemIds: string[]): Promise<BallotItem[]> {
  const unique = [...new Set(itemIds)];
  const found = new Map<string, BallotItem>();
  const boards = (await listBoards(ctx.db, board.session_id)).filter((b) => b.room !== board.room);
  for (const source of [board, ...boards]) {
    const wanted = unique.filter((id) => !found.has(id));
    if (wanted.length === 0) break;
    const from = source.kind === 'table' ? { room: source.room, table: boardName(source, 'ja') } : { room: source.room };
    await ctx.rooms.withRoom(source.room, (room) =>
      room.read(() => {
        for (const id of wanted) {
          const item = readBallotItem(room.doc, from, id);
          if (item) found.set(id, item);
        }
      }),
    );
  }
  return unique.map((id) => {
    const item = found.get(id);
    if (!item) throw new AppError('bad_request', `no card or group ${id} on the boards of this session`);
    return item;
  });
}
