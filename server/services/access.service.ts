import { randomUUID } from 'node:crypto';
import type { Language } from '../../shared/i18n';
import type { AccessView, JoinInput, JoinResult } from '../../shared/schemas/api';
import { findLiveAccessToken, insertAccessToken, listSessionTokens, revokeTokenByLinkId } from '../../db/repositories/access-tokens.repository';
import { countSessionParticipants } from '../../db/repositories/participants.repository';
import { serializeOn } from '../../db/dialect';
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
import type { JoinThrottle } from '../auth/throttle';
import { AppError } from '../errors';
import { recordAudit } from './audit.service';
import type { ServiceContext } from './context';
import { assertOfferedInSpace } from './space-organization-types.service';
import { getManagedSession, presentBoards, sessionTarget } from './sessions.service';
import { pickTableForNewcomer } from './tables.service';

async function issueToken(
  ctx: ServiceContext,
  fields: { sessionId: string; role: TokenActor['role']; participantId?: string; userId?: string; loginHash?: string; hours: number },
  db = ctx.db,
): Promise<{ token: string; linkId: string; createdAt: string; expiresAt: string }> {
  const token = newToken();
  const now = ctx.now();
  const linkId = randomUUID();
  const expiresAt = new Date(now.getTime() + fields.hours * 3600_000).toISOString();
  await insertAccessToken(db, {
    link_id: linkId,
    login_hash: fields.loginHash ?? null,
    token_hash: hashToken(token),
    session_id: fields.sessionId,
    role: fields.role,
    participant_id: fields.participantId ?? null,
    user_id: fields.userId ?? null,
    created_at: now.toISOString(),
    expires_at: expiresAt,
    revoked_at: null,
  });
  return { token, linkId, createdAt: now.toISOString(), expiresAt };
}

/** A facilitator token for the facilitator's own sockets (y-websocket and socket.io). */
export async function issueFacilitatorToken(ctx: ServiceContext, actor: UserActor, sessionId: string): Promise<string> {
  const row = await getManagedSession(ctx, actor, sessionId);
  // Tied to the login, so logging out revokes it.
  const { token } = await issueToken(ctx, { sessionId: row.id, role: 'facilitator', userId: actor.userId, loginHash: actor.loginHash, hours: ctx.config.loginHours });
  await recordAudit(ctx, actor, 'session.token', { sessionId: row.id });
  return token;
}

/** An observer (projector) link as the facilitator's list shows it: never its token. */
export interface ObserverLinkView {
  id: string;
  createdAt: string;
  expiresAt: string;
  revoked: boolean;
}

/** A read-only token and link for a projector or an observer (valid 7 days, revocable by `id`). */
export async function issueObserverLink(ctx: ServiceContext, actor: UserActor, sessionId: string): Promise<{ id: string; token: string; url: string }> {
  const row = await getManagedSession(ctx, actor, sessionId);
  const { token, linkId } = await issueToken(ctx, { sessionId: row.id, role: 'observer', userId: actor.userId, hours: 24 * 7 });
  await recordAudit(ctx, actor, 'session.observer_link', { sessionId: row.id, target: linkId });
  // The token rides in the fragment, which browsers never send to a server or a proxy log.
  return { id: linkId, token, url: `${ctx.publicUrl}/projector/${row.id}#token=${token}` };
}

/** Every observer link of a session, newest first, with whether it was revoked. */
export async function listObserverLinks(ctx: ServiceContext, actor: UserActor, sessionId: string): Promise<ObserverLinkView[]> {
  const row = await getManagedSession(ctx, actor, sessionId);
  return (await listSessionTokens(ctx.db, row.id, 'observer')).map((t) => ({
    id: t.link_id ?? '',
    createdAt: t.created_at,
    expiresAt: t.expires_at,
    revoked: t.revoked_at !== null,
  }));
}

/** Revoke an observer link: the projector's sockets are cut at once (4401 / `session:revoked`). */
export async function revokeObserverLink(ctx: ServiceContext, actor: UserActor, sessionId: string, linkId: string): Promise<void> {
  const row = await getManagedSession(ctx, actor, sessionId);
  const link = (await listSessionTokens(ctx.db, row.id, 'observer')).find((t) => t.link_id === linkId);
  if (!link) throw new AppError('not_found', 'no such observer link');
  const hashes = await revokeTokenByLinkId(ctx.db, row.id, linkId, ctx.now().toISOString());
  if (hashes.length > 0) ctx.events.emit('access:revoked', { sessionIds: [row.id], tokenHashes: hashes });
  await recordAudit(ctx, actor, 'session.observer_revoke', { sessionId: row.id, target: linkId });
}

/** Where a join comes from, and the wrong-code budgets it is counted against. */
export interface JoinAttempt {
  address: string;
  throttle: JoinThrottle;
}

/**
 * `POST /api/join` with its limits: the attempt is counted before the code is looked up (429
 * only when wrong codes spent the budget and this code has not admitted anyone from the
 * address), a right code gives the attempt back, a wrong one waits a little longer each time.
 */
export async function joinWithCode(ctx: ServiceContext, input: JoinInput, lang: Language, attempt: JoinAttempt): Promise<JoinResult> {
  await attempt.throttle.begin(attempt.address, input.joinCode);
  const session = await findOpenSessionByJoinCode(ctx.db, input.joinCode);
  if (!session) {
    await attempt.throttle.wrong(attempt.address);
    throw new AppError('not_found', 'no open session has this code');
  }
  await attempt.throttle.admitted(attempt.address, input.joinCode);
  return joinSession(ctx, input, lang);
}

/**
 * A participant joins with the session's code: no account, a name (or none) and a sector. A
 * browser that joined before sends its token as `rejoinToken` and gets the same identity back,
 * so one person is one participant however often they join; a new identity past the session's
 * cap is refused with `session_full`.
 */
export async function joinSession(ctx: ServiceContext, input: JoinInput, lang: Language): Promise<JoinResult> {
  const session = await findOpenSessionByJoinCode(ctx.db, input.joinCode);
  if (!session) throw new AppError('not_found', 'no open session has this code');
  const returning = input.rejoinToken ? await findRejoiner(ctx, input.rejoinToken, session.id) : undefined;
  const { participant, token } = returning ?? (await admitNewcomer(ctx, session, input));
  if (!returning) ctx.events.emit('session:changed', { sessionId: session.id });
  return {
    sessionId: session.id,
    participantId: participant.id,
    token,
    displayName: participant.display_name,
    organizationType: participant.organization_type,
    title: session.title,
    boards: presentBoards(await listBoards(ctx.db, session.id), lang),
    room: participant.room,
    tableMode: session.table_mode,
    scribe: participant.scribe === 1,
  };
}

/** The identity behind a rejoin token, if it is a live participant token of this session. */
async function findRejoiner(ctx: ServiceContext, token: string, sessionId: string): Promise<{ participant: ParticipantRow; token: string } | undefined> {
  const actor = await resolveAccessToken(ctx, token);
  if (!actor || actor.sessionId !== sessionId || actor.role !== 'participant' || !actor.participantId) return undefined;
  const participant = await findParticipantById(ctx.db, actor.participantId);
  return participant ? { participant, token } : undefined;
}

/** A new identity, if the session has room for one (counted and inserted under one lock). */
async function admitNewcomer(ctx: ServiceContext, session: SessionRow, input: JoinInput): Promise<{ participant: ParticipantRow; token: string }> {
  await assertOfferedInSpace(ctx, session.space_id, input.organizationType);
  return ctx.db.transaction().execute(async (trx) => {
    await serializeOn(trx, `join:${session.id}`);
    if ((await countSessionParticipants(trx, session.id)) >= session.participant_cap) {
      throw new AppError('session_full', `this session is full (${session.participant_cap} participants); the facilitator can raise the limit`);
    }
    const seat = session.table_mode === 'assign' ? await pickTableForNewcomer(trx, session.id) : null;
    const participant: ParticipantRow = {
      id: randomUUID(),
      session_id: session.id,
      display_name: input.displayName,
      organization_type: input.organizationType,
      anonymous: input.displayName === '' ? 1 : 0,
      created_at: ctx.now().toISOString(),
      room: seat,
      scribe: 0,
      proxy: 0,
    };
    await insertParticipant(trx, participant);
    const issued = await issueToken(ctx, { sessionId: session.id, role: 'participant', participantId: participant.id, hours: ctx.config.participantTokenHours }, trx);
    return { participant, token: issued.token };
  });
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
  const target = sessionTarget(session);
  // An account outside the session's space is told nothing exists, as on REST.
  if (actor.kind === 'user' && !can(actor, 'space:read', { spaceId: session.space_id })) throw new AppError('not_found', 'no such board');
  if (!can(actor, 'board:read', target)) throw new AppError('forbidden', 'this board belongs to another session');
  const participant = actor.kind === 'token' && actor.participantId ? await findParticipantById(ctx.db, actor.participantId) : undefined;
  const scribeHere = participant?.scribe === 1 && (participant.room ? participant.room === board.room : board.kind === 'main');
  // A closed session's boards are frozen: nobody writes them until it is reopened.
  const writer = can(actor, 'board:write-direct', target) || scribeHere;
  return { board, session, target, participant, canWrite: writer && session.status === 'open' };
}
