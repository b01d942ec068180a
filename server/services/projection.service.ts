import { type Persona, readCards, readGroups, readPersona, readStages, type Stage } from '../../shared/board/model';
import type { Language } from '../../shared/i18n';
import { listArchivedBoards, listArchivedCards, listArchivedGroups, replaceArchive } from '../../db/repositories/archive.repository';
import { listDecisions, listActions } from '../../db/repositories/outcomes.repository';
import { findOpenSessionByJoinCode, listBoards, type SessionRow, updateSession } from '../../db/repositories/sessions.repository';
import type { UserActor } from '../auth/policy';
import { AppError } from '../errors';
import { recordAudit } from './audit.service';
import type { ServiceContext } from './context';
import { boardName, getManagedSession } from './sessions.service';
import { logSkipped } from '../rooms/skipped';
import { archivedPersona, archivedStages } from './stored-json';
import { indexArchivedSession } from './search.service';

/** A board as the archive keeps it. */
export interface ProjectedBoard {
  room: string;
  name: string;
  kind: 'main' | 'table';
  theme: string;
  persona: Persona;
  stages: Stage[];
}
export interface ProjectedCard {
  room: string;
  id: string;
  kind: string;
  text: string;
  stageId: string | null;
  groupId: string | null;
  authorId: string;
  authorName: string;
  organizationType: string;
  createdAt: string;
  /** The facilitator hid it: kept in the archive, left out of the report (see report.service). */
  hidden: boolean;
}
export interface ProjectedGroup {
  room: string;
  id: string;
  title: string;
  stageId: string | null;
}
/** The relational picture of a session's boards, from the Yjs documents (the source of truth). */
export interface SessionProjection {
  boards: ProjectedBoard[];
  cards: ProjectedCard[];
  groups: ProjectedGroup[];
}

/** Project the live boards of a session (hidden cards are kept, with their flag: the report decides what to show). */
export async function projectLive(ctx: ServiceContext, session: SessionRow, lang: Language = 'ja'): Promise<SessionProjection> {
  const projection: SessionProjection = { boards: [], cards: [], groups: [] };
  for (const board of await listBoards(ctx.db, session.id)) {
    await ctx.rooms.withRoom(board.room, (room) =>
      room.read(() => {
        projection.boards.push({ room: board.room, name: boardName(board, lang), kind: board.kind, theme: board.theme, persona: readPersona(room.doc), stages: readStages(room.doc, logSkipped(ctx.log, room.name)) });
        for (const card of readCards(room.doc, logSkipped(ctx.log, room.name))) {
          projection.cards.push({
            room: board.room,
            id: card.id,
            kind: card.kind,
            text: card.text,
            stageId: card.stageId ?? null,
            groupId: card.groupId ?? null,
            authorId: card.authorId ?? '',
            authorName: card.anonymous ? '' : (card.authorName ?? ''),
            organizationType: card.organizationType ?? '',
            createdAt: card.createdAt ?? '',
            hidden: card.hidden === true,
          });
        }
        projection.groups.push(...readGroups(room.doc, logSkipped(ctx.log, room.name)).map((g) => ({ room: board.room, id: g.id, title: g.title, stageId: g.stageId ?? null })));
      }),
    );
  }
  return projection;
}

/** The projection stored by the latest close. */
export async function readArchivedProjection(ctx: ServiceContext, sessionId: string): Promise<SessionProjection> {
  const [boards, cards, groups] = await Promise.all([listArchivedBoards(ctx.db, sessionId), listArchivedCards(ctx.db, sessionId), listArchivedGroups(ctx.db, sessionId)]);
  return {
    boards: boards.map((b) => ({ room: b.room, name: b.name, kind: b.kind as 'main' | 'table', theme: b.theme, persona: archivedPersona.decode(ctx.log, b.room, b.persona), stages: archivedStages.decode(ctx.log, b.room, b.stages) })),
    cards: cards.map((c) => ({
      room: c.room,
      id: c.card_id,
      kind: c.kind,
      text: c.text,
      stageId: c.stage_id,
      groupId: c.group_id,
      authorId: c.author_id,
      authorName: c.author_name,
      organizationType: c.organization_type,
      createdAt: c.created_at,
      hidden: c.hidden === 1,
    })),
    groups: groups.map((g) => ({ room: g.room, id: g.group_id, title: g.title, stageId: g.stage_id })),
  };
}

/** The projection a report should use: the archive of a closed session, else the live boards. */
export async function projectionFor(ctx: ServiceContext, session: SessionRow): Promise<SessionProjection> {
  return session.status === 'closed' ? readArchivedProjection(ctx, session.id) : projectLive(ctx, session);
}

/**
 * Close a session: freeze its boards into the archive tables, index its text for search, and
 * stop taking joins and writes. Closing again (after a reopen) replaces the archive.
 */
export async function closeSession(ctx: ServiceContext, actor: UserActor, sessionId: string): Promise<void> {
  const session = await getManagedSession(ctx, actor, sessionId);
  const projection = await projectLive(ctx, session);
  const [decisions, actions] = await Promise.all([listDecisions(ctx.db, session.id), listActions(ctx.db, session.id)]);
  const search = [
    { source: 'title', text: `${session.title} ${session.theme} ${session.series} ${session.venue}` },
    ...projection.boards.map((b) => ({ source: 'prep', text: [b.name, b.theme, ...Object.values(b.persona), ...b.stages.map((s) => `${s.title} ${s.description}`)].join(' ') })),
    // A hidden card is moderated away: the archive keeps it, search does not find it.
    ...projection.cards.filter((c) => !c.hidden).map((c) => ({ source: 'card', text: c.text })),
    ...projection.groups.map((g) => ({ source: 'group', text: g.title })),
    ...decisions.map((d) => ({ source: 'decision', text: d.text })),
    ...actions.map((a) => ({ source: 'action', text: `${a.title} ${a.owner_organization}` })),
  ];
  const now = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await replaceArchive(trx, session.id, {
      boards: projection.boards.map((b, position) => ({ session_id: session.id, room: b.room, name: b.name, kind: b.kind, theme: b.theme, persona: archivedPersona.encode(b.persona), stages: archivedStages.encode(b.stages), position })),
      cards: projection.cards.map((c) => ({
        session_id: session.id,
        room: c.room,
        card_id: c.id,
        kind: c.kind,
        text: c.text,
        stage_id: c.stageId,
        group_id: c.groupId,
        author_id: c.authorId,
        author_name: c.authorName,
        organization_type: c.organizationType,
        created_at: c.createdAt,
        hidden: c.hidden ? 1 : 0,
      })),
      groups: projection.groups.map((g) => ({ session_id: session.id, room: g.room, group_id: g.id, title: g.title, stage_id: g.stageId })),
      search,
    });
    await indexArchivedSession(ctx, trx, session.id);
    await updateSession(trx, session.id, { status: 'closed', closed_at: now });
  });
  await recordAudit(ctx, actor, 'session.close', { sessionId: session.id, detail: { cards: projection.cards.length } });
  ctx.events.emit('session:changed', { sessionId: session.id });
}

/** Reopen a closed session. Its join code comes back unless another open session took it. */
export async function reopenSession(ctx: ServiceContext, actor: UserActor, sessionId: string): Promise<void> {
  const session = await getManagedSession(ctx, actor, sessionId);
  if (session.status === 'open') return;
  const taken = await findOpenSessionByJoinCode(ctx.db, session.join_code);
  if (taken) throw new AppError('conflict', 'another open session uses this join code now');
  await updateSession(ctx.db, session.id, { status: 'open' });
  await recordAudit(ctx, actor, 'session.reopen', { sessionId: session.id });
  ctx.events.emit('session:changed', { sessionId: session.id });
}

