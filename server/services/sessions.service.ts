import { randomInt, randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import { initBoard } from '../../shared/board/model';
import { findTemplate } from '../../shared/board/templates';
import { type Language, translate, type TextKey } from '../../shared/i18n';
import type { BoardRef, CreateSessionInput, JoinInput, JoinResult, SessionView } from '../../shared/schemas/api';
import { appendUpdate } from '../../db/repositories/doc-store.repository';
import { findLiveAccessToken, insertAccessToken } from '../../db/repositories/access-tokens.repository';
import { findUserById } from '../../db/repositories/users.repository';
import {
  type BoardRow,
  findBoardByRoom,
  findOpenSessionByJoinCode,
  findParticipantById,
  findSessionById,
  insertBoards,
  insertParticipant,
  insertSession,
  listBoards,
  listSessions,
  type SessionRow,
} from '../../db/repositories/sessions.repository';
import { type Actor, can, type SessionTarget, type TokenActor, type UserActor } from '../auth/policy';
import { hashToken, newToken } from '../auth/tokens';
import { AppError } from '../errors';
import type { ServiceContext } from './context';
import { recordAudit } from './audit.service';

/** A session as the facilitator's screens see it. */
export function presentSession(ctx: ServiceContext, row: SessionRow, boards: BoardRow[], lang: Language): SessionView {
  return {
    id: row.id,
    title: row.title,
    template: row.template,
    status: row.status,
    joinCode: row.join_code,
    joinUrl: `${ctx.publicUrl}/j/${row.join_code}`,
    qrUrl: `/api/sessions/${row.id}/qr.svg`,
    boards: presentBoards(boards, lang),
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

function presentBoards(boards: BoardRow[], lang: Language): BoardRef[] {
  return boards.map((b) => ({ room: b.room, name: translate(lang, b.name_key as TextKey) }));
}

/**
 * Create a session from a template: its row, a join code, and one board room per template
 * board, each stored with its starting content so a room is never empty.
 */
export async function createSession(ctx: ServiceContext, actor: UserActor, input: CreateSessionInput, lang: Language): Promise<SessionView> {
  if (!can(actor, 'sessions:create')) throw new AppError('forbidden', 'only facilitators create sessions');
  const template = findTemplate(input.template);
  if (!template) throw new AppError('bad_request', `unknown template ${input.template}`);
  const now = ctx.now().toISOString();
  const view = await ctx.db.transaction().execute(async (trx) => {
    let joinCode = '';
    for (let tries = 0; tries < 20 && !joinCode; tries++) {
      const candidate = String(randomInt(0, 1_000_000)).padStart(6, '0');
      if (!(await findOpenSessionByJoinCode(trx, candidate))) joinCode = candidate;
    }
    if (!joinCode) throw new AppError('conflict', 'no free join code; close old sessions');
    const row: SessionRow = {
      id: randomUUID(),
      title: input.title,
      template: template.id,
      join_code: joinCode,
      status: 'open',
      created_by: actor.userId,
      created_at: now,
    };
    await insertSession(trx, row);
    const boards: BoardRow[] = template.boards.map((b, position) => ({
      room: `${row.id}.${b.key}`,
      session_id: row.id,
      name_key: b.nameKey,
      position,
    }));
    await insertBoards(trx, boards);
    for (const board of boards) {
      const doc = new Y.Doc();
      initBoard(doc, { title: input.title, template: template.id, stages: template.stages });
      await appendUpdate(trx, board.room, Y.encodeStateAsUpdate(doc), now);
      doc.destroy();
    }
    return presentSession(ctx, row, boards, lang);
  });
  await recordAudit(ctx, actor, 'session.create', { sessionId: view.id, detail: { title: view.title, template: view.template } });
  return view;
}

/** A session the actor may manage, or `not_found` / `forbidden`. */
export async function getManagedSession(ctx: ServiceContext, actor: UserActor, sessionId: string): Promise<SessionRow> {
  const row = await findSessionById(ctx.db, sessionId);
  if (!row) throw new AppError('not_found', 'no such session');
  if (!can(actor, 'session:manage', { sessionId: row.id, createdBy: row.created_by })) {
    throw new AppError('forbidden', 'not your session');
  }
  return row;
}

/** One session, for its facilitator or an admin. */
export async function getSessionView(ctx: ServiceContext, actor: UserActor, sessionId: string, lang: Language): Promise<SessionView> {
  const row = await getManagedSession(ctx, actor, sessionId);
  return presentSession(ctx, row, await listBoards(ctx.db, row.id), lang);
}

/** The sessions an actor can see: all for an admin, their own for a facilitator. */
export async function listSessionViews(ctx: ServiceContext, actor: UserActor, lang: Language): Promise<SessionView[]> {
  const rows = await listSessions(ctx.db, actor.role === 'admin' ? undefined : actor.userId);
  return Promise.all(rows.map(async (row) => presentSession(ctx, row, await listBoards(ctx.db, row.id), lang)));
}

/** A facilitator token for the facilitator's own sockets (y-websocket and socket.io). */
export async function issueFacilitatorToken(ctx: ServiceContext, actor: UserActor, sessionId: string): Promise<string> {
  const row = await getManagedSession(ctx, actor, sessionId);
  const token = newToken();
  const now = ctx.now();
  await insertAccessToken(ctx.db, {
    token_hash: hashToken(token),
    session_id: row.id,
    role: 'facilitator',
    participant_id: null,
    user_id: actor.userId,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + ctx.config.loginHours * 3600_000).toISOString(),
    revoked_at: null,
  });
  await recordAudit(ctx, actor, 'session.token', { sessionId: row.id });
  return token;
}

/** A participant joins with the session's code: no account, a name (or none) and a sector. */
export async function joinSession(ctx: ServiceContext, input: JoinInput, lang: Language): Promise<JoinResult> {
  const session = await findOpenSessionByJoinCode(ctx.db, input.joinCode);
  if (!session) throw new AppError('not_found', 'no open session has this code');
  const now = ctx.now();
  const participantId = randomUUID();
  const token = newToken();
  await ctx.db.transaction().execute(async (trx) => {
    await insertParticipant(trx, {
      id: participantId,
      session_id: session.id,
      display_name: input.displayName,
      organization_type: input.organizationType,
      anonymous: input.displayName === '' ? 1 : 0,
      created_at: now.toISOString(),
    });
    await insertAccessToken(trx, {
      token_hash: hashToken(token),
      session_id: session.id,
      role: 'participant',
      participant_id: participantId,
      user_id: null,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + ctx.config.participantTokenHours * 3600_000).toISOString(),
      revoked_at: null,
    });
  });
  return {
    sessionId: session.id,
    participantId,
    token,
    displayName: input.displayName,
    organizationType: input.organizationType,
    title: session.title,
    boards: presentBoards(await listBoards(ctx.db, session.id), lang),
  };
}

/** The actor behind a session access token, or null if it is unknown, expired or revoked. */
export async function resolveAccessToken(ctx: ServiceContext, token: string): Promise<TokenActor | null> {
  if (!token || token.length > 200) return null;
  const row = await findLiveAccessToken(ctx.db, hashToken(token), ctx.now().toISOString());
  if (!row) return null;
  const base = { kind: 'token' as const, sessionId: row.session_id, role: row.role, participantId: row.participant_id, userId: row.user_id };
  if (row.participant_id) {
    const p = await findParticipantById(ctx.db, row.participant_id);
    if (!p) return null;
    return { ...base, displayName: p.display_name, organizationType: p.organization_type };
  }
  const user = row.user_id ? await findUserById(ctx.db, row.user_id) : undefined;
  return { ...base, displayName: user?.display_name ?? '', organizationType: null };
}

/** What a token holder may see of their session: title and boards. */
export async function describeAccess(ctx: ServiceContext, actor: TokenActor, lang: Language) {
  const session = await findSessionById(ctx.db, actor.sessionId);
  if (!session) throw new AppError('not_found', 'no such session');
  return {
    sessionId: session.id,
    title: session.title,
    status: session.status,
    role: actor.role,
    participantId: actor.participantId,
    displayName: actor.displayName,
    organizationType: actor.organizationType,
    boards: presentBoards(await listBoards(ctx.db, session.id), lang),
  };
}

/** The board behind a room name, if the actor may open it; else `not_found` / `forbidden`. */
export async function authorizeRoom(
  ctx: ServiceContext,
  actor: Actor,
  room: string,
): Promise<{ board: BoardRow; target: SessionTarget; canWrite: boolean }> {
  const board = await findBoardByRoom(ctx.db, room);
  if (!board) throw new AppError('not_found', 'no such board');
  const session = await findSessionById(ctx.db, board.session_id);
  if (!session) throw new AppError('not_found', 'no such board');
  const target = { sessionId: session.id, createdBy: session.created_by };
  if (!can(actor, 'board:read', target)) throw new AppError('forbidden', 'this board belongs to another session');
  return { board, target, canWrite: can(actor, 'board:write-direct', target) };
}
