import { randomUUID } from 'node:crypto';
import { readPersona, readStages, readCards, readGroups, replacePrep } from '../../shared/board/model';
import type { Rollup } from '../../shared/schemas/consensus';
import type { TableMode } from '../../shared/board/templates';
import type { Language } from '../../shared/i18n';
import type { SessionView } from '../../shared/schemas/api';
import {
  countParticipantsByRoom,
  deleteBoard,
  findParticipantById,
  insertParticipant,
  listBoards,
  listParticipants,
  updateBoard,
  updateParticipant,
  updateSession,
} from '../../db/repositories/sessions.repository';
import type { TokenActor, UserActor } from '../auth/policy';
import { AppError } from '../errors';
import { recordAudit } from './audit.service';
import type { ServiceContext } from './context';
import { requireOpenSession } from './control.service';
import { assertOfferedInSpace } from './space-organization-types.service';
import { boardName, createBoard, getManagedSession, getSessionView } from './sessions.service';
import { logSkipped } from '../rooms/skipped';

type Db = ServiceContext['db'];

/** The table with the fewest participants (first such in order), for `assign` sessions. */
export async function pickTableForNewcomer(db: Db, sessionId: string): Promise<string | null> {
  const tables = (await listBoards(db, sessionId)).filter((b) => b.kind === 'table');
  if (tables.length === 0) return null;
  const counts = await countParticipantsByRoom(db, sessionId);
  let best = tables[0];
  for (const table of tables) if ((counts.get(table.room) ?? 0) < (counts.get(best.room) ?? 0)) best = table;
  return best.room;
}

/**
 * Set a session's tables: rename the existing ones in order, add new ones (copying the main
 * board's persona and journey), and remove surplus ones only when nobody sits there and they
 * hold no card. With `assign`, participants without a table are seated.
 */
export async function setTables(
  ctx: ServiceContext,
  actor: UserActor,
  sessionId: string,
  input: { mode: TableMode; tables: { name: string; theme: string }[] },
  lang: Language,
): Promise<SessionView> {
  const session = await getManagedSession(ctx, actor, sessionId);
  const boards = await listBoards(ctx.db, session.id);
  const main = boards.find((b) => b.kind === 'main');
  const existing = boards.filter((b) => b.kind === 'table');
  const prep = main
    ? await ctx.rooms.withRoom(main.room, (room) => ({ stages: readStages(room.doc, logSkipped(ctx.log, room.name)), persona: readPersona(room.doc) }))
    : { stages: [], persona: undefined };
  const counts = await countParticipantsByRoom(ctx.db, session.id);
  for (const surplus of existing.slice(input.tables.length)) {
    const cards = await ctx.rooms.withRoom(surplus.room, (room) => readCards(room.doc, logSkipped(ctx.log, room.name)).length);
    if (cards > 0 || (counts.get(surplus.room) ?? 0) > 0) {
      throw new AppError('conflict', `table ${surplus.name ?? surplus.room} has cards or people; it cannot be removed`);
    }
  }
  const now = ctx.now().toISOString();
  const used = new Set(boards.map((b) => b.room));
  await ctx.db.transaction().execute(async (trx) => {
    for (const surplus of existing.slice(input.tables.length)) await deleteBoard(trx, surplus.room);
    for (const [i, table] of input.tables.entries()) {
      const current = existing[i];
      if (current) {
        await updateBoard(trx, current.room, { name: table.name, theme: table.theme, position: i + 1 });
        continue;
      }
      let n = i + 1;
      while (used.has(`${session.id}.t${n}`)) n++;
      const room = `${session.id}.t${n}`;
      used.add(room);
      await createBoard(
        trx,
        { room, sessionId: session.id, nameKey: 'board.table', name: table.name, kind: 'table', theme: table.theme, position: i + 1 },
        { title: session.title, template: session.template, stages: prep.stages, persona: prep.persona },
        now,
      );
    }
    await updateSession(trx, session.id, { table_mode: input.tables.length === 0 ? 'none' : input.mode });
    if (input.mode === 'assign') {
      for (const p of await listParticipants(trx, session.id)) {
        if (!p.room) await updateParticipant(trx, p.id, { room: await pickTableForNewcomer(trx, session.id) });
      }
    }
  });
  await recordAudit(ctx, actor, 'session.tables', { sessionId: session.id, detail: { mode: input.mode, tables: input.tables.length } });
  ctx.events.emit('session:changed', { sessionId: session.id });
  return getSessionView(ctx, actor, session.id, lang);
}

/** Copy the main board's persona and journey to every table (after the facilitator edited them). */
export async function copyPrepToTables(ctx: ServiceContext, actor: UserActor, sessionId: string): Promise<number> {
  const session = await getManagedSession(ctx, actor, sessionId);
  const boards = await listBoards(ctx.db, session.id);
  const main = boards.find((b) => b.kind === 'main');
  if (!main) throw new AppError('not_found', 'the session has no main board');
  const prep = await ctx.rooms.withRoom(main.room, (room) => ({ stages: readStages(room.doc, logSkipped(ctx.log, room.name)), persona: readPersona(room.doc) }));
  const tables = boards.filter((b) => b.kind === 'table');
  for (const table of tables) {
    await ctx.rooms.withRoom(table.room, async (room) => {
      await room.run(() => room.change((doc) => replacePrep(doc, prep.persona, prep.stages)));
      await room.stored();
    });
  }
  return tables.length;
}

/** A participant sits at a table of their choice, when the session lets them choose. */
export async function chooseTable(ctx: ServiceContext, actor: TokenActor, room: string): Promise<void> {
  if (actor.role !== 'participant' || !actor.participantId) throw new AppError('forbidden', 'only participants choose a table');
  const boards = await listBoards(ctx.db, actor.sessionId);
  const table = boards.find((b) => b.room === room && b.kind === 'table');
  if (!table) throw new AppError('not_found', 'no such table');
  const session = await requireOpenSession(ctx.db, actor.sessionId);
  if (session.table_mode !== 'choose') throw new AppError('forbidden', 'tables are assigned by the facilitator');
  await updateParticipant(ctx.db, actor.participantId, { room });
  ctx.events.emit('participant:changed', { sessionId: actor.sessionId, participantId: actor.participantId });
}

/** The facilitator seats a participant at a table (or takes them off every table). */
export async function seatParticipant(ctx: ServiceContext, actor: UserActor, sessionId: string, participantId: string, room: string | null): Promise<void> {
  const session = await getManagedSession(ctx, actor, sessionId);
  const participant = await findParticipantById(ctx.db, participantId);
  if (!participant || participant.session_id !== session.id) throw new AppError('not_found', 'no such participant');
  if (room !== null && !(await listBoards(ctx.db, session.id)).some((b) => b.room === room && b.kind === 'table')) {
    throw new AppError('not_found', 'no such table');
  }
  await updateParticipant(ctx.db, participantId, { room });
  ctx.events.emit('participant:changed', { sessionId: session.id, participantId });
}

/** Appoint (or relieve) a table scribe: they may then write their table's board directly. */
export async function setScribe(ctx: ServiceContext, actor: TokenActor, participantId: string, scribe: boolean): Promise<void> {
  if (actor.role !== 'facilitator') throw new AppError('forbidden', 'only the facilitator appoints scribes');
  await requireOpenSession(ctx.db, actor.sessionId);
  const participant = await findParticipantById(ctx.db, participantId);
  if (!participant || participant.session_id !== actor.sessionId) throw new AppError('not_found', 'no such participant');
  await updateParticipant(ctx.db, participantId, { scribe: scribe ? 1 : 0 });
  await recordAudit(ctx, actor, 'participant.scribe', { sessionId: actor.sessionId, target: participantId, detail: { scribe } });
  ctx.events.emit('participant:changed', { sessionId: actor.sessionId, participantId, permissions: true });
}

/** Register someone without a phone, so the facilitator can write cards for them. */
export async function addProxyParticipant(
  ctx: ServiceContext,
  actor: UserActor,
  sessionId: string,
  input: { displayName: string; organizationType: string; room?: string },
): Promise<{ id: string }> {
  const session = await getManagedSession(ctx, actor, sessionId);
  if (input.room && !(await listBoards(ctx.db, session.id)).some((b) => b.room === input.room)) throw new AppError('not_found', 'no such table');
  await assertOfferedInSpace(ctx, session.space_id, input.organizationType);
  const id = randomUUID();
  await insertParticipant(ctx.db, {
    id,
    session_id: session.id,
    display_name: input.displayName,
    organization_type: input.organizationType,
    anonymous: input.displayName === '' ? 1 : 0,
    created_at: ctx.now().toISOString(),
    room: input.room ?? null,
    proxy: 1,
  });
  await recordAudit(ctx, actor, 'participant.proxy', { sessionId: session.id, target: id });
  ctx.events.emit('session:changed', { sessionId: session.id });
  return { id };
}

/**
 * Every table's visible cards, grouped by the table's journey stages (cards on no stage last),
 * with the table's groups: what the main board shows at the share-out. Read tolerantly: an
 * entity that does not fit the schema is skipped and logged.
 */
export async function readRollup(ctx: ServiceContext, actor: TokenActor, lang: Language): Promise<Rollup> {
  const tables = (await listBoards(ctx.db, actor.sessionId)).filter((b) => b.kind === 'table');
  const out: Rollup['tables'] = [];
  for (const table of tables) {
    out.push(
      await ctx.rooms.withRoom(table.room, (room) =>
        room.read(() => {
          const skip = logSkipped(ctx.log, room.name);
          const stages = readStages(room.doc, skip);
          const cards = readCards(room.doc, skip)
            .filter((c) => !c.hidden)
            .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
          const known = new Set(stages.map((s) => s.id));
          const view = (c: (typeof cards)[number]) => ({ id: c.id, kind: c.kind, text: c.text, ...(c.groupId ? { groupId: c.groupId } : {}) });
          const byStage = stages.map((s) => ({ stageId: s.id as string | null, title: s.title, cards: cards.filter((c) => c.stageId === s.id).map(view) }));
          const loose = cards.filter((c) => !c.stageId || !known.has(c.stageId));
          if (loose.length > 0) byStage.push({ stageId: null, title: '', cards: loose.map(view) });
          const groups = readGroups(room.doc, skip).map((g) => ({ id: g.id, title: g.title, cardIds: cards.filter((c) => c.groupId === g.id).map((c) => c.id) }));
          return { room: table.room, name: boardName(table, lang), stages: byStage, groups };
        }),
      ),
    );
  }
  return { tables: out };
}
