import { randomUUID } from 'node:crypto';
import type { Language } from '../../shared/i18n';
import type { AccessView, JoinInput, JoinResult } from '../../shared/schemas/api';
import { findLiveAccessToken, insertAccessToken } from '../../db/repositories/access-tokens.repository';
import { findUserById } from '../../db/repositories/users.repository';
import {
  type BoardRow,
  findBoardByRoom,
  findOpenSessionByJoinCode,
  findParticipantById,
  findSessionById,
  insertParticipant,
  listBoards,
  type ParticipantRow,
  type SessionRow,
} from '../../db/repositories/sessions.repository';
import { type Actor, can, type SessionTarget, type TokenActor, type UserActor } from '../auth/policy';
import { hashToken, newToken } from '../auth/tokens';
import { AppError } from '../errors';
import { recordAudit } from './audit.service';
import type { ServiceContext } from './context';
import { getManagedSession, presentBoards } from './sessions.service';
import { pickTableForNewcomer } from './tables.service';

async function issueToken(ctx: ServiceContext, fields: { sessionId: string; role: TokenActor['role']; participantId?: string; userId?: string; hours: number }, db = ctx.db): Promise<string> {
  const token = newToken();
  const now = ctx.now();
  await insertAccessToken(db, {
    token_hash: hashToken(token),
    session_id: fields.sessionId,
    role: fields.role,
    participant_id: fields.participantId ?? null,
    user_id: fields.userId ?? null,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + fields.hours * 3600_000).toISOString(),
    revoked_at: null,
  });
  return token;
}

/** A facilitator token for the facilitator's own sockets (y-websocket and socket.io). */
export async function issueFacilitatorToken(ctx: ServiceContext, actor: UserActor, sessionId: string): Promise<string> {
  const row = await getManagedSession(ctx, actor, sessionId);
  const token = await issueToken(ctx, { sessionId: row.id, role: 'facilitator', userId: actor.userId, hours: ctx.config.loginHours });
  await recordAudit(ctx, actor, 'session.token', { sessionId: row.id });
  return token;
}

/** A read-only token and link for a projector or an observer (valid 7 days). */
export async function issueObserverLink(ctx: ServiceContext, actor: UserActor, sessionId: string): Promise<{ token: string; url: string }> {
  const row = await getManagedSession(ctx, actor, sessionId);
  const token = await issueToken(ctx, { sessionId: row.id, role: 'observer', userId: actor.userId, hours: 24 * 7 });
  await recordAudit(ctx, actor, 'session.observer_link', { sessionId: row.id });
  // The token rides in the fragment, which browsers never send to a server or a proxy log.
  return { token, url: `${ctx.publicUrl}/projector/${row.id}#token=${token}` };
}

/** A participant joins with the session's code: no account, a name (or none) and a sector. */
export async function joinSession(ctx: ServiceContext, input: JoinInput, lang: Language): Promise<JoinResult> {
  const session = await findOpenSessionByJoinCode(ctx.db, input.joinCode);
  if (!session) throw new AppError('not_found', 'no open session has this code');
  const participantId = randomUUID();
  const { token, room } = await ctx.db.transaction().execute(async (trx) => {
    const seat = session.table_mode === 'assign' ? await pickTableForNewcomer(trx, session.id) : null;
    await insertParticipant(trx, {
      id: participantId,
      session_id: session.id,
      display_name: input.displayName,
      organization_type: input.organizationType,
      anonymous: input.displayName === '' ? 1 : 0,
      created_at: ctx.now().toISOString(),
      room: seat,
    });
    const issued = await issueToken(ctx, { sessionId: session.id, role: 'participant', participantId, hours: ctx.config.participantTokenHours }, trx);
    return { token: issued, room: seat };
  });
  ctx.events.emit('session:changed', { sessionId: session.id });
  return {
    sessionId: session.id,
    participantId,
    token,
    displayName: input.displayName,
    organizationType: input.organizationType,
    title: session.title,
    boards: presentBoards(await listBoards(ctx.db, session.id), lang),
    room,
    tableMode: session.table_mode,
    scribe: false,
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

/** What a token holder may see of their session. */
export async function describeAccess(ctx: ServiceContext, actor: TokenActor, lang: Language): Promise<AccessView> {
  const session = await findSessionById(ctx.db, actor.sessionId);
  if (!session) throw new AppError('not_found', 'no such session');
  const participant = actor.participantId ? await findParticipantById(ctx.db, actor.participantId) : undefined;
  return {
    sessionId: session.id,
    title: session.title,
    theme: session.theme,
    status: session.status,
    role: actor.role,
    participantId: actor.participantId,
    displayName: actor.displayName,
    organizationType: actor.organizationType,
    joinCode: session.join_code,
    joinUrl: `${ctx.publicUrl}/j/${session.join_code}`,
    tableMode: session.table_mode,
    boards: presentBoards(await listBoards(ctx.db, session.id), lang),
    room: participant?.room ?? null,
    scribe: participant?.scribe === 1,
  };
}

/** What a room check found: the board, its session, and what the actor may do there. */
export interface RoomAccess {
  board: BoardRow;
  session: SessionRow;
  target: SessionTarget;
  participant: ParticipantRow | undefined;
  /** May write the Yjs document directly (facilitators; a scribe on their own table). */
  canWrite: boolean;
}

/**
 * The board behind a room name, if the actor may open it; else `not_found` / `forbidden`.
 * Participant state (table, scribe) is read fresh, so an appointment takes effect at once.
 */
export async function authorizeRoom(ctx: ServiceContext, actor: Actor, room: string): Promise<RoomAccess> {
  const board = await findBoardByRoom(ctx.db, room);
  if (!board) throw new AppError('not_found', 'no such board');
  const session = await findSessionById(ctx.db, board.session_id);
  if (!session) throw new AppError('not_found', 'no such board');
  const target = { sessionId: session.id, createdBy: session.created_by };
  if (!can(actor, 'board:read', target)) throw new AppError('forbidden', 'this board belongs to another session');
  const participant = actor.kind === 'token' && actor.participantId ? await findParticipantById(ctx.db, actor.participantId) : undefined;
  const scribeHere = participant?.scribe === 1 && (participant.room ? participant.room === board.room : board.kind === 'main');
  // A closed session's boards are frozen: nobody writes them until it is reopened.
  const writer = can(actor, 'board:write-direct', target) || scribeHere;
  return { board, session, target, participant, canWrite: writer && session.status === 'open' };
}
