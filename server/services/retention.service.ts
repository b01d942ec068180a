import * as Y from 'yjs';
import { boardParts } from '../../shared/board/model';
import { eraseArchivedNames } from '../../db/repositories/archive.repository';
import { listBoards, listParticipants, listSessions, updateParticipant } from '../../db/repositories/sessions.repository';
import { recordAudit } from './audit.service';
import type { ServiceContext } from './context';

/**
 * Personal information protection: once a session has been closed for `days` days, erase the
 * display names of its participants (in the participant table, the archive and the board
 * documents). Organisation types and every count stay, so the figures of old reports do not
 * change. Returns how many sessions were touched.
 */
export async function eraseExpiredNames(ctx: ServiceContext, days: number): Promise<number> {
  const cutoff = new Date(ctx.now().getTime() - days * 86_400_000).toISOString();
  const due = (await listSessions(ctx.db)).filter((s) => s.status === 'closed' && s.closed_at !== null && s.closed_at <= cutoff);
  let touched = 0;
  for (const session of due) {
    const named = (await listParticipants(ctx.db, session.id)).filter((p) => p.display_name !== '');
    let changed = named.length > 0;
    await ctx.db.transaction().execute(async (trx) => {
      for (const p of named) await updateParticipant(trx, p.id, { display_name: '', anonymous: 1 });
      await eraseArchivedNames(trx, [session.id]);
    });
    for (const board of await listBoards(ctx.db, session.id)) {
      const erased = await ctx.rooms.withRoom(board.room, async (room) => {
        const changed = await room.run(() =>
          room.change((doc) => {
            boardParts(doc).cards.forEach((card) => {
              if (card instanceof Y.Map && card.has('authorName')) card.delete('authorName');
            });
          }),
        );
        await room.stored();
        return changed;
      });
      changed ||= erased;
    }
    if (changed) {
      touched += 1;
      await recordAudit(ctx, null, 'retention.erase', { sessionId: session.id, detail: { participants: named.length } });
    }
  }
  return touched;
}
