import { randomInt, randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import { initBoard, type Persona, readPersona, readStages, type Stage } from '../../shared/board/model';
import type { Phase, SessionTemplate } from '../../shared/board/templates';
import { type Language, translate, type TextKey } from '../../shared/i18n';
import type { BoardRef, CreateSessionInput, SessionView } from '../../shared/schemas/api';
import { phasesSchema } from '../../shared/schemas/control';
import { appendUpdate } from '../../db/repositories/doc-store.repository';
import { deleteSessionData, revokeSessionTokens } from '../../db/repositories/session-removal.repository';
import {
  type BoardRow,
  findOpenSessionByJoinCode,
  findSessionById,
  insertBoards,
  insertSession,
  listBoards,
  type SessionRow,
  updateSession,
} from '../../db/repositories/sessions.repository';
import { can, type SessionTarget, type UserActor } from '../auth/policy';
import { AppError } from '../errors';
import { recordAudit } from './audit.service';
import type { ServiceContext } from './context';
import { resolveTemplate } from './templates.service';
import { readSpaceSettings, resolveWorkingSpace, scopedSessions } from './spaces.service';
import { logSkipped } from '../rooms/skipped';
import { sessionPhases, sessionSurvey } from './stored-json';

type Db = ServiceContext['db'];

/** The phases stored on a session row. */
export function parsePhases(ctx: Pick<ServiceContext, 'log'>, row: { id: string; phases: string }): Phase[] {
  return sessionPhases.decode(ctx.log, row.id, row.phases);
}

/** The display name of a board: its own name, or the translated name of its key. */
export function boardName(board: BoardRow, lang: Language): string {
  return board.name ?? translate(lang, board.name_key as TextKey);
}

export function presentBoards(boards: BoardRow[], lang: Language): BoardRef[] {
  return boards.map((b) => ({ room: b.room, name: boardName(b, lang), kind: b.kind, theme: b.theme }));
}

/** A session as the facilitator's screens see it. */
export function presentSession(ctx: ServiceContext, row: SessionRow, boards: BoardRow[], lang: Language): SessionView {
  return {
    id: row.id,
    title: row.title,
    theme: row.theme,
    template: row.template,
    status: row.status,
    joinCode: row.join_code,
    joinUrl: `${ctx.publicUrl}/j/${row.join_code}`,
    qrUrl: `/api/sessions/${row.id}/qr.svg`,
    tableMode: row.table_mode,
    phases: parsePhases(ctx, row),
    boards: presentBoards(boards, lang),
    createdAt: row.created_at,
    createdBy: row.created_by,
    venue: row.venue,
    heldOn: row.held_on ?? row.created_at.slice(0, 10),
    series: row.series,
    closedAt: row.closed_at,
    participantCap: row.participant_cap,
    spaceId: row.space_id,
  };
}

/** Store a new board room with its starting content, so a room never starts empty. */
export async function createBoard(
  db: Db,
  board: { room: string; sessionId: string; nameKey: string; name: string | null; kind: 'main' | 'table'; theme: string; position: number },
  content: { title: string; template: string; stages: Stage[]; persona?: Partial<Persona> },
  now: string,
): Promise<void> {
  await insertBoards(db, [
    { room: board.room, session_id: board.sessionId, name_key: board.nameKey, name: board.name, kind: board.kind, theme: board.theme, position: board.position },
  ]);
  const doc = new Y.Doc();
  initBoard(doc, { ...content, theme: board.theme });
  await appendUpdate(db, board.room, Y.encodeStateAsUpdate(doc), now);
  doc.destroy();
}

/** A six-digit join code no open session uses. */
export async function freeJoinCode(db: Db): Promise<string> {
  for (let tries = 0; tries < 20; tries++) {
    const candidate = String(randomInt(0, 1_000_000)).padStart(6, '0');
    if (!(await findOpenSessionByJoinCode(db, candidate))) return candidate;
  }
  throw new AppError('conflict', 'no free join code; close old sessions');
}

/** The persona and journey of an earlier session's main board, to start a new one from. */
async function prepFrom(ctx: ServiceContext, actor: UserActor, sessionId: string): Promise<{ stages: Stage[]; persona: Persona; theme: string }> {
  const earlier = await getManagedSession(ctx, actor, sessionId);
  const main = (await listBoards(ctx.db, earlier.id)).find((b) => b.kind === 'main');
  if (!main) throw new AppError('not_found', 'the earlier session has no board');
  return ctx.rooms.withRoom(main.room, (room) => ({ stages: readStages(room.doc, logSkipped(ctx.log, room.name)), persona: readPersona(room.doc), theme: earlier.theme }));
}

/**
 * Create a session from a template: its row, a join code, a main board and the template's
 * tables, each stored with its starting content. `copyFrom` takes persona, journey and theme
 * from an earlier session instead of the template's.
 */
export async function createSession(ctx: ServiceContext, actor: UserActor, input: CreateSessionInput, lang: Language): Promise<SessionView> {
  const space = await resolveWorkingSpace(ctx, actor, input.spaceId);
  if (!can(actor, 'sessions:create', { spaceId: space.id })) throw new AppError('forbidden', 'only facilitators create sessions');
  const template: SessionTemplate = await resolveTemplate(ctx, input.template, actor, space.id);
  const copied = input.copyFrom ? await prepFrom(ctx, actor, input.copyFrom) : null;
  const stages = copied?.stages ?? template.stages;
  const persona = copied?.persona ?? template.persona;
  const theme = input.theme ?? copied?.theme ?? '';
  const now = ctx.now().toISOString();
  const id = randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    await insertSession(trx, {
      id,
      title: input.title,
      template: template.id,
      join_code: await freeJoinCode(trx),
      status: 'open',
      created_by: actor.userId,
      created_at: now,
      theme,
      table_mode: template.tableMode,
      phases: sessionPhases.encode(template.phases),
      control: '{}',
      survey: sessionSurvey.encode(template.survey ?? readSpaceSettings(ctx, space).surveyDefaults),
      space_id: space.id,
    });
    const content = { title: input.title, template: template.id, stages, persona };
    await createBoard(trx, { room: `${id}.main`, sessionId: id, nameKey: 'board.main', name: null, kind: 'main', theme, position: 0 }, content, now);
    for (const [i, table] of template.tables.entries()) {
      const board = { room: `${id}.t${i + 1}`, sessionId: id, nameKey: 'board.table', name: table.name, kind: 'table' as const, theme: table.theme ?? '', position: i + 1 };
      await createBoard(trx, board, content, now);
    }
  });
  const view = await getSessionView(ctx, actor, id, lang);
  await recordAudit(ctx, actor, 'session.create', { sessionId: id, detail: { title: view.title, template: view.template } });
  return view;
}

/** The policy's view of a session row. */
export function sessionTarget(row: SessionRow): SessionTarget {
  return { sessionId: row.id, createdBy: row.created_by, spaceId: row.space_id };
}

/**
 * A session the actor may manage, or `not_found` (also when it lies in a space the actor does
 * not work in: another space's sessions are not revealed) / `forbidden`.
 */
export async function getManagedSession(ctx: ServiceContext, actor: UserActor, sessionId: string): Promise<SessionRow> {
  const row = await findSessionById(ctx.db, sessionId);
  if (!row || !can(actor, 'space:read', { spaceId: row.space_id })) throw new AppError('not_found', 'no such session');
  if (!can(actor, 'session:manage', sessionTarget(row))) {
    throw new AppError('forbidden', 'not your session');
  }
  return row;
}

/** One session, for its facilitator or an admin. */
export async function getSessionView(ctx: ServiceContext, actor: UserActor, sessionId: string, lang: Language): Promise<SessionView> {
  const row = await getManagedSession(ctx, actor, sessionId);
  return presentSession(ctx, row, await listBoards(ctx.db, row.id), lang);
}

/** The sessions an actor can see in its spaces (or only `spaceId`): all for admin and secretariat, their own for a facilitator. */
export async function listSessionViews(ctx: ServiceContext, actor: UserActor, lang: Language, spaceId?: string): Promise<SessionView[]> {
  const rows = await scopedSessions(ctx, actor, spaceId);
  return Promise.all(rows.map(async (row) => presentSession(ctx, row, await listBoards(ctx.db, row.id), lang)));
}

/** Change a session's title or theme. */
export async function patchSession(
  ctx: ServiceContext,
  actor: UserActor,
  sessionId: string,
  patch: { title?: string; theme?: string; venue?: string; heldOn?: string | null; series?: string; participantCap?: number },
  lang: Language,
): Promise<SessionView> {
  const row = await getManagedSession(ctx, actor, sessionId);
  const { heldOn, participantCap, ...rest } = patch;
  await updateSession(ctx.db, row.id, {
    ...rest,
    ...(heldOn === undefined ? {} : { held_on: heldOn }),
    ...(participantCap === undefined ? {} : { participant_cap: participantCap }),
  });
  ctx.events.emit('session:changed', { sessionId: row.id });
  return getSessionView(ctx, actor, row.id, lang);
}

/** Replace a session's programme (phases and durations). The current phase index is clamped. */
export async function setPhases(ctx: ServiceContext, actor: UserActor, sessionId: string, phases: Phase[], lang: Language): Promise<SessionView> {
  const row = await getManagedSession(ctx, actor, sessionId);
  await updateSession(ctx.db, row.id, { phases: sessionPhases.encode(phases) });
  ctx.events.emit('session:changed', { sessionId: row.id });
  return getSessionView(ctx, actor, row.id, lang);
}

/**
 * Delete a session (a test run, a duplicate): its tokens are revoked and their sockets cut, its
 * rooms dropped from memory without a last snapshot, then its stored boards, archive, search
 * text, figures and follow-up actions are removed. The audit log keeps a line naming it.
 */
export async function deleteSession(ctx: ServiceContext, actor: UserActor, sessionId: string): Promise<void> {
  const row = await getManagedSession(ctx, actor, sessionId);
  const rooms = (await listBoards(ctx.db, row.id)).map((b) => b.room);
  const revoked = await revokeSessionTokens(ctx.db, row.id, ctx.now().toISOString());
  if (revoked.length > 0) ctx.events.emit('access:revoked', { sessionIds: [row.id], tokenHashes: revoked });
  for (const room of rooms) await ctx.rooms.discard(room);
  await ctx.db.transaction().execute((trx) => deleteSessionData(trx, row.id, rooms));
  await recordAudit(ctx, actor, 'session.delete', { sessionId: row.id, target: row.id, detail: { title: row.title, heldOn: row.held_on, rooms: rooms.length } });
}
